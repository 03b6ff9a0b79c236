"""Fine-tunes the shipped base model (models/gpt-tutor-tiny) into models/gpt-tutor-tiny-chat: the same weights,
trained further on labelled question -> answer pairs (training/build/chat-pairs.json, written by
export-chat-data.ts through the stage's chat template). Run through `npm run train:chat`.

- Starts from the base model's committed fp32 ONNX weights (no training checkpoint is needed, so anyone can rerun the
  fine-tuning from a clean clone) and its tokenizer: the vocabulary does not change.
- The loss is on the answer tokens only (and the end token that closes the turn): the model learns to answer, not to
  write questions. AdamW at a small constant learning rate after a warm-up, batches of padded pairs, fixed seeds.
- Model selection by what the stage is for: every `eval_every` steps each validation question (a fact's 5th
  phrasing, never trained) is answered greedily, and the state whose answers state their key fact most often is kept
  (ties: the lower validation loss); training stops after `patience` measurements without a better one. (The
  validation loss alone misleads: it kept falling while new phrasings were answered no better.)
- Exports the same layout as the base (export_onnx.py), int8 only (quantize.py), and a chat_template in
  tokenizer_config.json, so the tutor runs it through the chat-template path a hub instruct model takes.
Needs Debian's torch and onnx (see training/README.md); run with /usr/bin/python3.
"""
import copy
import datetime
import json
import os
import random
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from build_common import listed_files, require_toolchain, scripts_sha256, sha256  # noqa: E402

require_toolchain()
import onnx  # noqa: E402
import torch  # noqa: E402
from onnx import numpy_helper  # noqa: E402

import bpe  # noqa: E402
import export_onnx  # noqa: E402
import quantize  # noqa: E402
from model import GPT  # noqa: E402

BASE, NAME = "gpt-tutor-tiny", "gpt-tutor-tiny-chat"
SCRIPT_VERSION = "1.0.0"
SOURCES = ["export-chat-data.ts", "chat-data/chat-template.jinja", "chat-data/facts.json", "finetune.py",
           "export_onnx.py", "quantize.py", "model.py", "build_common.py"]
HP = {"lr": 3e-4, "warmup": 30, "batch": 16, "max_steps": 2000, "eval_every": 100, "patience": 4, "answer_tokens": 24,
      "dropout": 0.1, "weight_decay": 0.0, "seed": 1234}


def base_tokenizer(folder):
    """bpe.Tokenizer from the base's tokenizer.json (its merges, in rank order)."""
    with open(os.path.join(folder, "tokenizer.json"), encoding="utf-8") as f:
        model = json.load(f)["model"]
    vocab = model["vocab"]
    return bpe.Tokenizer([tuple(vocab[name] for name in merge.split(" ")) for merge in model["merges"]])


def base_model(folder, dropout):
    """The base GPT with the weights of its fp32 ONNX graph. Linear weights are stored transposed as MatMul
    initializers, in graph order: per block qkv, proj, fc, out; then the (untied) head."""
    with open(os.path.join(folder, "config.json"), encoding="utf-8") as f:
        config = json.load(f)
    layers, d, heads = config["n_layer"], config["n_embd"], config["n_head"]
    gpt = GPT(config["vocab_size"], config["n_positions"], layers, d, heads, dropout)
    graph = onnx.load(os.path.join(folder, "onnx", "model.onnx")).graph
    init = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in graph.initializer}
    matmuls = [init[n.input[1]] for n in graph.node if n.op_type == "MatMul" and n.input[1] in init]
    if len(matmuls) != 4 * layers + 1:
        raise SystemExit(f"{folder}: expected {4 * layers + 1} weight MatMuls, found {len(matmuls)}")
    state = {name[len("gpt."):]: tensor for name, tensor in init.items() if name.startswith("gpt.")}
    for i in range(layers):
        for k, part in enumerate(("qkv", "proj", "fc", "out")):
            state[f"blocks.{i}.{part}.weight"] = matmuls[4 * i + k].T.contiguous()
    head = matmuls[-1].T.contiguous()
    if not torch.equal(head, state["wte.weight"]):
        raise SystemExit(f"{folder}: the head is not the embedding transposed (weights read in the wrong order?)")
    state["head.weight"] = state["wte.weight"]
    gpt.load_state_dict(state)
    return gpt, config


