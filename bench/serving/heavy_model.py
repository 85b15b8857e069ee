"""A heavier synthetic model for bench/serving/threads.mjs: 4 dense layers of 512 units,
so session.run costs milliseconds instead of microseconds. Written to argv[1]."""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(0)
nodes, inits = [], []
prev = "x"
for i in range(4):
    inits.append(numpy_helper.from_array((rng.standard_normal((512, 512)) / 22).astype(np.float32), f"w{i}"))
    nodes.append(helper.make_node("MatMul", [prev, f"w{i}"], [f"h{i}"]))
    nodes.append(helper.make_node("Relu", [f"h{i}"], [f"r{i}"]))
    prev = f"r{i}"
graph = helper.make_graph(nodes, "heavy", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 512])],
                          [helper.make_tensor_value_info(prev, TensorProto.FLOAT, ["N", 512])], inits)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
model.ir_version = 8
onnx.save(model, sys.argv[1])
