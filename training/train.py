"""Trains the tokenizer and the tiny GPT on training/build/corpus.txt; writes training/build/checkpoint.pt.

Reproducible: fixed seeds, 2 threads, early stopping by steps (not by time): the validation loss is measured every
`eval_every` steps and the best checkpoint is kept; training stops after `patience` measurements without a new best,
or at `max_steps`. Paragraphs overlapping the frozen held-out text (heldout-frozen.txt) never train; of the rest a
seeded 8% is the validation split (corpus_split.py), so every topic is in training.
"""
import copy
import json
import math
import os
import random
import sys
import time

import torch

import bpe
import corpus_split
from model import GPT

HP = {
    "vocab_size": 2048, "context": 256, "layers": 4, "d_model": 256, "heads": 8, "dropout": 0.1,
    "batch": 8, "max_steps": 3000, "eval_every": 50, "patience": 8, "lr": 2e-3, "min_lr": 1e-4, "warmup": 50,
    "weight_decay": 0.1, "heldout_fraction": 0.08, "seed": 1234,
}


def stream(tok, docs):
    ids = []
    for d in docs:
        ids += tok.encode(d) + [tok.end_id]
    return torch.tensor(ids, dtype=torch.long)


@torch.no_grad()
def mean_loss(model, data, context):
    """Mean next-token loss over consecutive non-overlapping windows (every token predicted once)."""
    model.eval()
    total, count = 0.0, 0
    for start in range(0, len(data) - 1, context):
        x = data[start:start + context + 1]
        if len(x) < 2:
            break
        logits, _ = model(x[:-1].unsqueeze(0))
        loss = torch.nn.functional.cross_entropy(logits[0], x[1:], reduction="sum")
        total, count = total + loss.item(), count + len(x) - 1
    model.train()
    return total / count


def lr_at(step):
    if step < HP["warmup"]:
        return HP["lr"] * (step + 1) / HP["warmup"]
    progress = (step - HP["warmup"]) / max(1, HP["max_steps"] - HP["warmup"])
    return HP["min_lr"] + 0.5 * (HP["lr"] - HP["min_lr"]) * (1 + math.cos(math.pi * progress))


def main(corpus_path, out_path):
    # Experiments override hyper-parameters without editing the file: TRAIN_HP='{"dropout": 0.2}'.
    HP.update(json.loads(os.environ.get("TRAIN_HP", "{}")))
    torch.set_num_threads(2)
    torch.manual_seed(HP["seed"])
    random.seed(HP["seed"])
    started = time.time()
    docs = open(corpus_path, encoding="utf-8").read().split("\x1e")
    docs, frozen_removed = corpus_split.without_frozen(docs, corpus_split.read_frozen())
    train_docs, held_docs = corpus_split.split_corpus(docs, HP["heldout_fraction"], HP["seed"])
    merges = bpe.train(train_docs, HP["vocab_size"])
    tok = bpe.Tokenizer(merges)
    train_ids, held_ids = stream(tok, train_docs), stream(tok, held_docs)
    print(f"tokens: train {len(train_ids)}, validation {len(held_ids)}; merges {len(merges)}; "
          f"{frozen_removed} paragraphs left out (frozen held-out)", flush=True)
    model = GPT(tok.vocab_size, HP["context"], HP["layers"], HP["d_model"], HP["heads"], HP["dropout"])
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": HP["weight_decay"]},
                             {"params": no_decay, "weight_decay": 0.0}], lr=HP["lr"], betas=(0.9, 0.95))
    gen = torch.Generator().manual_seed(HP["seed"])
    ctx, curve = HP["context"], []
    best = {"loss": float("inf"), "step": -1, "state": None}
    since_best = 0
    for step in range(HP["max_steps"]):
        starts = torch.randint(0, len(train_ids) - ctx - 1, (HP["batch"],), generator=gen)
        x = torch.stack([train_ids[s:s + ctx] for s in starts])
        y = torch.stack([train_ids[s + 1:s + ctx + 1] for s in starts])
        for group in opt.param_groups:
            group["lr"] = lr_at(step)
        logits, _ = model(x)
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if (step + 1) % HP["eval_every"] == 0 or step == HP["max_steps"] - 1:
            held = mean_loss(model, held_ids, ctx)
            curve.append({"step": step + 1, "batch_loss": round(loss.item(), 4), "heldout_loss": round(held, 4)})
            print(f"step {step + 1} loss {loss.item():.3f} validation {held:.3f} ({time.time() - started:.0f} s)", flush=True)
            if held < best["loss"]:
                best = {"loss": held, "step": step + 1, "state": copy.deepcopy(model.state_dict())}
                since_best = 0
            else:
                since_best += 1
                if since_best >= HP["patience"]:
                    break
            # Experiments compare variants at the same step on the same schedule: TRAIN_HP='{"stop_at": 400, …}'.
            if HP.get("stop_at") and step + 1 >= HP["stop_at"]:
                break
    model.load_state_dict(best["state"])
    result = {
        "hyperparameters": HP,
        "best_step": best["step"], "steps_run": curve[-1]["step"],
        "train_loss": round(mean_loss(model, train_ids, ctx), 4),
        "heldout_loss": round(best["loss"], 4),
        "train_tokens": len(train_ids), "heldout_tokens": len(held_ids), "frozen_paragraphs_left_out": frozen_removed,
        "corpus_bytes": len("".join(docs).encode("utf-8")), "corpus_documents": len(docs),
        "curve": curve, "train_seconds": round(time.time() - started, 1),
        "torch_version": torch.__version__, "threads": torch.get_num_threads(),
    }
    print(json.dumps({k: v for k, v in result.items() if k != "curve"}), flush=True)
    torch.save({"state": model.state_dict(), "merges": merges, "result": result}, out_path)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
