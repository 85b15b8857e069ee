"""An independent client of cd4ml's gRPC port: Python's grpcio and protobuf, no generated stubs.

It learns every message type from the server's reflection service (as grpcurl does), builds
the classes with protobuf's descriptor pool, then calls each service and prints one JSON
object with what came back. Usage: python3 python_client.py <port>
"""
import json
import struct
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

PORT = sys.argv[1]
channel = grpc.insecure_channel(f"127.0.0.1:{PORT}")


def fields(data):
    """(number, value) pairs of a protobuf message: varints as ints, length-delimited as bytes."""
    i = 0
    while i < len(data):
        key, i = varint(data, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, i = varint(data, i)
        elif wire == 2:
            size, i = varint(data, i)
            value, i = data[i : i + size], i + size
        else:
            raise ValueError(f"unexpected wire type {wire}")
        yield number, value


def varint(data, i):
    shift = result = 0
    while True:
        b = data[i]
        i += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, i
        shift += 7


def reflect(field, text):
    """One ServerReflectionInfo exchange; the request has one string field (list_services = 7, file_containing_symbol = 4)."""
    payload = text.encode()
    request = bytes([field << 3 | 2]) + encode_varint(len(payload)) + payload
    call = channel.stream_stream(
        "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
        request_serializer=lambda b: b,
        response_deserializer=lambda b: b,
    )
    return next(iter(call(iter([request]))))


def encode_varint(n):
    out = b""
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


services = []
for number, value in fields(reflect(7, "")):
    if number == 6:  # list_services_response
        for n, service in fields(value):
            services += [v.decode() for m, v in fields(service) if m == 1]

files = {}
for symbol in ["inference.GRPCInferenceService", "tensorflow.serving.PredictionService",
               "tensorflow.serving.ModelService", "grpc.health.v1.Health"]:
    for number, value in fields(reflect(4, symbol)):
        if number == 4:  # file_descriptor_response
            for n, raw in fields(value):
                fdp = descriptor_pb2.FileDescriptorProto.FromString(raw)
                files[fdp.name] = fdp

pool = descriptor_pool.DescriptorPool()
added = set()


def add(name):
    if name in added:
        return
    for dep in files[name].dependency:
        add(dep)
    pool.Add(files[name])
    added.add(name)


for name in files:
    add(name)


factory = message_factory.MessageFactory(pool)


def message(full_name):
    # GetPrototype: the protobuf 4.21 that Debian 12 ships has no GetMessageClass yet.
    return factory.GetPrototype(pool.FindMessageTypeByName(full_name))


def rpc(service, method):
    m = pool.FindServiceByName(service).FindMethodByName(method)
    request, response = message(m.input_type.full_name), message(m.output_type.full_name)
    call = channel.unary_unary(
        f"/{service}/{method}",
        request_serializer=lambda r: r.SerializeToString(),
        response_deserializer=response.FromString,
    )
    return request, call


out = {"services": sorted(services)}

Infer, infer = rpc("inference.GRPCInferenceService", "ModelInfer")
req = Infer(model_name="iris")
tensor = req.inputs.add(name="float_input", datatype="FP32", shape=[1, 4])
req.raw_input_contents.append(struct.pack("<4f", 5.1, 3.5, 1.4, 0.2))
# With a deadline, as tritonclient's client_timeout sends one (grpc-timeout).
res = infer(req, timeout=30)
names = [o.name for o in res.outputs]
probs = res.raw_output_contents[names.index("probabilities")]
out["infer"] = {
    "model_version": res.model_version,
    "outputs": [[o.name, o.datatype, list(o.shape)] for o in res.outputs],
    "probabilities": list(struct.unpack("<3f", probs)),
    "label": struct.unpack("<q", res.raw_output_contents[names.index("label")])[0],
}
try:
    bad = Infer(model_name="iris")
    bad.inputs.add(name="float_input", datatype="FP32", shape=[1, 4])
    bad.raw_input_contents.append(b"\0" * 15)
    infer(bad)
    out["bad_infer"] = "OK"
except grpc.RpcError as err:
    out["bad_infer"] = [err.code().name, err.details()]

Predict, predict = rpc("tensorflow.serving.PredictionService", "Predict")
p = Predict()
p.model_spec.name = "iris"
t = p.inputs["float_input"]
t.dtype = pool.FindEnumTypeByName("tensorflow.DataType").values_by_name["DT_FLOAT"].number
t.tensor_shape.dim.add(size=1)
t.tensor_shape.dim.add(size=4)
t.float_val.extend([5.1, 3.5, 1.4, 0.2])
# Gzip-compressed, as grpc.Compression.Gzip clients send.
r = predict(p, compression=grpc.Compression.Gzip)
out["predict"] = {
    "version": r.model_spec.version.value,
    "probabilities": list(r.outputs["probabilities"].float_val),
    "label": list(r.outputs["label"].int64_val),
}

Meta, meta = rpc("tensorflow.serving.PredictionService", "GetModelMetadata")
m = meta(Meta(model_spec={"name": "iris"}, metadata_field=["signature_def"]))
sigs = message("tensorflow.serving.SignatureDefMap")()
m.metadata["signature_def"].Unpack(sigs)
sig = sigs.signature_def["serving_default"]
out["metadata"] = {
    "inputs": {k: [v.dtype, [d.size for d in v.tensor_shape.dim]] for k, v in sig.inputs.items()},
    "method_name": sig.method_name,
}

Status, get_status = rpc("tensorflow.serving.ModelService", "GetModelStatus")
s = get_status(Status(model_spec={"name": "iris"}))
state = pool.FindEnumTypeByName("tensorflow.serving.ModelVersionStatus.State")
out["status"] = [[v.version, state.values_by_number[v.state].name] for v in s.model_version_status]

Check, check = rpc("grpc.health.v1.Health", "Check")
serving = pool.FindEnumTypeByName("grpc.health.v1.HealthCheckResponse.ServingStatus")
out["health"] = serving.values_by_number[check(Check(service="")).status].name

print(json.dumps(out))
