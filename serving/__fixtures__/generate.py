#!/usr/bin/env python3
"""Generate the serving test fixtures: small ONNX models and scikit-learn's expected outputs.

Run with the Debian interpreter (it has scikit-learn and onnx; there is no skl2onnx):
    /usr/bin/python3 serving/__fixtures__/generate.py

The Iris logistic regression is exported by hand with onnx.helper from the trained
weights (MatMul + Add -> Softmax probabilities, ArgMax label as int64), so the very
same weights are served by cd4ml, the bare node peer and the Flask peer in bench/.
Outputs are committed so tests and CI need no Python.
"""
import json
import os
import pickle

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))
OPSET = [helper.make_opsetid("", 17), helper.make_opsetid("ai.onnx.ml", 3)]


def save(model, name):
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(HERE, name))


def iris_graph(clf, name):
    w = numpy_helper.from_array(clf.coef_.T.astype(np.float32), "coef")
    b = numpy_helper.from_array(clf.intercept_.astype(np.float32), "intercept")
    nodes = [
        helper.make_node("MatMul", ["float_input", "coef"], ["logits_nb"]),
        helper.make_node("Add", ["logits_nb", "intercept"], ["logits"]),
        helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1),
        helper.make_node("ArgMax", ["logits"], ["label"], axis=1, keepdims=0),
    ]
    graph = helper.make_graph(
        nodes,
        name,
        [helper.make_tensor_value_info("float_input", TensorProto.FLOAT, ["N", 4])],
        [
            helper.make_tensor_value_info("label", TensorProto.INT64, ["N"]),
            helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 3]),
        ],
        [w, b],
    )
    return helper.make_model(graph, opset_imports=OPSET, producer_name="cd4ml-fixtures")


