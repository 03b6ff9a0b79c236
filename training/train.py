"""Trains the tokenizer and the tiny GPT on training/build/corpus.txt; writes training/build/checkpoint.pt.

Reproducible: fixed seeds, a fixed number of steps (not a time budget), 2 threads. The held-out split is a seeded
8% of the corpus's paragraphs, so every topic is in training and the held-out text was never seen verbatim.
"""
import json
import math
import os
import random
import sys
import time

import torch

import bpe
from model import GPT

HP = {
    "vocab_size": 2048, "context": 256, "layers": 4, "d_model": 256, "heads": 8, "dropout": 0.1,
    "batch": 8, "steps": 560, "lr": 2e-3, "min_lr": 1e-4, "warmup": 50, "weight_decay": 0.1,
    "heldout_fraction": 0.08, "seed": 1234,
}


def split_corpus(docs, fraction, seed):
    """Paragraph-level split; each side keeps its document boundaries (an end token after each document)."""
    rng = random.Random(seed)
    train_docs, held_docs = [], []
    for doc in docs:
        paras = doc.split("\n\n")
        keep, held = [], []
        for i, p in enumerate(paras):
            # The first paragraph (title and summary) always trains: the prompts most like it.
            (held if i > 0 and rng.random() < fraction else keep).append(p)
        train_docs.append("\n\n".join(keep))
        if held:
            held_docs.append("\n\n".join(held))
    return train_docs, held_docs


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
    progress = (step - HP["warmup"]) / max(1, HP["steps"] - HP["warmup"])
    return HP["min_lr"] + 0.5 * (HP["lr"] - HP["min_lr"]) * (1 + math.cos(math.pi * progress))


def main(corpus_path, out_path):
    if os.environ.get("TRAIN_STEPS"):  # only for debugging the pipeline quickly; the shipped model uses HP
        HP["steps"] = int(os.environ["TRAIN_STEPS"])
    torch.set_num_threads(2)
    torch.manual_seed(HP["seed"])
    random.seed(HP["seed"])
    started = time.time()
    docs = open(corpus_path, encoding="utf-8").read().split("\x1e")
    train_docs, held_docs = split_corpus(docs, HP["heldout_fraction"], HP["seed"])
    merges = bpe.train(train_docs, HP["vocab_size"])
    tok = bpe.Tokenizer(merges)
    train_ids, held_ids = stream(tok, train_docs), stream(tok, held_docs)
    print(f"tokens: train {len(train_ids)}, held-out {len(held_ids)}; merges {len(merges)}", flush=True)
    model = GPT(tok.vocab_size, HP["context"], HP["layers"], HP["d_model"], HP["heads"], HP["dropout"])
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": HP["weight_decay"]},
                             {"params": no_decay, "weight_decay": 0.0}], lr=HP["lr"], betas=(0.9, 0.95))
    gen = torch.Generator().manual_seed(HP["seed"])
    ctx, curve = HP["context"], []
    for step in range(HP["steps"]):
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
        if step % 100 == 0 or step == HP["steps"] - 1:
            held = mean_loss(model, held_ids, ctx)
            curve.append({"step": step, "batch_loss": round(loss.item(), 4), "heldout_loss": round(held, 4)})
            print(f"step {step} loss {loss.item():.3f} held-out {held:.3f} ({time.time() - started:.0f} s)", flush=True)
    result = {
        "hyperparameters": HP,
        "train_loss": round(mean_loss(model, train_ids, ctx), 4),
        "heldout_loss": round(mean_loss(model, held_ids, ctx), 4),
        "train_tokens": len(train_ids), "heldout_tokens": len(held_ids),
        "corpus_bytes": len("".join(docs).encode("utf-8")), "corpus_documents": len(docs),
        "curve": curve, "train_seconds": round(time.time() - started, 1),
        "torch_version": torch.__version__, "threads": torch.get_num_threads(),
    }
    print(json.dumps({k: v for k, v in result.items() if k != "curve"}), flush=True)
    torch.save({"state": model.state_dict(), "merges": merges, "result": result}, out_path)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
