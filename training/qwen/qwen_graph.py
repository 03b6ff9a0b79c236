"""The Qwen2 decoder (as transformers' Qwen2ForCausalLM computes it) as an ONNX graph, built with onnx.helper from
seeded numpy weights: no torch (Debian's python3-torch is ~1 GB and not needed to write a graph of random weights).

Graph I/O is the onnx-community Qwen2.5 export's (what transformers.js 4.x feeds): input_ids, attention_mask,
position_ids, past_key_values.{i}.key|value -> logits, present.{i}.key|value. Only standard opset-17 ops.

Weights are written as they are drawn (WeightSink): inline for the tiny shape, or appended to ONE external-data file
for the full one (2 GB of fp32 is past protobuf's 2 GB limit), so memory holds one tensor at a time, never the model.
MatMul weights are stored [in, out] (x @ W), i.e. the transpose of HF's nn.Linear [out, in]; names are HF's.
"""
import os

import numpy as np
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
NEG = np.float32(np.finfo(np.float32).min)  # HF's mask value: finite, so a fully padded row gives no NaN
CHUNK = 1 << 22  # elements drawn per rng call: fixed, so a shape's weights never depend on memory settings

# Fields every Qwen2.5-0.5B-Instruct config.json carries (the shape-dependent ones come from SHAPES).
BASE_CONFIG = {
    "architectures": ["Qwen2ForCausalLM"], "attention_dropout": 0.0, "bos_token_id": 151643, "eos_token_id": 151645,
    "hidden_act": "silu", "initializer_range": 0.02, "max_position_embeddings": 32768, "model_type": "qwen2",
    "rms_norm_eps": 1e-06, "rope_theta": 1000000.0, "sliding_window": 32768, "tie_word_embeddings": True,
    "torch_dtype": "bfloat16", "transformers_version": "4.43.1", "use_cache": True, "use_sliding_window": False,
    "vocab_size": 151936,
}
SHAPES = {
    # head_dim 16, the real vocabulary (so the real tokenizer fits): ~10 M parameters, ~39 MB of fp32.
    "tiny": {"hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2, "num_attention_heads": 4,
             "num_key_value_heads": 2, "max_window_layers": 2},
    # Qwen2.5-0.5B exactly: head_dim 64, 494 M parameters.
    "full": {"hidden_size": 896, "intermediate_size": 4864, "num_hidden_layers": 24, "num_attention_heads": 14,
             "num_key_value_heads": 2, "max_window_layers": 21},
}


def config_for(shape):
    return dict(sorted({**BASE_CONFIG, **SHAPES[shape]}.items()))


