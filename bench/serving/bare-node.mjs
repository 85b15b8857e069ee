// Peer 1: the bare minimum a team would write: node:http + onnxruntime-node, one
// session.run per request, no validation, batching, metrics or logging.
// Usage: node bench/serving/bare-node.mjs <model.onnx> <port>
import { createServer } from 'node:http';
import * as ort from 'onnxruntime-node';

const [model, port] = process.argv.slice(2);
const session = await ort.InferenceSession.create(model, {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
});

createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    try {
      const { instances } = JSON.parse(Buffer.concat(chunks).toString());
      const input = new ort.Tensor('float32', Float32Array.from(instances.flat()), [
        instances.length,
        instances[0].length,
      ]);
      const out = await session.run({ float_input: input });
      const probs = Array.from(out.probabilities.data);
      const predictions = Array.from(out.label.data, (l, i) => ({
        label: Number(l),
        probabilities: probs.slice(i * 3, i * 3 + 3),
      }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ predictions }));
    } catch (err) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: String(err) }));
    }
  });
}).listen(Number(port), '127.0.0.1', () => console.log(`bare peer listening on ${port}`));
