"""Exports the trained checkpoint to the folder layout transformers.js 4.x loads as model_type gpt2, plus the
attention probe. Cached decoder I/O: input_ids, attention_mask, position_ids, past_key_values.{i}.key|value ->
logits, present.{i}.key|value; only batch and sequence lengths are symbolic (transformers.js builds the empty
cache from the declared shapes, so heads and head size must be numbers).
"""
import json
import os

import onnx
import torch

import bpe
from model import GPT

OPSET = 17  # native LayerNormalization; 18 is refused by Debian's torch 1.13


class CachedDecoder(torch.nn.Module):
    def __init__(self, gpt, layers):
        super().__init__()
        self.gpt, self.layers = gpt, layers

    def forward(self, input_ids, attention_mask, position_ids, *flat_past):
        past = [(flat_past[2 * i], flat_past[2 * i + 1]) for i in range(self.layers)]
        logits, presents = self.gpt(input_ids, attention_mask, position_ids, past)
        return (logits, *[t for kv in presents for t in kv])


class AttentionProbe(torch.nn.Module):
    def __init__(self, gpt):
        super().__init__()
        self.gpt = gpt

    def forward(self, input_ids):
        _, attns = self.gpt(input_ids, want_attn=True)
        return tuple(attns)


def load(checkpoint):
    ckpt = torch.load(checkpoint)
    hp = ckpt["result"]["hyperparameters"]
    tok = bpe.Tokenizer(ckpt["merges"])
    gpt = GPT(tok.vocab_size, hp["context"], hp["layers"], hp["d_model"], hp["heads"])
    gpt.load_state_dict(ckpt["state"])
    # Untie the head so its weight is a plain initializer the int8 pass can rewrite (the embedding stays fp32).
    gpt.head.weight = torch.nn.Parameter(gpt.wte.weight.detach().clone())
    gpt.eval()
    return gpt, tok, hp, ckpt["result"]


def export_decoder(gpt, hp, path):
    layers, heads, hd = hp["layers"], hp["heads"], hp["d_model"] // hp["heads"]
    # Traced with batch 2, 3 new tokens and 4 past ones, so no size is frozen at 1.
    b, t, p = 2, 3, 4
    ids = torch.randint(0, 100, (b, t))
    mask = torch.ones(b, p + t, dtype=torch.long)
    pos = torch.arange(p, p + t).unsqueeze(0).expand(b, t).contiguous()
    past = [torch.randn(b, heads, p, hd) for _ in range(2 * layers)]
    past_names = [f"past_key_values.{i}.{kv}" for i in range(layers) for kv in ("key", "value")]
    present_names = [f"present.{i}.{kv}" for i in range(layers) for kv in ("key", "value")]
    axes = {"input_ids": {0: "batch_size", 1: "sequence_length"},
            "attention_mask": {0: "batch_size", 1: "total_sequence_length"},
            "position_ids": {0: "batch_size", 1: "sequence_length"},
            "logits": {0: "batch_size", 1: "sequence_length"}}
    axes.update({n: {0: "batch_size", 2: "past_sequence_length"} for n in past_names})
    axes.update({n: {0: "batch_size", 2: "total_sequence_length"} for n in present_names})
    torch.onnx.export(CachedDecoder(gpt, layers), (ids, mask, pos, *past), path, opset_version=OPSET,
                      input_names=["input_ids", "attention_mask", "position_ids", *past_names],
                      output_names=["logits", *present_names], dynamic_axes=axes, do_constant_folding=True)


def export_probe(gpt, hp, path):
    names = [f"attentions.{i}" for i in range(hp["layers"])]
    axes = {"input_ids": {0: "batch_size", 1: "sequence_length"}}
    axes.update({n: {0: "batch_size", 2: "sequence_length", 3: "sequence_length"} for n in names})
    torch.onnx.export(AttentionProbe(gpt), (torch.randint(0, 100, (2, 5)),), path, opset_version=OPSET,
                      input_names=["input_ids"], output_names=names, dynamic_axes=axes, do_constant_folding=True)


def write_configs(folder, tok, hp):
    end = tok.end_id
    config = {"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "n_embd": hp["d_model"],
              "n_layer": hp["layers"], "n_head": hp["heads"], "n_positions": hp["context"], "n_ctx": hp["context"],
              "vocab_size": tok.vocab_size, "bos_token_id": end, "eos_token_id": end, "pad_token_id": end,
              "activation_function": "gelu", "tie_word_embeddings": False}
    generation = {"bos_token_id": end, "eos_token_id": end, "pad_token_id": end, "max_length": hp["context"]}
    for name, data in (("config.json", config), ("generation_config.json", generation)):
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            json.dump(data, f, indent=2)
            f.write("\n")
    bpe.write_tokenizer_files(tok, folder, hp["context"])


def export_all(checkpoint, folder, probe_path):
    """Writes the model folder (configs, tokenizer, fp32 cached decoder) and the fp32 probe at probe_path."""
    gpt, tok, hp, result = load(checkpoint)
    os.makedirs(os.path.join(folder, "onnx"), exist_ok=True)
    write_configs(folder, tok, hp)
    with torch.no_grad():
        export_decoder(gpt, hp, os.path.join(folder, "onnx", "model.onnx"))
        export_probe(gpt, hp, probe_path)
    for path in (os.path.join(folder, "onnx", "model.onnx"), probe_path):
        onnx.checker.check_model(onnx.load(path))
    return gpt, tok, hp, result
