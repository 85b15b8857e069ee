#!/usr/bin/env python3
"""Request bodies as real clients write them, for serving/wire.test.ts.

Run with the Debian interpreter (numpy and pandas; tritonclient is not installed):
    /usr/bin/python3 serving/__fixtures__/wire/generate.py

- tritonclient.http: the binary tensor data extension, encoded as its
  `_get_inference_request` and `InferInput.set_data_from_numpy(binary_data=True)` do
  (json.dumps of the request, `len()` of that string as Inference-Header-Content-Length,
  then each input's `tensor.tobytes()`, BYTES as `struct.pack("<I", len(s)) + s`), and its
  request_compression_algorithm bodies (`gzip.compress`, `zlib.compress`).
- pandas: `DataFrame.to_json(orient="split")` inside MLflow's `dataframe_split`, and
  `DataFrame.to_csv(index=False)`.
- Python's `json.dumps` with NaN and Infinity.
Each binary request `.bin` has a `.json` beside it with the header length (and, for
all-types, the bytes each output must come back as).
"""
import gzip
import json
import os
import struct
import zlib

import numpy as np
import onnx
import pandas as pd
from onnx import TensorProto, helper

HERE = os.path.dirname(os.path.abspath(__file__))
X = json.load(open(os.path.join(HERE, "..", "expected.json")))["X"]


def serialize_byte_tensor(tensor):
    """tritonclient.utils.serialize_byte_tensor, for an np.object_ array."""
    parts = []
    for obj in np.nditer(tensor, flags=["refs_ok"], order="C"):
        s = obj.item() if isinstance(obj.item(), bytes) else str(obj.item()).encode("utf-8")
        parts.append(struct.pack("<I", len(s)))
        parts.append(s)
    return b"".join(parts)


class InferInput:
    """The parts of tritonclient.http.InferInput that shape the bytes on the wire."""

    def __init__(self, name, shape, datatype):
        self._name, self._shape, self._datatype = name, list(shape), datatype
        self._parameters, self._data, self._raw_data = {}, None, None

    def set_data_from_numpy(self, tensor, binary_data=True):
        if not binary_data:
            self._data = [v.item() for v in tensor.flatten()]
            return self
        if self._datatype == "BYTES":
            self._raw_data = serialize_byte_tensor(tensor)
        else:
            self._raw_data = tensor.tobytes()
        self._parameters["binary_data_size"] = len(self._raw_data)
        return self

    def _get_tensor(self):
        tensor = {"name": self._name, "shape": self._shape, "datatype": self._datatype}
        if self._parameters:
            tensor["parameters"] = self._parameters
        if self._data is not None:
            tensor["data"] = self._data
        return tensor


def get_inference_request(inputs, outputs):
    """tritonclient.http._utils._get_inference_request, without sequence/priority/timeout."""
    infer_request, parameters = {}, {}
    infer_request["inputs"] = [i._get_tensor() for i in inputs]
    if outputs:
        infer_request["outputs"] = outputs
    else:
        parameters["binary_data_output"] = True
    if parameters:
        infer_request["parameters"] = parameters
    request_json = json.dumps(infer_request)
    json_size = len(request_json)
    body = [request_json.encode()] + [i._raw_data for i in inputs if i._raw_data is not None]
    if len(body) == 1:
        return body[0], None
    return b"".join(body), json_size


def write(name, body, meta=None):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(body)
    if meta is None:
        return
    with open(os.path.join(HERE, name.rsplit(".", 1)[0] + ".json"), "w") as f:
        json.dump(meta, f, indent=1)
        f.write("\n")