class WeightSink:
    """Turns arrays into initializers. With data_path, every tensor of >= threshold bytes is appended to that file
    (4 KiB-aligned offsets, so onnxruntime can map it) and only its location/offset/length stay in the proto."""

    def __init__(self, data_path=None, threshold=1024, align=4096):
        self.data_path, self.threshold, self.align = data_path, threshold, align
        self.file = open(data_path, "wb") if data_path else None
        self.initializers, self.parameters = [], 0

    def add(self, name, shape, chunks, dtype=np.float32):
        """chunks yields the tensor's rows in order, as arrays of shape [rows, *shape[1:]]."""
        shape = tuple(int(d) for d in shape)
        nbytes = int(np.prod(shape)) * np.dtype(dtype).itemsize
        self.parameters += int(np.prod(shape))
        if self.file is None or nbytes < self.threshold:
            array = np.concatenate([np.asarray(c, dtype=dtype) for c in chunks]).reshape(shape)
            self.initializers.append(numpy_helper.from_array(array, name))
            return
        offset = -(-self.file.tell() // self.align) * self.align
        self.file.seek(offset)
        for chunk in chunks:
            self.file.write(np.ascontiguousarray(chunk, dtype=dtype).tobytes())
        assert self.file.tell() - offset == nbytes, name
        tensor = TensorProto(name=name, data_type=numpy_helper.from_array(np.zeros(0, dtype)).data_type, dims=shape)
        tensor.data_location = TensorProto.EXTERNAL
        for key, value in (("location", os.path.basename(self.data_path)), ("offset", str(offset)), ("length", str(nbytes))):
            tensor.external_data.add(key=key, value=value)
        self.initializers.append(tensor)

    def const(self, name, array):
        """A graph constant (not a parameter): always inline."""
        self.initializers.append(numpy_helper.from_array(np.asarray(array), name))

    def close(self):
        if self.file:
            self.file.close()


def normal_rows(rng, shape, std):
    """Rows of N(0, std) float32, CHUNK elements at a time (the full embedding is never in memory twice)."""
    rows, row = shape[0], int(np.prod(shape[1:], dtype=np.int64))
    step = max(1, CHUNK // row)
    for start in range(0, rows, step):
        n = min(step, rows - start)
        yield (rng.standard_normal((n, row), dtype=np.float32) * np.float32(std)).reshape((n, *shape[1:]))


def build(shape, seed, data_path=None):
    """Returns (onnx ModelProto, parameter count); weights go through a WeightSink (see the module docstring)."""
    cfg = config_for(shape)
    H, I, L = cfg["hidden_size"], cfg["intermediate_size"], cfg["num_hidden_layers"]
    NH, KV, V = cfg["num_attention_heads"], cfg["num_key_value_heads"], cfg["vocab_size"]
    HD, G = H // NH, NH // KV
    std, eps = cfg["initializer_range"], cfg["rms_norm_eps"]
    rng = np.random.default_rng(seed)
    sink = WeightSink(data_path)
    nodes = []

    def node(op, inputs, name, **attrs):  # one output, named after the node
        nodes.append(helper.make_node(op, inputs, [name], name=name, **attrs))
        return name

    def weight(name, shape, std_):
        sink.add(name, shape, normal_rows(rng, shape, std_))
        return name

    def norm_weight(name):  # 1 + small noise: a norm that ignored its weight would show in the reference test
        sink.add(name, (H,), [np.float32(1) + next(normal_rows(rng, (H,), 0.05))])
        return name

    def rms_norm(x, w, p):  # x * 1/sqrt(mean(x^2) + eps) * w, all fp32
        var = node("ReduceMean", [node("Mul", [x, x], f"{p}/sq")], f"{p}/var", axes=[-1], keepdims=1)
        inv = node("Reciprocal", [node("Sqrt", [node("Add", [var, "c/eps"], f"{p}/var_eps")], f"{p}/std")], f"{p}/inv")
        return node("Mul", [node("Mul", [x, inv], f"{p}/normed"), w], p)

    def linear(x, w, b, p):
        y = node("MatMul", [x, w], f"{p}/matmul")
        return node("Add", [y, b], p) if b else y

    def heads(x, n, p):  # [B, S, n*HD] -> [B, n, S, HD]
        return node("Transpose", [node("Reshape", [x, f"c/shape_{n}_heads"], f"{p}/split_heads")], p, perm=[0, 2, 1, 3])

    def rotary(x, p):  # x*cos + rotate_half(x)*sin, rotate_half(x) = concat(-x2, x1)
        nodes.append(helper.make_node("Split", [x, "c/halves"], [f"{p}/x1", f"{p}/x2"], name=f"{p}/split", axis=-1))
        rot = node("Concat", [node("Neg", [f"{p}/x2"], f"{p}/neg_x2"), f"{p}/x1"], f"{p}/rotate_half", axis=-1)
        return node("Add", [node("Mul", [x, "rope/cos"], f"{p}/x_cos"), node("Mul", [rot, "rope/sin"], f"{p}/rot_sin")], p)

    # Constants (not parameters).
    inv_freq = (np.float32(1) / (np.float32(cfg["rope_theta"]) ** (np.arange(0, HD, 2, dtype=np.int64).astype(np.float32) / np.float32(HD)))).astype(np.float32)
    for name, value in {
        "c/eps": np.array(eps, np.float32), "c/inv_freq": inv_freq, "c/scale": np.array(1 / np.sqrt(HD), np.float32),
        "c/zero": np.array(0, np.float32), "c/neg": np.array(NEG, np.float32), "c/halves": np.array([HD // 2] * 2, np.int64),
        "c/ax0": np.array([0], np.int64), "c/ax1": np.array([1], np.int64), "c/ax2": np.array([2], np.int64),
        "c/ax12": np.array([1, 2], np.int64), "c/one_i": np.array(1, np.int64), "c/zero_i": np.array(0, np.int64),
        f"c/shape_{NH}_heads": np.array([0, 0, NH, HD], np.int64), f"c/shape_{KV}_heads": np.array([0, 0, KV, HD], np.int64),
        "c/shape_groups": np.array([0, KV, -1, HD], np.int64),  # [B, NH, S, HD] -> [B, KV, G*S, HD]: head h -> kv h // G
        "c/shape_scores": np.array([0, NH, -1, 0], np.int64), "c/shape_scores_g": np.array([0, KV, -1, 0], np.int64),
        "c/shape_ctx": np.array([0, NH, -1, HD], np.int64), "c/shape_merge": np.array([0, 0, NH * HD], np.int64),
        "c/shape_rows": np.array([-1, H], np.int64), "c/vocab": np.array([V], np.int64),
    }.items():
        sink.const(name, value)

    embed = weight("model.embed_tokens.weight", (V, H), std)
    x = node("Gather", [embed, "input_ids"], "embed", axis=0)

    # Rotary angles from the position_ids input (left padding: positions are the caller's, not 0..n).
    freqs = node("Mul", [node("Unsqueeze", [node("Cast", ["position_ids"], "rope/pos", to=TensorProto.FLOAT), "c/ax2"], "rope/pos3"), "c/inv_freq"], "rope/freqs")
    emb = node("Concat", [freqs, freqs], "rope/emb", axis=-1)  # [B, S, HD]
    node("Unsqueeze", [node("Cos", [emb], "rope/cos3"), "c/ax1"], "rope/cos")  # [B, 1, S, HD]: every head
    node("Unsqueeze", [node("Sin", [emb], "rope/sin3"), "c/ax1"], "rope/sin")

    # Mask bias [B, 1, S, T]: 0 where key j <= past + i (causal, as HF's cache_position) and attention_mask[b, j] = 1.
    seq = node("Squeeze", [node("Shape", ["input_ids"], "mask/seq1", start=1, end=2)], "mask/seq")
    total = node("Squeeze", [node("Shape", ["attention_mask"], "mask/total1", start=1, end=2)], "mask/total")
    past = node("Sub", [total, seq], "mask/past")
    q_pos = node("Unsqueeze", [node("Range", [past, total, "c/one_i"], "mask/q_range"), "c/ax1"], "mask/q_pos")  # [S, 1]
    k_pos = node("Unsqueeze", [node("Range", ["c/zero_i", total, "c/one_i"], "mask/k_range"), "c/ax0"], "mask/k_pos")  # [1, T]
    causal = node("LessOrEqual", [k_pos, q_pos], "mask/causal")
    padded = node("Unsqueeze", [node("Cast", ["attention_mask"], "mask/keep", to=TensorProto.BOOL), "c/ax12"], "mask/keep4")
    bias = node("Where", [node("And", [causal, padded], "mask/allowed"), "c/zero", "c/neg"], "mask/bias")

    for i in range(L):
        p, w = f"layers.{i}", f"model.layers.{i}"
        h = rms_norm(x, norm_weight(f"{w}.input_layernorm.weight"), f"{p}/input_norm")
        q = linear(h, weight(f"{w}.self_attn.q_proj.weight", (H, NH * HD), std), weight(f"{w}.self_attn.q_proj.bias", (NH * HD,), std), f"{p}/q_proj")
        k = linear(h, weight(f"{w}.self_attn.k_proj.weight", (H, KV * HD), std), weight(f"{w}.self_attn.k_proj.bias", (KV * HD,), std), f"{p}/k_proj")
        v = linear(h, weight(f"{w}.self_attn.v_proj.weight", (H, KV * HD), std), weight(f"{w}.self_attn.v_proj.bias", (KV * HD,), std), f"{p}/v_proj")
        q = rotary(heads(q, NH, f"{p}/q"), f"{p}/q_rope")
        k = rotary(heads(k, KV, f"{p}/k"), f"{p}/k_rope")  # the cache holds keys after rotary, as HF's
        key = node("Concat", [f"past_key_values.{i}.key", k], f"present.{i}.key", axis=2)
        value = node("Concat", [f"past_key_values.{i}.value", heads(v, KV, f"{p}/v")], f"present.{i}.value", axis=2)
        # Grouped-query attention without copying K/V: the G query heads of a KV head share one MatMul.
        qg = node("Reshape", [q, "c/shape_groups"], f"{p}/q_groups")
        scores = node("MatMul", [qg, node("Transpose", [key], f"{p}/k_t", perm=[0, 1, 3, 2])], f"{p}/scores_g")
        scores = node("Mul", [node("Reshape", [scores, "c/shape_scores"], f"{p}/scores_h"), "c/scale"], f"{p}/scores")
        probs = node("Softmax", [node("Add", [scores, bias], f"{p}/masked")], f"{p}/probs", axis=-1)
        ctx = node("MatMul", [node("Reshape", [probs, "c/shape_scores_g"], f"{p}/probs_g"), value], f"{p}/ctx_g")
        ctx = node("Transpose", [node("Reshape", [ctx, "c/shape_ctx"], f"{p}/ctx_h")], f"{p}/ctx_t", perm=[0, 2, 1, 3])
        ctx = node("Reshape", [ctx, "c/shape_merge"], f"{p}/ctx")
        attn = linear(ctx, weight(f"{w}.self_attn.o_proj.weight", (NH * HD, H), std), None, f"{p}/o_proj")
        x = node("Add", [x, attn], f"{p}/attn_residual")
        h = rms_norm(x, norm_weight(f"{w}.post_attention_layernorm.weight"), f"{p}/post_attention_norm")
        gate = linear(h, weight(f"{w}.mlp.gate_proj.weight", (H, I), std), None, f"{p}/gate_proj")
        up = linear(h, weight(f"{w}.mlp.up_proj.weight", (H, I), std), None, f"{p}/up_proj")
        silu = node("Mul", [gate, node("Sigmoid", [gate], f"{p}/gate_sigmoid")], f"{p}/silu")
        down = linear(node("Mul", [silu, up], f"{p}/gated"), weight(f"{w}.mlp.down_proj.weight", (I, H), std), None, f"{p}/down_proj")
        x = node("Add", [x, down], f"{p}/mlp_residual")

    x = rms_norm(x, norm_weight("model.norm.weight"), "final_norm")
    # Tied lm_head: logits = h @ embed^T by Gemm(transB) on the embedding itself, so no second copy is stored.
    rows = node("Gemm", [node("Reshape", [x, "c/shape_rows"], "lm_head/rows"), embed], "lm_head", transB=1)
    out_shape = node("Concat", [node("Shape", ["input_ids"], "lm_head/bs"), "c/vocab"], "lm_head/shape", axis=0)
    nodes.append(helper.make_node("Reshape", [rows, out_shape], ["logits"], name="logits"))
    sink.close()

    kv_in = ["batch_size", KV, "past_sequence_length", HD]
    kv_out = ["batch_size", KV, "total_sequence_length", HD]
    inputs = [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"]),
              helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch_size", "total_sequence_length"]),
              helper.make_tensor_value_info("position_ids", TensorProto.INT64, ["batch_size", "sequence_length"])]
    outputs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch_size", "sequence_length", V])]
    for i in range(L):
        for kind in ("key", "value"):
            inputs.append(helper.make_tensor_value_info(f"past_key_values.{i}.{kind}", TensorProto.FLOAT, kv_in))
            outputs.append(helper.make_tensor_value_info(f"present.{i}.{kind}", TensorProto.FLOAT, kv_out))
    graph = helper.make_graph(nodes, f"qwen2-{shape}", inputs, outputs, sink.initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="gpt-tutor export_qwen.py")
    model.ir_version = 8  # onnx 1.12's; onnxruntime 1.30 reads it
    return model, sink.parameters
