"""int8 weights for every MatMul whose second input is a 2-D fp32 initializer, with the plain `onnx` library
(onnxruntime's Python quantizer is not packaged in Debian). Emits the pattern onnxruntime's own dynamic quantizer
emits, which it runs with integer kernels: DynamicQuantizeLinear(x) -> MatMulInteger(x_q, W_q) -> Cast -> Mul.
Weights are symmetric int8 with one scale per output column; activations are quantized per call (uint8).
"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def quantize(src, dst):
    model = onnx.load(src)
    graph = model.graph
    inits = {t.name: t for t in graph.initializer}
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
            helper.make_node("DynamicQuantizeLinear", [x], [f"{base}_xq", f"{base}_xs", f"{base}_xz"], name=f"{base}_dql"),
            helper.make_node("MatMulInteger", [f"{base}_xq", f"{base}_W", f"{base}_xz"], [f"{base}_i32"], name=f"{base}_mmi"),
            helper.make_node("Cast", [f"{base}_i32"], [f"{base}_f"], to=TensorProto.FLOAT, name=f"{base}_cast"),
            helper.make_node("Mul", [f"{base}_xs", f"{base}_Ws"], [f"{base}_s"], name=f"{base}_scale"),
            helper.make_node("Mul", [f"{base}_f", f"{base}_s"], [node.output[0]], name=f"{base}_out"),
        ]
        rewritten += 1
    used = {i for n in nodes for i in n.input}
    kept = [t for t in graph.initializer if t.name in used]
    del graph.node[:]
    graph.node.extend(nodes)
    del graph.initializer[:]
    graph.initializer.extend(kept + new_inits)
    onnx.checker.check_model(model)
    onnx.save(model, dst)
    return rewritten