def main():
    # Every datatype of all-types.onnx, shape [2, 2], all binary; no outputs named, so
    # tritonclient asks for every output in binary (binary_data_output).
    arrays = {
        "bool": ("BOOL", np.array([[True, False], [False, True]])),
        "int8": ("INT8", np.array([[-128, 127], [0, -1]], dtype=np.int8)),
        "uint8": ("UINT8", np.array([[0, 255], [1, 2]], dtype=np.uint8)),
        "int16": ("INT16", np.array([[-32768, 32767], [3, -4]], dtype=np.int16)),
        "uint16": ("UINT16", np.array([[0, 65535], [5, 6]], dtype=np.uint16)),
        "int32": ("INT32", np.array([[-2**31, 2**31 - 1], [7, -8]], dtype=np.int32)),
        "uint32": ("UINT32", np.array([[0, 2**32 - 1], [9, 10]], dtype=np.uint32)),
        "int64": ("INT64", np.array([[-2**63, 2**63 - 1], [11, -12]], dtype=np.int64)),
        "uint64": ("UINT64", np.array([[0, 2**64 - 1], [13, 14]], dtype=np.uint64)),
        "float16": ("FP16", np.array([[0.5, -2.0], [65504, 1e-3]], dtype=np.float16)),
        "float32": ("FP32", np.array([[0.1, -3.5], [np.inf, 1e30]], dtype=np.float32)),
        "float64": ("FP64", np.array([[0.1, -1e300], [2.5, 3.0]], dtype=np.float64)),
        "string": ("BYTES", np.array([["a", "héllo"], ["", "x,y"]], dtype=np.object_)),
    }
    inputs = [
        InferInput(f"in_{t}", a.shape, dt).set_data_from_numpy(a) for t, (dt, a) in arrays.items()
    ]
    body, json_size = get_inference_request(inputs, None)
    write(
        "all-types-binary.bin",
        body,
        {
            "inference_header_content_length": json_size,
            "outputs": {
                f"out_{t}": {
                    "datatype": dt,
                    "hex": (serialize_byte_tensor(a) if dt == "BYTES" else a.tobytes()).hex(),
                }
                for t, (dt, a) in arrays.items()
            },
        },
    )

    # Iris: FP32 [2, 4] in binary; label asked for in binary, probabilities as JSON.
    x = np.array(X[:2], dtype=np.float32)
    iris = InferInput("float_input", x.shape, "FP32").set_data_from_numpy(x)
    outputs = [
        {"name": "label", "parameters": {"binary_data": True}},
        {"name": "probabilities", "parameters": {"binary_data": False}},
    ]
    body, json_size = get_inference_request([iris], outputs)
    write("iris-binary.bin", body, {"inference_header_content_length": json_size})

    # request_compression_algorithm: the JSON request (binary_data=False), gzip and deflate.
    plain = InferInput("float_input", x.shape, "FP32").set_data_from_numpy(x, binary_data=False)
    body, json_size = get_inference_request([plain], [{"name": "label"}])
    assert json_size is None
    write("iris-v2.json.gz", gzip.compress(body, mtime=0))
    write("iris-v2.json.deflate", zlib.compress(body))

    # pandas, as MLflow's clients send it: to_json(orient="split") and to_csv(index=False).
    columns = ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]
    df = pd.DataFrame(X[:3], columns=columns)
    df.iloc[2, 1] = np.nan
    with open(os.path.join(HERE, "iris-split.json"), "w") as f:
        f.write('{"dataframe_split": ' + df.to_json(orient="split") + "}")
    with open(os.path.join(HERE, "iris-records.json"), "w") as f:
        f.write('{"dataframe_records": ' + df.to_json(orient="records") + "}")
    # A DataFrame made from a bare array has column labels 0, 1, …: numbers in the split JSON.
    with open(os.path.join(HERE, "iris-split-unnamed.json"), "w") as f:
        f.write('{"dataframe_split": ' + pd.DataFrame(X[:3]).to_json(orient="split") + "}")
    with open(os.path.join(HERE, "iris.csv"), "w") as f:
        f.write(df.to_csv(index=False))
    with open(os.path.join(HERE, "iris-noheader.csv"), "w") as f:
        f.write(df.to_csv(index=False, header=False))

    # Python's json.dumps writes NaN and Infinity as bare words.
    with open(os.path.join(HERE, "python-nan.json"), "w") as f:
        f.write(json.dumps({"instances": [[float("nan"), float("inf"), -float("inf"), 1.0]]}))


    # TF Serving's bytes: a DT_STRING input, echoed to an output named *_bytes (written as b64).
    graph = helper.make_graph(
        [helper.make_node("Identity", ["text"], ["text_bytes"]), helper.make_node("Identity", ["text"], ["text_echo"])],
        "bytes_echo",
        [helper.make_tensor_value_info("text", TensorProto.STRING, ["N"])],
        [
            helper.make_tensor_value_info("text_bytes", TensorProto.STRING, ["N"]),
            helper.make_tensor_value_info("text_echo", TensorProto.STRING, ["N"]),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="cd4ml-fixtures")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(HERE, "bytes-echo.onnx"))


if __name__ == "__main__":
    main()
