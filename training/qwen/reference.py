"""A numpy forward pass of Qwen2, written from transformers' modeling_qwen2.py (eager attention, fp32), NOT from the
graph builder: it is what the exported ONNX graphs are checked against. Weights are read by their HF names from the
fp32 model.onnx (inline or external data); MatMul weights there are stored [in, out], i.e. nn.Linear's weight^T.

  /usr/bin/python3 training/qwen/reference.py <model-dir> <inputs.json> [--logits-bin FILE]

inputs.json: {"input_ids": [[..]], "attention_mask": [[..]], "position_ids": [[..]]} (no past). Prints JSON
{"logits_last": [[vocab floats of each row's last position]], "logits_shape": [...], "present_shapes": [...]};
--logits-bin also writes all logits as little-endian float32, row-major [batch, seq, vocab].
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, numpy_helper


def load_weights(model_dir):
    path = os.path.join(model_dir, "onnx", "model.onnx")
    model = onnx.load(path, load_external_data=False)
    weights = {}
    for t in model.graph.initializer:
        if t.data_location == TensorProto.EXTERNAL:
            info = {e.key: e.value for e in t.external_data}
            weights[t.name] = np.memmap(os.path.join(os.path.dirname(path), info["location"]), dtype=np.float32, mode="r",
                                        offset=int(info.get("offset", 0)), shape=tuple(t.dims))
        else:
            weights[t.name] = numpy_helper.to_array(t)
    with open(os.path.join(model_dir, "config.json"), encoding="utf-8") as f:
        return json.load(f), weights


def rms_norm(x, weight, eps):  # Qwen2RMSNorm: fp32 variance, x * rsqrt(var + eps), then weight * x
    variance = np.mean(x * x, axis=-1, keepdims=True)
    return weight * (x / np.sqrt(variance + np.float32(eps)))


def linear(x, w_in_out, bias=None):  # nn.Linear(x) = x @ W^T + b, with W = w_in_out^T
    weight = np.asarray(w_in_out).T  # HF layout [out, in]
    y = x @ weight.T
    return y + bias if bias is not None else y


def rotate_half(x):
    half = x.shape[-1] // 2
    return np.concatenate([-x[..., half:], x[..., :half]], axis=-1)


def forward(config, w, input_ids, attention_mask, position_ids, past=None):
    """Returns (logits [B, S, V], presents [(key, value)] each [B, KV, past + S, head_dim])."""
    input_ids, attention_mask, position_ids = (np.asarray(a, dtype=np.int64) for a in (input_ids, attention_mask, position_ids))
    hidden, heads, kv_heads = config["hidden_size"], config["num_attention_heads"], config["num_key_value_heads"]
    head_dim, eps = hidden // heads, config["rms_norm_eps"]
    batch, seq = input_ids.shape
    past_len = past[0][0].shape[2] if past else 0
    total = past_len + seq

    # Qwen2RotaryEmbedding (default rope): inv_freq = 1 / theta^(arange(0, d, 2) / d), freqs = pos * inv_freq.
    inv_freq = np.float32(1.0) / (np.float32(config["rope_theta"]) ** (np.arange(0, head_dim, 2).astype(np.float32) / np.float32(head_dim)))
    freqs = position_ids.astype(np.float32)[:, :, None] * inv_freq[None, None, :]
    emb = np.concatenate([freqs, freqs], axis=-1)
    cos, sin = np.cos(emb)[:, None], np.sin(emb)[:, None]  # [B, 1, S, d]

    # The 4-D mask: min where key j > cache_position i (causal) or attention_mask[b, j] == 0, else 0.
    cache_position = np.arange(past_len, total)
    allowed = (np.arange(total)[None, :] <= cache_position[:, None])[None, None] & (attention_mask[:, None, None, :] == 1)
    mask = np.where(allowed, np.float32(0), np.finfo(np.float32).min).astype(np.float32)

    x = np.asarray(w["model.embed_tokens.weight"])[input_ids].astype(np.float32)
    presents = []
    for i in range(config["num_hidden_layers"]):
        p = f"model.layers.{i}"
        residual = x
        h = rms_norm(x, w[f"{p}.input_layernorm.weight"], eps)
        q = linear(h, w[f"{p}.self_attn.q_proj.weight"], w[f"{p}.self_attn.q_proj.bias"]).reshape(batch, seq, heads, head_dim).transpose(0, 2, 1, 3)
        k = linear(h, w[f"{p}.self_attn.k_proj.weight"], w[f"{p}.self_attn.k_proj.bias"]).reshape(batch, seq, kv_heads, head_dim).transpose(0, 2, 1, 3)
        v = linear(h, w[f"{p}.self_attn.v_proj.weight"], w[f"{p}.self_attn.v_proj.bias"]).reshape(batch, seq, kv_heads, head_dim).transpose(0, 2, 1, 3)
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        if past:
            k, v = np.concatenate([past[i][0], k], axis=2), np.concatenate([past[i][1], v], axis=2)
        presents.append((k, v))
        groups = heads // kv_heads  # repeat_kv: query head h reads kv head h // groups
        k_all, v_all = np.repeat(k, groups, axis=1), np.repeat(v, groups, axis=1)
        scores = (q @ k_all.transpose(0, 1, 3, 2)) * np.float32(head_dim ** -0.5) + mask
        scores = scores - scores.max(axis=-1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=-1, keepdims=True)
        ctx = (probs @ v_all).transpose(0, 2, 1, 3).reshape(batch, seq, heads * head_dim)
        x = residual + linear(ctx, w[f"{p}.self_attn.o_proj.weight"])
        residual = x
        h = rms_norm(x, w[f"{p}.post_attention_layernorm.weight"], eps)
        gate = linear(h, w[f"{p}.mlp.gate_proj.weight"])
        x = residual + linear((gate / (1 + np.exp(-gate))) * linear(h, w[f"{p}.mlp.up_proj.weight"]), w[f"{p}.mlp.down_proj.weight"])
    x = rms_norm(x, w["model.norm.weight"], eps)
    logits = x @ np.asarray(w["model.embed_tokens.weight"]).T  # tie_word_embeddings: lm_head.weight = embed_tokens.weight
    return logits.astype(np.float32), presents


def main(argv):
    bin_path = None
    if "--logits-bin" in argv:
        at = argv.index("--logits-bin")
        bin_path, argv = argv[at + 1], argv[:at] + argv[at + 2:]
    model_dir, inputs_path = argv
    config, weights = load_weights(model_dir)
    with open(inputs_path, encoding="utf-8") as f:
        inputs = json.load(f)
    logits, presents = forward(config, weights, inputs["input_ids"], inputs["attention_mask"], inputs["position_ids"])
    if bin_path:
        logits.astype("<f4").tofile(bin_path)
    print(json.dumps({"logits_last": logits[:, -1].tolist(), "logits_shape": list(logits.shape),
                      "present_shapes": [list(t.shape) for kv in presents for t in kv]}))


if __name__ == "__main__":
    main(sys.argv[1:])