def encode_pairs(tok, pairs, context):
    """(input ids, target ids with -100 on the prompt) for each pair; the answer is closed by the end token."""
    out = []
    for pair in pairs:
        prompt, answer = tok.encode(pair["prompt"]), tok.encode(pair["completion"]) + [tok.end_id]
        ids = (prompt + answer)[:context + 1]
        targets = ([-100] * len(prompt) + answer)[:context + 1]
        out.append((ids[:-1], targets[1:]))
    return out


def batch_of(examples, pad):
    width = max(len(x) for x, _ in examples)
    x = torch.full((len(examples), width), pad, dtype=torch.long)
    y = torch.full((len(examples), width), -100, dtype=torch.long)
    for row, (ids, targets) in enumerate(examples):
        x[row, :len(ids)] = torch.tensor(ids)
        y[row, :len(targets)] = torch.tensor(targets)
    return x, y


@torch.no_grad()
def answer_loss(model, examples, pad):
    """Mean loss per answer token (padding after a row's end is masked out of the targets, and causal attention never
    lets a real token see it)."""
    model.eval()
    total, count = 0.0, 0
    for start in range(0, len(examples), 32):
        x, y = batch_of(examples[start:start + 32], pad)
        logits, _ = model(x)
        total += torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1),
                                                   ignore_index=-100, reduction="sum").item()
        count += (y != -100).sum().item()
    model.train()
    return total / count


@torch.no_grad()
def key_accuracy(model, tok, pairs):
    """Share of validation questions whose greedy answer (its first `answer_tokens` tokens) states the fact's key.
    All questions decode at once, left-padded (masked, positions counted from each row's first real token)."""
    model.eval()
    prompts = [tok.encode(pair["prompt"]) for pair in pairs]
    width = max(len(p) for p in prompts)
    x = torch.tensor([[tok.end_id] * (width - len(p)) + p for p in prompts])
    mask = torch.tensor([[0] * (width - len(p)) + [1] * len(p) for p in prompts])
    new = []
    for _ in range(HP["answer_tokens"]):
        positions = (mask.cumsum(1) - 1).clamp(min=0)
        logits, _ = model(x, attention_mask=mask, position_ids=positions)
        token = logits[:, -1].argmax(-1)
        new.append(token)
        x = torch.cat([x, token[:, None]], dim=1)
        mask = torch.cat([mask, torch.ones_like(token)[:, None]], dim=1)
    correct = 0
    for row, pair in enumerate(pairs):
        ids = [int(t[row]) for t in new]
        text = tok.decode(ids[:ids.index(tok.end_id)] if tok.end_id in ids else ids).lower()
        correct += any(k.lower() in text for k in pair["key"])
    model.train()
    return correct / len(pairs)


def train(model, tok, train_set, validation, context, validation_pairs):
    torch.manual_seed(HP["seed"])
    rng = random.Random(HP["seed"])
    opt = torch.optim.AdamW(model.parameters(), lr=HP["lr"], betas=(0.9, 0.95), weight_decay=HP["weight_decay"])
    pad = tok.end_id
    best = {"accuracy": key_accuracy(model, tok, validation_pairs), "loss": answer_loss(model, validation, pad),
            "step": 0, "state": copy.deepcopy(model.state_dict())}
    curve = [{"step": 0, "validation_loss": round(best["loss"], 4), "validation_accuracy": round(best["accuracy"], 4)}]
    print(f"step 0 validation {best['loss']:.3f}, key stated {best['accuracy']:.3f} (the base model)", flush=True)
    started, since_best, order = time.time(), 0, []
    model.train()
    for step in range(HP["max_steps"]):
        if len(order) < HP["batch"]:
            order += rng.sample(range(len(train_set)), len(train_set))  # epochs, each in a new order
        x, y = batch_of([train_set[i] for i in order[:HP["batch"]]], pad)
        del order[:HP["batch"]]
        for group in opt.param_groups:
            group["lr"] = HP["lr"] * min(1.0, (step + 1) / HP["warmup"])
        logits, _ = model(x)
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1), ignore_index=-100)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if (step + 1) % HP["eval_every"] == 0:
            held, accuracy = answer_loss(model, validation, pad), key_accuracy(model, tok, validation_pairs)
            curve.append({"step": step + 1, "batch_loss": round(loss.item(), 4), "validation_loss": round(held, 4),
                          "validation_accuracy": round(accuracy, 4)})
            print(f"step {step + 1} loss {loss.item():.3f} validation {held:.3f}, key stated {accuracy:.3f} "
                  f"({time.time() - started:.0f} s)", flush=True)
            if (accuracy, -held) > (best["accuracy"], -best["loss"]):
                best = {"accuracy": accuracy, "loss": held, "step": step + 1, "state": copy.deepcopy(model.state_dict())}
                since_best = 0
            else:
                since_best += 1
                if since_best >= HP["patience"]:
                    break
    model.load_state_dict(best["state"])
    return {"best_step": best["step"], "steps_run": curve[-1]["step"], "validation_loss": round(best["loss"], 4),
            "validation_accuracy": round(best["accuracy"], 4), "base_validation_loss": curve[0]["validation_loss"],
            "base_validation_accuracy": curve[0]["validation_accuracy"], "curve": curve,
            "seconds": round(time.time() - started, 1)}


