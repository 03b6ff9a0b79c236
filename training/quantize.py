"""int8 weights for every MatMul whose second input is a 2-D fp32 initializer, with the plain `onnx` library
(onnxruntime's Python quantizer is not packaged in Debian), run by onnxruntime's integer kernel MatMulInteger.

Weights: symmetric int8, one scale per output column, zero point 0. Activations: quantized per call, symmetric, with
one scale per token (per row of the last axis), from standard ops:
  s  = Max(ReduceMax(Abs(x), axes=[-1], keepdims=1) / 127, tiny)       # [..., 1]
  xq = Cast(Round(x / s) + 128, uint8)                                  # in [1, 255]: the int8 value + 128
  y  = Cast(MatMulInteger(xq, W_q, a_zero_point=128, b_zero_point=0), float) * W_s * s
Each token row is quantized on its own, so a row's numbers do not depend on the other rows of a batch: batched greedy
text equals unbatched text (DynamicQuantizeLinear has one scale and zero point per tensor, and MatMulInteger refuses
per-row zero points). Notes, measured with onnxruntime 1.30 (CPU):
- The activations are stored as uint8 with the scalar zero point 128, not as int8 with 0: the same integers, but
  onnxruntime's int8 x int8 MatMulInteger is a slow path (decoding ran ~7x slower), uint8 x int8 its fast kernel.
- No Clip: |x| <= 127 s by construction, so Round(x / s) is within [-127, 127] (float error stays far below 0.5).
- The last two Muls scale by W_s first, then by s: `Cast -> Mul(., Mul(s, W_s))` is the pattern onnxruntime fuses
  into MatMulIntegerToFloat, which takes one A scale: in that order the per-row scales were lost (wrong tokens).
- Per-token scales cost ~7 small ops per MatMul where onnxruntime fused the per-tensor graph into one
  DynamicQuantizeMatMul: about 0.8x the per-tensor graph's decoding speed on this tiny model.
"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

TINY = np.float32(1e-12)  # all-zero rows (padding): s = TINY, xq = 0, y = 0


def quantize(src, dst):
    model = onnx.load(src)
    graph = model.graph
    opset = next(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))
    inits = {t.name: t for t in graph.initializer}
    shared = [
        numpy_helper.from_array(np.array(127.0, dtype=np.float32), "q8_127"),
        numpy_helper.from_array(np.array(128.0, dtype=np.float32), "q8_128"),
        numpy_helper.from_array(np.array(TINY, dtype=np.float32), "q8_tiny"),
        numpy_helper.from_array(np.array(128, dtype=np.uint8), "q8_x_zero"),
        numpy_helper.from_array(np.array(0, dtype=np.int8), "q8_w_zero"),
    ]
    if opset >= 18:  # ReduceMax takes its axes as an input from opset 18
        shared.append(numpy_helper.from_array(np.array([-1], dtype=np.int64), "q8_last_axis"))

    def reduce_max(x, out, name):
        if opset >= 18:
            return helper.make_node("ReduceMax", [x, "q8_last_axis"], [out], keepdims=1, name=name)
        return helper.make_node("ReduceMax", [x], [out], axes=[-1], keepdims=1, name=name)

    nodes, new_inits, rewritten = [], [], 0
    for node in graph.node:
        w = inits.get(node.input[1]) if node.op_type == "MatMul" and len(node.input) == 2 else None
        if w is None or len(w.dims) != 2 or w.data_type != TensorProto.FLOAT:
            nodes.append(node)
            continue
        weight = numpy_helper.to_array(w)
        scale = np.maximum(np.abs(weight).max(axis=0), 1e-8) / 127.0
        q = np.clip(np.round(weight / scale), -127, 127).astype(np.int8)
        base = f"{node.name or node.output[0]}_q8"
        new_inits += [numpy_helper.from_array(q, f"{base}_W"), numpy_helper.from_array(scale.astype(np.float32), f"{base}_Ws")]
        x = node.input[0]
        nodes += [
            helper.make_node("Abs", [x], [f"{base}_abs"], name=f"{base}_abs"),
            reduce_max(f"{base}_abs", f"{base}_amax", f"{base}_amax"),
            helper.make_node("Div", [f"{base}_amax", "q8_127"], [f"{base}_s0"], name=f"{base}_s0"),
            helper.make_node("Max", [f"{base}_s0", "q8_tiny"], [f"{base}_xs"], name=f"{base}_xs"),
            helper.make_node("Div", [x, f"{base}_xs"], [f"{base}_xd"], name=f"{base}_xd"),
            helper.make_node("Round", [f"{base}_xd"], [f"{base}_xr"], name=f"{base}_xr"),
            helper.make_node("Add", [f"{base}_xr", "q8_128"], [f"{base}_xo"], name=f"{base}_xo"),
            helper.make_node("Cast", [f"{base}_xo"], [f"{base}_xq"], to=TensorProto.UINT8, name=f"{base}_xq"),
            helper.make_node("MatMulInteger", [f"{base}_xq", f"{base}_W", "q8_x_zero", "q8_w_zero"], [f"{base}_i32"], name=f"{base}_mmi"),
            helper.make_node("Cast", [f"{base}_i32"], [f"{base}_f"], to=TensorProto.FLOAT, name=f"{base}_cast"),
            helper.make_node("Mul", [f"{base}_f", f"{base}_Ws"], [f"{base}_fw"], name=f"{base}_wscale"),
            helper.make_node("Mul", [f"{base}_fw", f"{base}_xs"], [node.output[0]], name=f"{base}_out"),
        ]
        rewritten += 1
    used = {i for n in nodes for i in n.input}
    kept = [t for t in graph.initializer if t.name in used]
    del graph.node[:]
    graph.node.extend(nodes)
    del graph.initializer[:]
    graph.initializer.extend(kept + new_inits + (shared if rewritten else []))
    onnx.checker.check_model(model)
    onnx.save(model, dst)
    return rewritten
