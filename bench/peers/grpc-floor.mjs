// Floor: the transport alone, for bench/serving/grpc.mjs to show what one call costs before any
// model, validation or protobuf work. Every request is read to its end and answered with the
// same precomputed bytes: a serialized ModelInferResponse (gRPC modes) or a V2 JSON body (http).
//   http2    node:http2 only: HEADERS, one DATA frame, grpc-status trailers (what grpc-js sends)
//   grpc-js  @grpc/grpc-js with pass-through (de)serializers: its per-call machinery, no protobuf
//   http     node:http, for the REST side
// Usage: node bench/peers/grpc-floor.mjs <http2|grpc-js|http> <port> <response file>
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { createServer as createHttp } from 'node:http';
import { createServer as createHttp2 } from 'node:http2';

const [mode, port, file] = process.argv.slice(2);
const message = readFileSync(file);
const INFER = '/inference.GRPCInferenceService/ModelInfer';

if (mode === 'http2') {
  const framed = Buffer.alloc(5 + message.length);
  framed.writeUInt32BE(message.length, 1);
  message.copy(framed, 5);
  const server = createHttp2();
  server.on('stream', (stream) => {
    stream.on('data', () => {});
    stream.on('end', () => {
      stream.respond(
        { ':status': 200, 'content-type': 'application/grpc' },
        { waitForTrailers: true },
      );
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      stream.end(framed);
    });
  });
  server.listen(Number(port), '127.0.0.1');
} else if (mode === 'grpc-js') {
  const same = (x) => x;
  const server = new Server({ 'grpc.enable_channelz': 0 });
  const method = {
    path: INFER,
    requestStream: false,
    responseStream: false,
    requestSerialize: same,
    requestDeserialize: same,
    responseSerialize: same,
    responseDeserialize: same,
  };
  server.addService({ ModelInfer: method }, { ModelInfer: (_call, done) => done(null, message) });
  server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (err) => {
    if (err) throw err;
  });
} else if (mode === 'http') {
  createHttp((req, res) => {
    req.on('data', () => {});
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(message);
    });
  }).listen(Number(port), '127.0.0.1');
} else {
  throw new Error(`mode is http2, grpc-js or http, not ${mode}`);
}
