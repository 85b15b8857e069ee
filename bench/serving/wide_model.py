"""A model with one wide input for bench/serving/formats.mjs: float32 [N, 1000] -> a linear
layer of 3 -> softmax, so a request is mostly its 1,000 input values. Written to argv[1]."""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(0)
w = numpy_helper.from_array((rng.standard_normal((1000, 3)) / 30).astype(np.float32), "w")
nodes = [
    helper.make_node("MatMul", ["x", "w"], ["logits"]),
    helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1),
]
graph = helper.make_graph(nodes, "wide", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 1000])],
                          [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 3])], [w])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
model.ir_version = 8
onnx.save(model, sys.argv[1])
