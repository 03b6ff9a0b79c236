"""int8 weights for every MatMul whose second input is a 2-D fp32 initializer, with the plain `onnx` library
(onnxruntime's Python quantizer is not packaged in Debian), run by onnxruntime's integer kernel MatMulInteger.

Weights: symmetric int8, one scale per output column, stored as uint8 (the int8 value + 128) with zero point 128.
Activations: quantized per call, symmetric, with one scale per token (per row of the last axis), from standard ops:
  s  = Max(ReduceMax(Abs(x), axes=[-1], keepdims=1) / 127, tiny)       # [..., 1]
  xq = Cast(Round(x / s) + 128, uint8)                                  # in [1, 255]: the int8 value + 128
  y  = Cast(MatMulInteger(xq, W_q, a_zero_point=128, b_zero_point=128), float) * W_s * s
Each token row is quantized on its own, so a row's numbers do not depend on the other rows of a batch: batched greedy
text equals unbatched text (DynamicQuantizeLinear has one scale and zero point per tensor, and MatMulInteger refuses
per-row zero points). Notes, measured with onnxruntime 1.30 (CPU):
- The activations are stored as uint8 with the scalar zero point 128, not as int8 with 0: the same integers, but
  onnxruntime's int8 x int8 MatMulInteger is a slow path (decoding ran ~7x slower).
- The weights are uint8 with zero point 128 too (the same integers again): onnxruntime's uint8 x int8 kernel on an x86
  CPU with AVX2 but no VNNI sums pairs of products in 16 bits (vpmaddubsw) and saturates at 255 x 127 x 2, which gave
  wrong tokens on such a machine (an AMD EPYC) while a VNNI machine was exact; uint8 x uint8 is exact on both.
- No Clip: |x| <= 127 s by construction, so Round(x / s) is within [-127, 127] (float error stays far below 0.5).
- The last two Muls scale by W_s first, then by s: `Cast -> Mul(., Mul(s, W_s))` is the pattern onnxruntime fuses
  into MatMulIntegerToFloat, which takes one A scale: in that order the per-row scales were lost (wrong tokens).
- Per-token scales cost ~7 small ops per MatMul where onnxruntime fused the per-tensor graph into one
  DynamicQuantizeMatMul: about 0.8x the per-tensor graph's decoding speed on this tiny model.
- MatMuls that read the same activation (q/k/v, gate/up) share its quantization (same numbers, fewer ops).

Options the Qwen2 exporter (training/qwen/) needs, off by default (the GPT-2 graphs quantize exactly as before):
- embeddings=True: a Gather table (2-D fp32 initializer) becomes int8 with one scale per row; a Gemm(x, E, transB=1)
  on it (a tied lm_head) runs as MatMulInteger(xq, E_q^T) with the same scales (E's rows are the head's columns).
  When the table is both, it is stored ONCE, transposed [hidden, vocab]: the Gather reads axis 1 and transposes back
  (a few values per token), the head gets the uint8 x uint8 kernel with a constant B that onnxruntime prepacks.
- weights="q4": MatMuls become com.microsoft MatMulNBits (4-bit, symmetric per block of `block_size` along K, the
  default zero point 8, MLAS's scale = signed absmax / -8); Gather/Gemm tables still follow `embeddings`.
- External-data input: tensors are read from their data file through np.memmap, one at a time; the output keeps
  everything inline (an int8 or 4-bit model of Qwen2.5-0.5B's size is far below protobuf's 2 GB).
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

TINY = np.float32(1e-12)  # all-zero rows (padding): s = TINY, xq = 0, y = 0


def _reader(base_dir):
    def array(tensor):
        if tensor.data_location != TensorProto.EXTERNAL:
            return numpy_helper.to_array(tensor)
        info = {e.key: e.value for e in tensor.external_data}
        dtype = numpy_helper.to_array(TensorProto(data_type=tensor.data_type, dims=[0])).dtype  # any onnx version
        return np.memmap(os.path.join(base_dir, info["location"]), dtype=dtype, mode="r",
                         offset=int(info.get("offset", 0)), shape=tuple(tensor.dims))
    return array


def _q4_blocks(weight, block_size):
    """W [K, N] -> (packed uint8 [N, K/block, block/2], scales fp32 [N * K/block]) in MatMulNBits' layout."""
    k, n = weight.shape
    blocks = -(-k // block_size)
    wt = np.zeros((n, blocks * block_size), np.float32)
    wt[:, :k] = weight.T
    wt = wt.reshape(n, blocks, block_size)
    signed_max = np.take_along_axis(wt, np.abs(wt).argmax(axis=2)[..., None], axis=2)
    scale = signed_max / np.float32(-8)
    scale[scale == 0] = 1  # an all-zero block
    q = np.clip(np.round(wt / scale) + 8, 0, 15).astype(np.uint8)
    return q[..., 0::2] | (q[..., 1::2] << 4), scale.reshape(-1).astype(np.float32)


def _as_u8(q):
    """int8 values as uint8 + 128: what MatMulInteger reads with zero point 128 (exact on AVX2, see above)."""
    return (np.asarray(q, dtype=np.int16) + 128).astype(np.uint8)


def _table_q8(table, rows=8192):
    """Per-row symmetric int8 of an embedding [V, H], row chunk by row chunk: (q^T int8 [H, V], scales [V])."""
    v, h = table.shape
    qt, scales = np.empty((h, v), np.int8), np.empty(v, np.float32)
    for start in range(0, v, rows):
        chunk = np.asarray(table[start:start + rows], dtype=np.float32)
        s = np.maximum(np.abs(chunk).max(axis=1), 1e-8) / np.float32(127.0)
        qt[:, start:start + rows] = np.clip(np.round(chunk / s[:, None]), -127, 127).astype(np.int8).T
        scales[start:start + rows] = s
    return qt, scales


def quantize(src, dst, weights="int8", embeddings=False, block_size=32, accuracy_level=0):
    model = onnx.load(src, load_external_data=False)
    array = _reader(os.path.dirname(os.path.abspath(src)))
    graph = model.graph
    opset = next(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))
    inits = {t.name: t for t in graph.initializer}
    shared = [
        numpy_helper.from_array(np.array(127.0, dtype=np.float32), "q8_127"),
        numpy_helper.from_array(np.array(128.0, dtype=np.float32), "q8_128"),
        numpy_helper.from_array(np.array(TINY, dtype=np.float32), "q8_tiny"),
        numpy_helper.from_array(np.array(128, dtype=np.uint8), "q8_x_zero"),
        numpy_helper.from_array(np.array(128, dtype=np.uint8), "q8_w_zero"),
    ]
    if opset >= 18:  # ReduceMax takes its axes as an input from opset 18
        shared.append(numpy_helper.from_array(np.array([-1], dtype=np.int64), "q8_last_axis"))
    if embeddings:
        shared.append(numpy_helper.from_array(np.array([-1], dtype=np.int64), "q8_unsqueeze_last"))

    def reduce_max(x, out, name):
        if opset >= 18:
            return helper.make_node("ReduceMax", [x, "q8_last_axis"], [out], keepdims=1, name=name)
        return helper.make_node("ReduceMax", [x], [out], axes=[-1], keepdims=1, name=name)

    def fp32_2d(name):
        w = inits.get(name)
        return w if w is not None and len(w.dims) == 2 and w.data_type == TensorProto.FLOAT else None

    def attr(node, name, default):
        return next((helper.get_attribute_value(a) for a in node.attribute if a.name == name), default)

    tied = {n.input[1] for n in graph.node if n.op_type == "Gemm" and len(n.input) == 2 and fp32_2d(n.input[1])
            and attr(n, "transB", 0) == 1 and attr(n, "transA", 0) == 0 and attr(n, "alpha", 1.0) == 1.0}
    ranks = {v.name: len(v.type.tensor_type.shape.dim) for v in list(graph.input) + list(graph.value_info)}
    nodes, new_inits, rewritten, quantized_x, tables = [], [], 0, {}, {}

    def quantized_input(x, base):
        """Per-token uint8 activation of x (and its scales), built once per tensor."""
        if x not in quantized_x:
            nodes.extend([
                helper.make_node("Abs", [x], [f"{base}_abs"], name=f"{base}_abs"),
                reduce_max(f"{base}_abs", f"{base}_amax", f"{base}_amax"),
                helper.make_node("Div", [f"{base}_amax", "q8_127"], [f"{base}_s0"], name=f"{base}_s0"),
                helper.make_node("Max", [f"{base}_s0", "q8_tiny"], [f"{base}_xs"], name=f"{base}_xs"),
                helper.make_node("Div", [x, f"{base}_xs"], [f"{base}_xd"], name=f"{base}_xd"),
                helper.make_node("Round", [f"{base}_xd"], [f"{base}_xr"], name=f"{base}_xr"),
                helper.make_node("Add", [f"{base}_xr", "q8_128"], [f"{base}_xo"], name=f"{base}_xo"),
                helper.make_node("Cast", [f"{base}_xo"], [f"{base}_xq"], to=TensorProto.UINT8, name=f"{base}_xq"),
            ])
            quantized_x[x] = (f"{base}_xq", f"{base}_xs")
        return quantized_x[x]

    def int8_matmul(x, w_q, w_s, out, base):
        xq, xs = quantized_input(x, base)
        nodes.extend([
            helper.make_node("MatMulInteger", [xq, w_q, "q8_x_zero", "q8_w_zero"], [f"{base}_i32"], name=f"{base}_mmi"),
            helper.make_node("Cast", [f"{base}_i32"], [f"{base}_f"], to=TensorProto.FLOAT, name=f"{base}_cast"),
            helper.make_node("Mul", [f"{base}_f", w_s], [f"{base}_fw"], name=f"{base}_wscale"),
            helper.make_node("Mul", [f"{base}_fw", xs], [out], name=f"{base}_out"),
        ])

    def table(name):
        """The int8 form of an embedding table, made once: (q name, scales name, stored transposed?)."""
        if name not in tables:
            qt, scales = _table_q8(array(inits[name]))
            transposed = name in tied
            base = f"{name}_q8"
            qt = _as_u8(qt)
            new_inits.extend([numpy_helper.from_array(qt if transposed else np.ascontiguousarray(qt.T), f"{base}_T" if transposed else f"{base}_W"),
                              numpy_helper.from_array(scales, f"{base}_rows")])
            tables[name] = (f"{base}_T" if transposed else f"{base}_W", f"{base}_rows", transposed)
        return tables[name]

    for node in graph.node:
        name = node.name or node.output[0]
        base = f"{name}_q8"
        if embeddings and node.op_type == "Gather" and fp32_2d(node.input[0]) and attr(node, "axis", 0) == 0:
            q_name, s_name, transposed = table(node.input[0])
            ids = node.input[1]
            if transposed:  # [H, V] -> Gather axis 1 -> [H, *ids] -> [*ids, H]
                rank = ranks.get(ids)
                if rank is None:
                    raise ValueError(f"{node.name}: the rank of {ids} is unknown (only graph inputs are handled)")
                nodes.append(helper.make_node("Gather", [q_name, ids], [f"{base}_cols"], axis=1, name=f"{base}_gather"))
                nodes.append(helper.make_node("Transpose", [f"{base}_cols"], [f"{base}_int8"], perm=[*range(1, rank + 1), 0], name=f"{base}_rows"))
            else:
                nodes.append(helper.make_node("Gather", [q_name, ids], [f"{base}_int8"], axis=0, name=f"{base}_gather"))
            nodes += [
                helper.make_node("Cast", [f"{base}_int8"], [f"{base}_u"], to=TensorProto.FLOAT, name=f"{base}_cast"),
                helper.make_node("Sub", [f"{base}_u", "q8_128"], [f"{base}_f"], name=f"{base}_centre"),
                helper.make_node("Gather", [s_name, ids], [f"{base}_s1"], axis=0, name=f"{base}_scale_rows"),
                helper.make_node("Unsqueeze", [f"{base}_s1", "q8_unsqueeze_last"], [f"{base}_s"], name=f"{base}_scale"),
                helper.make_node("Mul", [f"{base}_f", f"{base}_s"], [node.output[0]], name=f"{base}_out"),
            ]
            rewritten += 1
            continue
        if embeddings and node.op_type == "Gemm" and node.input[1] in tied:  # x @ E^T: E's rows are the columns
            q_name, s_name, _ = table(node.input[1])
            int8_matmul(node.input[0], q_name, s_name, node.output[0], base)
            rewritten += 1
            continue
        w = fp32_2d(node.input[1]) if node.op_type == "MatMul" and len(node.input) == 2 else None
        if w is None:
            nodes.append(node)
            continue
        weight = array(w)
        if weights == "q4":
            packed, scales = _q4_blocks(weight, block_size)
            new_inits += [numpy_helper.from_array(packed, f"{name}_q4_B"), numpy_helper.from_array(scales, f"{name}_q4_scales")]
            nodes.append(helper.make_node("MatMulNBits", [node.input[0], f"{name}_q4_B", f"{name}_q4_scales"], [node.output[0]],
                                          name=f"{name}_q4", domain="com.microsoft", K=weight.shape[0], N=weight.shape[1],
                                          bits=4, block_size=block_size, accuracy_level=accuracy_level))
            rewritten += 1
            continue
        scale = np.maximum(np.abs(weight).max(axis=0), 1e-8) / 127.0
        q = _as_u8(np.clip(np.round(weight / scale), -127, 127))
        new_inits += [numpy_helper.from_array(q, f"{base}_W"), numpy_helper.from_array(scale.astype(np.float32), f"{base}_Ws")]
        int8_matmul(node.input[0], f"{base}_W", f"{base}_Ws", node.output[0], base)
        rewritten += 1
    used = {i for n in nodes for i in n.input}
    kept = [t if t.data_location != TensorProto.EXTERNAL else numpy_helper.from_array(np.array(array(t)), t.name)
            for t in graph.initializer if t.name in used]
    del graph.node[:]
    graph.node.extend(nodes)
    del graph.initializer[:]
    graph.initializer.extend(kept + new_inits + (shared if rewritten else []))
    if weights == "q4" and not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.checker.check_model(model)
    onnx.save(model, dst)
    return rewritten