def main():
    iris = load_iris()
    x = iris.data.astype(np.float32)
    y = iris.target
    expected = {"feature_names": ["sepal_length", "sepal_width", "petal_length", "petal_width"], "X": x.tolist()}
    for tag, c in (("v1", 1.0), ("v2", 0.05)):
        clf = LogisticRegression(C=c, max_iter=1000).fit(x, y)
        save(iris_graph(clf, f"iris_logreg_{tag}"), f"iris-{tag}.onnx")
        # sklearn computes in float64 on the float32 inputs; the ONNX graph in float32.
        expected[tag] = {
            "probabilities": clf.predict_proba(x).tolist(),
            "label": clf.predict(x).astype(int).tolist(),
            "coef": clf.coef_.tolist(),
            "intercept": clf.intercept_.tolist(),
        }
        if tag == "v1":
            # The same graph with its weights in an external-data file beside it.
            ext = os.path.join(HERE, "iris-external")
            os.makedirs(ext, exist_ok=True)
            m = iris_graph(clf, "iris_logreg_external")
            m.ir_version = 8
            onnx.save_model(m, os.path.join(ext, "model.onnx"), save_as_external_data=True, all_tensors_to_one_file=True,
                            location="weights.bin", size_threshold=0)
            # The Flask peer in bench/serving loads exactly this estimator.
            with open(os.path.join(HERE, "iris-v1.pkl"), "wb") as f:
                pickle.dump(clf, f)

    # int64 + string inputs: species name -> id (LabelEncoder), count + 2^53 + 1 (beyond float64's exact range).
    big = 9007199254740993
    nodes = [
        helper.make_node(
            "LabelEncoder", ["species"], ["species_id"], domain="ai.onnx.ml",
            keys_strings=["setosa", "versicolor", "virginica"], values_int64s=[0, 1, 2], default_int64=-1,
        ),
        helper.make_node("Add", ["count", "offset"], ["count_plus"]),
        helper.make_node("Identity", ["species"], ["species_echo"]),
    ]
    graph = helper.make_graph(
        nodes,
        "int64_string",
        [
            helper.make_tensor_value_info("species", TensorProto.STRING, ["N", 1]),
            helper.make_tensor_value_info("count", TensorProto.INT64, ["N", 1]),
        ],
        [
            helper.make_tensor_value_info("species_id", TensorProto.INT64, ["N", 1]),
            helper.make_tensor_value_info("count_plus", TensorProto.INT64, ["N", 1]),
            helper.make_tensor_value_info("species_echo", TensorProto.STRING, ["N", 1]),
        ],
        [numpy_helper.from_array(np.array([big], dtype=np.int64), "offset")],
    )
    save(helper.make_model(graph, opset_imports=OPSET, producer_name="cd4ml-fixtures"), "int64-string.onnx")
    species = [["setosa"], ["virginica"], ["unknown"], ["versicolor"]]
    counts = [[1], [-5], [0], [2**62]]
    label_ids = {"setosa": 0, "versicolor": 1, "virginica": 2}
    expected["int64_string"] = {
        "species": species,
        "count": counts,
        "species_id": [[label_ids.get(s[0], -1)] for s in species],
        # Decimal strings: these exceed 2^53 and must survive JSON exactly.
        "count_plus": [[str(int(np.int64(c[0]) + np.int64(big)))] for c in counts],
    }

    # Every tensor type onnxruntime-node can take and return, passed through Identity.
    types = {
        "bool": TensorProto.BOOL, "int8": TensorProto.INT8, "uint8": TensorProto.UINT8,
        "int16": TensorProto.INT16, "uint16": TensorProto.UINT16, "int32": TensorProto.INT32,
        "uint32": TensorProto.UINT32, "int64": TensorProto.INT64, "uint64": TensorProto.UINT64,
        "float16": TensorProto.FLOAT16, "float32": TensorProto.FLOAT, "float64": TensorProto.DOUBLE,
        "string": TensorProto.STRING,
    }
    graph = helper.make_graph(
        [helper.make_node("Identity", [f"in_{t}"], [f"out_{t}"]) for t in types],
        "all_types",
        [helper.make_tensor_value_info(f"in_{t}", code, ["N", 2]) for t, code in types.items()],
        [helper.make_tensor_value_info(f"out_{t}", code, ["N", 2]) for t, code in types.items()],
    )
    save(helper.make_model(graph, opset_imports=OPSET, producer_name="cd4ml-fixtures"), "all-types.onnx")

    # Fixed batch dimension (no dynamic batching possible).
    graph = helper.make_graph(
        [helper.make_node("Mul", ["x", "two"], ["y"])],
        "fixed",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 3])],
        [numpy_helper.from_array(np.array([2.0], dtype=np.float32), "two")],
    )
    save(helper.make_model(graph, opset_imports=OPSET, producer_name="cd4ml-fixtures"), "fixed-shape.onnx")

    # ZipMap output (what skl2onnx emits by default for classifiers): onnxruntime-node cannot return it.
    nodes = [helper.make_node("ZipMap", ["probabilities"], ["output_probability"], domain="ai.onnx.ml", classlabels_int64s=[0, 1, 2])]
    map_type = onnx.TypeProto()
    map_type.map_type.key_type = TensorProto.INT64
    map_type.map_type.value_type.CopyFrom(helper.make_tensor_type_proto(TensorProto.FLOAT, []))
    seq_map = helper.make_sequence_type_proto(map_type)
    graph = helper.make_graph(
        nodes,
        "zipmap",
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 3])],
        [helper.make_value_info("output_probability", seq_map)],
    )
    save(helper.make_model(graph, opset_imports=OPSET, producer_name="cd4ml-fixtures"), "zipmap.onnx")

    # A sequence output: onnxruntime-node cannot return it either.
    graph = helper.make_graph(
        [helper.make_node("SequenceConstruct", ["x"], ["seq"])],
        "sequence",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 3])],
        [helper.make_value_info("seq", helper.make_sequence_type_proto(helper.make_tensor_type_proto(TensorProto.FLOAT, ["N", 3])))],
    )
    save(helper.make_model(graph, opset_imports=OPSET, producer_name="cd4ml-fixtures"), "sequence.onnx")

    # A lookup table: an index past its end fails the run (the shadow test's candidate has the shorter table).
    for n in (3, 2):
        graph = helper.make_graph(
            [helper.make_node("Gather", ["table", "i"], ["y"], axis=0)],
            f"lookup{n}",
            [helper.make_tensor_value_info("i", TensorProto.INT64, ["N", 1])],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 1])],
            [numpy_helper.from_array(np.array([10.0, 20.0, 30.0][:n], dtype=np.float32), "table")],
        )
        save(helper.make_model(graph, opset_imports=OPSET, producer_name="cd4ml-fixtures"), f"lookup-{n}.onnx")

    # Outputs that share no row count: the rows, their column sums ([1, 3]) and their total (a scalar).
    graph = helper.make_graph(
        [
            helper.make_node("Identity", ["x"], ["rows"]),
            helper.make_node("ReduceSum", ["x", "first_axis"], ["column_sums"], keepdims=1),
            helper.make_node("ReduceSum", ["x"], ["total"], keepdims=0),
        ],
        "rows_sums_total",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 3])],
        [
            helper.make_tensor_value_info("rows", TensorProto.FLOAT, ["N", 3]),
            helper.make_tensor_value_info("column_sums", TensorProto.FLOAT, [1, 3]),
            helper.make_tensor_value_info("total", TensorProto.FLOAT, []),
        ],
        [numpy_helper.from_array(np.array([0], dtype=np.int64), "first_axis")],
    )
    save(helper.make_model(graph, opset_imports=OPSET, producer_name="cd4ml-fixtures"), "row-sums.onnx")

    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(expected, f)
        f.write("\n")


if __name__ == "__main__":
    main()
