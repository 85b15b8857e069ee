"""Export a fitted scaler + linear classifier to ONNX by hand (MatMul/Add/Sigmoid/ArgMax).

Outputs: `label` (int64 [N]) and `probabilities` (float32 [N, 2]) — plain tensors, no
ZipMap, so any ONNX runtime (and cd4ml serve) can return them.
"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def export_linear(scaler, coef, intercept, path):
    n_features = coef.shape[1]
    init = [
        numpy_helper.from_array(scaler.mean_.astype(np.float32), "mean"),
        numpy_helper.from_array(scaler.scale_.astype(np.float32), "scale"),
        numpy_helper.from_array(coef.T.astype(np.float32), "W"),
        numpy_helper.from_array(intercept.astype(np.float32), "b"),
        numpy_helper.from_array(np.array([1.0], dtype=np.float32), "one"),
    ]
    nodes = [
        helper.make_node("Sub", ["input", "mean"], ["centred"]),
        helper.make_node("Div", ["centred", "scale"], ["scaled"]),
        helper.make_node("MatMul", ["scaled", "W"], ["z"]),
        helper.make_node("Add", ["z", "b"], ["logit"]),
        helper.make_node("Sigmoid", ["logit"], ["p1"]),
        helper.make_node("Sub", ["one", "p1"], ["p0"]),
        helper.make_node("Concat", ["p0", "p1"], ["probabilities"], axis=1),
        helper.make_node("ArgMax", ["probabilities"], ["label"], axis=1, keepdims=0),
    ]
    graph = helper.make_graph(
        nodes,
        "linear_classifier",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", n_features])],
        [
            helper.make_tensor_value_info("label", TensorProto.INT64, ["batch"]),
            helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", 2]),
        ],
        init,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="cd4ml-example")
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, path)
