"""How the corpus is divided (no torch here, so the split can be checked and the frozen text made without it).

- heldout-frozen.txt: paragraphs saved once (2026-12-07) that no corpus trains on, even after the lessons are
  edited: every corpus paragraph overlapping one of them (by shared 8-character shingles) is left out. Bits per byte
  on this text compare any two models, whatever their tokenizers (npm run eval:model).
- The rest is split by paragraph, seeded: 8% for early stopping (validation), the others for training.
"""
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
FROZEN_PATH = os.path.join(HERE, "heldout-frozen.txt")
SHINGLE_CHARS = 8
# A paragraph sharing this share of its shingles with one frozen paragraph is the same paragraph, perhaps edited.
OVERLAP_SHARE = 0.5


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


def read_frozen(path=FROZEN_PATH):
    """The frozen paragraphs (the file's '#' header lines skipped)."""
    text = "".join(line for line in open(path, encoding="utf-8") if not line.startswith("#"))
    return [p.strip("\n") for p in text.split("\n\n") if p.strip()]


def shingles(text):
    squeezed = re.sub(r"\s+", "", text)
    return {squeezed[i:i + SHINGLE_CHARS] for i in range(max(1, len(squeezed) - SHINGLE_CHARS + 1))}


def without_frozen(docs, frozen):
    """Docs with every paragraph that overlaps a frozen one removed; and how many were removed."""
    frozen_sets = [shingles(p) for p in frozen]
    index = {}
    for n, s in enumerate(frozen_sets):
        for g in s:
            index.setdefault(g, set()).add(n)
    removed, out = 0, []
    for doc in docs:
        kept = []
        for p in doc.split("\n\n"):
            mine = shingles(p)
            counts = {}
            for g in mine:
                for n in index.get(g, ()):
                    counts[n] = counts.get(n, 0) + 1
            if any(c / len(mine) >= OVERLAP_SHARE or c / len(frozen_sets[n]) >= OVERLAP_SHARE for n, c in counts.items()):
                removed += 1
            else:
                kept.append(p)
        if kept:
            out.append("\n\n".join(kept))
    return out, removed
