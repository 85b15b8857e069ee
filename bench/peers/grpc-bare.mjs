// Peer: the gRPC server a team would write with @grpc/grpc-js + onnxruntime-node: the
// upstream KServe V2 proto through @grpc/proto-loader, ModelInfer only, one session.run per
// call, raw_input_contents in and raw_output_contents out; no validation, batching, metrics,
// health or reflection.
// Usage: node bench/peers/grpc-bare.mjs <model.onnx> <port>
import { Server, ServerCredentials, loadPackageDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';

const [model, port] = process.argv.slice(2);
const proto = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../serving/protos/open-inference-protocol/open_inference_grpc.proto',
);
const pkg = loadPackageDefinition(loadSync(proto, { keepCase: true, longs: Number }));
const session = await ort.InferenceSession.create(model, {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
});

const server = new Server();
server.addService(pkg.inference.GRPCInferenceService.service, {
  ModelInfer: async (call, callback) => {
    try {
      const req = call.request;
      const input = req.inputs[0];
      const raw = req.raw_input_contents[0];
      const data = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length));
      const out = await session.run({
        [input.name]: new ort.Tensor('float32', data, input.shape.map(Number)),
      });
      const names = Object.keys(out);
      callback(null, {
        model_name: req.model_name,
        model_version: '1',
        outputs: names.map((n) => ({
          name: n,
          datatype: out[n].type === 'int64' ? 'INT64' : 'FP32',
          shape: out[n].dims,
        })),
        raw_output_contents: names.map((n) => Buffer.from(out[n].data.buffer)),
      });
    } catch (err) {
      callback({ code: 3, details: String(err) });
    }
  },
});
server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (err) => {
  if (err) throw err;
});