def export(model, tok, config, folder, template):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(os.path.join(folder, "onnx"))
    hp = {"layers": config["n_layer"], "heads": config["n_head"], "d_model": config["n_embd"],
          "context": config["n_positions"]}
    model.eval()
    model.head.weight = torch.nn.Parameter(model.wte.weight.detach().clone())  # untied, as export_onnx.load does
    export_onnx.write_configs(folder, tok, hp)
    config_path = os.path.join(folder, "tokenizer_config.json")
    with open(config_path, encoding="utf-8") as f:
        tokenizer_config = json.load(f)
    tokenizer_config["chat_template"] = template
    with open(config_path, "w", encoding="utf-8") as f:
        json.dump(tokenizer_config, f, ensure_ascii=False, indent=2)
        f.write("\n")
    fp32 = os.path.join(HERE, "build", "chat-model.onnx")
    with torch.no_grad():
        export_onnx.export_decoder(model, hp, fp32)
    onnx.checker.check_model(onnx.load(fp32))
    # int8 only: the stage ships what the tutor runs (the fp32 graph stays in training/build).
    quantize.quantize(fp32, os.path.join(folder, "onnx", "model_quantized.onnx"))


def write_manifest(folder, base_folder, data, result, started):
    with open(os.path.join(base_folder, "manifest.json"), encoding="utf-8") as f:
        base = json.load(f)
    count = lambda prefix: sum(1 for p in data["train"] if p["source"].startswith(prefix))  # noqa: E731
    manifest = {
        "name": NAME,
        "description": f"{BASE} fine-tuned on labelled question -> answer pairs from gpt-tutor's curriculum (en, zh).",
        "stage": "fine-tuned",
        "base": {"name": BASE, "script_version": base["script_version"],
                 "model_sha256": sha256(os.path.join(base_folder, "onnx", "model.onnx"))},
        "script_version": SCRIPT_VERSION,
        "scripts_sha256": scripts_sha256(HERE, SOURCES),
        "created": datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat(),
        "architecture": base["architecture"],
        "data": {"heldout_questions_sha256": sha256(os.path.join(HERE, "chat-data", "heldout-questions.json")),
                 "train_pairs": len(data["train"]), "validation_pairs": len(data["validation"]),
                 "fact_pairs": count("fact:"), "quiz_pairs": count("quiz:")},
        "training": {**result, "hyperparameters": HP, "threads": torch.get_num_threads(), "torch": torch.__version__,
                     "onnx": onnx.__version__, "opset": export_onnx.OPSET,
                     "total_seconds": round(time.time() - started, 1)},
        "files": listed_files(folder),
    }
    with open(os.path.join(folder, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2, ensure_ascii=False)
        f.write("\n")


def main(models_dir):
    started = time.time()
    HP.update(json.loads(os.environ.get("FINETUNE_HP", "{}")))
    torch.set_num_threads(2)
    base_folder, folder = os.path.join(models_dir, BASE), os.path.join(models_dir, NAME)
    with open(os.path.join(HERE, "build", "chat-pairs.json"), encoding="utf-8") as f:
        data = json.load(f)
    tok = base_tokenizer(base_folder)
    model, config = base_model(base_folder, HP["dropout"])
    context = config["n_positions"]
    train_set = encode_pairs(tok, data["train"], context)
    validation = encode_pairs(tok, data["validation"], context)
    print(f"pairs: train {len(train_set)}, validation {len(validation)}; answer tokens "
          f"{sum(sum(1 for t in y if t != -100) for _, y in train_set)}", flush=True)
    result = train(model, tok, train_set, validation, context, data["validation"])
    export(model, tok, config, folder, data["template"])
    write_manifest(folder, base_folder, data, result, started)
    print(json.dumps({"folder": folder, **{k: v for k, v in result.items() if k != "curve"},
                      "total_seconds": round(time.time() - started)}), flush=True)


if __name__ == "__main__":
    main(os.path.normpath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "models")))
