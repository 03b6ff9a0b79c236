"""Byte-level BPE (GPT-2 style) trainer and encoder, and the Hugging Face tokenizer.json that transformers.js loads.

Ids 0-255 are the 256 byte symbols (id = byte value), then one id per learned merge, then <|endoftext|> last.
Ties between equally frequent pairs go to the smallest (left id, right id), so training is deterministic.
"""
import json
from collections import Counter, defaultdict

import regex

END_TOKEN = "<|endoftext|>"
# The GPT-2 split that the ByteLevel pre-tokenizer (use_regex: true) applies; must match it exactly.
SPLIT = regex.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")


def bytes_to_unicode():
    """GPT-2's printable stand-in character for each byte (so vocab entries are plain strings)."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, (chr(c) for c in cs)))


BYTE_CHAR = bytes_to_unicode()


def pretokenize(text):
    return SPLIT.findall(text)


def train(texts, vocab_size):
    """Learns vocab_size - 257 merges; returns the list of merged (left id, right id) pairs in rank order."""
    words = Counter()
    for text in texts:
        words.update(pretokenize(text))
    seqs = [list(w.encode("utf-8")) for w in words]
    freqs = list(words.values())
    pair_counts = Counter()
    where = defaultdict(set)  # pair -> indices of words containing it
    for i, seq in enumerate(seqs):
        for pair in zip(seq, seq[1:]):
            pair_counts[pair] += freqs[i]
            where[pair].add(i)
    merges = []
    for new_id in range(256, vocab_size - 1):
        if not pair_counts:
            break
        best = max(pair_counts.items(), key=lambda kv: (kv[1], -kv[0][0], -kv[0][1]))
        pair, count = best
        if count < 2:
            break
        merges.append(pair)
        for i in list(where[pair]):
            seq, f = seqs[i], freqs[i]
            for p in zip(seq, seq[1:]):  # remove this word's old pairs, then add its new ones
                pair_counts[p] -= f
                if pair_counts[p] <= 0:
                    del pair_counts[p]
            merged, j = [], 0
            while j < len(seq):
                if j + 1 < len(seq) and (seq[j], seq[j + 1]) == pair:
                    merged.append(new_id)
                    j += 2
                else:
                    merged.append(seq[j])
                    j += 1
            seqs[i] = merged
            for p in zip(merged, merged[1:]):
                pair_counts[p] += f
                where[p].add(i)
        where.pop(pair, None)
    return merges


class Tokenizer:
    def __init__(self, merges):
        self.merges = merges
        self.rank = {pair: r for r, pair in enumerate(merges)}
        self.end_id = 256 + len(merges)
        self.vocab_size = self.end_id + 1
        self.cache = {}

    def encode_word(self, word):
        if word in self.cache:
            return self.cache[word]
        seq = list(word.encode("utf-8"))
        while len(seq) > 1:
            ranked = [(self.rank.get(p, 1 << 30), k) for k, p in enumerate(zip(seq, seq[1:]))]
            r, k = min(ranked)
            if r == 1 << 30:
                break
            seq = seq[:k] + [256 + r] + seq[k + 2:]
        self.cache[word] = seq
        return seq

    def encode(self, text):
        return [t for w in pretokenize(text) for t in self.encode_word(w)]

    def token_bytes(self):
        table = [bytes([b]) for b in range(256)]
        for a, b in self.merges:
            table.append(table[a] + table[b])
        return table

    def decode(self, ids):
        table = self.token_bytes()
        return b"".join(table[i] for i in ids if i != self.end_id).decode("utf-8", errors="replace")

    def to_hf_json(self):
        """The tokenizer.json (Hugging Face tokenizers format) for a GPT-2 byte-level BPE."""
        names = ["".join(BYTE_CHAR[x] for x in b) for b in self.token_bytes()]
        vocab = {name: i for i, name in enumerate(names)}
        vocab[END_TOKEN] = self.end_id
        byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}
        return {
            "version": "1.0",
            "truncation": None,
            "padding": None,
            "added_tokens": [{"id": self.end_id, "content": END_TOKEN, "single_word": False, "lstrip": False,
                              "rstrip": False, "normalized": True, "special": True}],
            "normalizer": None,
            "pre_tokenizer": byte_level,
            "post_processor": byte_level,
            "decoder": byte_level,
            "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                      "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False, "vocab": vocab,
                      "merges": [f"{names[a]} {names[b]}" for a, b in self.merges]},
        }


def write_tokenizer_files(tok, folder, context):
    with open(f"{folder}/tokenizer.json", "w", encoding="utf-8") as f:
        json.dump(tok.to_hf_json(), f, ensure_ascii=False)
    config = {"tokenizer_class": "GPT2Tokenizer", "bos_token": END_TOKEN, "eos_token": END_TOKEN,
              "unk_token": END_TOKEN, "pad_token": END_TOKEN, "model_max_length": context,
              "add_prefix_space": False, "add_bos_token": False, "clean_up_tokenization_spaces": False}
    with open(f"{folder}/tokenizer_config.json", "w", encoding="utf-8") as f:
        json.dump(config, f, ensure_ascii=False, indent=2)
