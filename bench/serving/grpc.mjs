// npm run bench:grpc — gRPC ModelInfer against REST V2 on the same server, and against a bare
// @grpc/grpc-js + onnxruntime-node peer (bench/peers/grpc-bare.mjs), same model, one run.
//
//   cd4ml REST V2   POST /v2/models/iris/infer, JSON, one row (wrk -t1 -c32)
//   cd4ml gRPC      ModelInfer, one row in raw_input_contents (tritonclient's encoding) and
//                   in typed contents.fp32_contents (h2load, 32 connections × 1 stream)
//   bare gRPC peer  the same raw request
//   and both gRPC servers again with the 32 calls as streams of one connection (one channel)
//   floors          bench/peers/grpc-floor.mjs answering every call with cd4ml's own response
//                   bytes, precomputed: node:http2 alone, grpc-js alone, and node:http for REST —
//                   what the transport costs a call before any model or protobuf work
//
// Fair by construction: every server is one process (cd4ml --workers 1, the peer and the floors
// single node processes; onnxruntime one intra-op thread in both), each load tool one thread
// (h2load -t1, wrk -t1) at the same concurrency, and every server is measured in every round,
// ordered so that each ratio's two servers run close together, every other round in reverse.
// The report (grpc-report.mjs) prints every round of every server and of every ratio, not only
// the medians. Every server's answer is checked against scikit-learn's before the load, and
// cd4ml's /metrics must count every gRPC call as OK. Each row carries the server's CPU µs per request (from /proc), the
// load tool's (a client that cannot keep up would cap the figures) and the 1-minute load average.
// Env: DURATION (s, default 6), ROUNDS (default 3), CONCURRENCY (default 32), IMAGE_FLAGS=1
// (cd4ml started with the node flags of the image's ENTRYPOINT; the peers and floors keep node's).
import { spawn } from 'node:child_process';
import { connect } from 'node:http2';
import { writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSync } from '@grpc/proto-loader';
import { bundleCli } from './bundle.mjs';
import { h2load, measured, wrk } from './grpc-load.mjs';
import {
  printReport,
  REST,
  RAW,
  RAW1,
  BARE,
  BARE1,
  TYPED,
  H2,
  H2_1,
  GRPCJS,
  GRPCJS_1,
  HTTP,
} from './grpc-report.mjs';
import { cd4mlNodeFlags, getFresh, irisWork, requireTools } from './tools.mjs';

requireTools('h2load', 'wrk');

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = await bundleCli();
const DURATION = Number(process.env.DURATION ?? 6);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const C = Number(process.env.CONCURRENCY ?? 32);
const INFER = '/inference.GRPCInferenceService/ModelInfer';

const { work, model, expected } = await irisWork('cd4ml-bench-grpc-');

const row = expected.X[0];
const def = loadSync(
  join(ROOT, 'serving/protos/open-inference-protocol/open_inference_grpc.proto'),
  { keepCase: true, arrays: true },
)['inference.GRPCInferenceService'];
const inferRequest = (extra) =>
  def.ModelInfer.requestSerialize({
    model_name: 'iris',
    inputs: [{ name: 'float_input', datatype: 'FP32', shape: [1, 4], ...extra.input }],
    ...extra.request,
  });
/** A gRPC message as it goes on the wire: uncompressed flag, 4-byte length, message. */
const framed = (message) => {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(message.length, 1);
  return Buffer.concat([header, message]);
};
const bodies = {
  raw: join(work, 'raw.bin'),
  typed: join(work, 'typed.bin'),
  json: join(work, 'v2.json'),
};
await writeFile(
  bodies.raw,
  framed(
    inferRequest({
      input: {},
      request: { raw_input_contents: [Buffer.from(new Float32Array(row).buffer)] },
    }),
  ),
);
await writeFile(
  bodies.typed,
  framed(inferRequest({ input: { contents: { fp32_contents: row } }, request: {} })),
);
await writeFile(
  bodies.json,
  JSON.stringify({ inputs: [{ name: 'float_input', datatype: 'FP32', shape: [1, 4], data: row }] }),
);

const children = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));
// Interrupted (Ctrl-C, kill): exit, so that the servers above go too rather than linger.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
function start(cmd, args) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}
const cd4ml = start(process.execPath, [
  ...cd4mlNodeFlags(),
  CLI,
  'serve',
  join(work, 'repo'),
  '--port',
  '8821',
  '--grpc-port',
  '8820',
  '--host',
  '127.0.0.1',
  '--workers',
  '1',
  '--settle',
  '0',
  '--log-level',
  'warn',
]);
const peer = start(process.execPath, [join(ROOT, 'bench/peers/grpc-bare.mjs'), model, '8822']);
const floor = (mode, port, file) =>
  start(process.execPath, [join(ROOT, 'bench/peers/grpc-floor.mjs'), mode, port, file]);

/** One gRPC call over node:http2 with a body file; resolves to the grpc-status and the response message. */
function grpcCall(port, file) {
  return new Promise((resolve, reject) => {
    const session = connect(`http://127.0.0.1:${port}`);
    session.on('error', reject);
    const req = session.request({
      ':method': 'POST',
      ':path': INFER,
      'content-type': 'application/grpc',
      te: 'trailers',
    });
    const chunks = [];
    let code;
    req.on('response', (h) => (code = h['grpc-status'] ?? code));
    req.on('trailers', (t) => (code = t['grpc-status'] ?? code));
    req.on('data', (c) => chunks.push(c));
    req.on('error', reject);
    req.on('close', () => {
      session.close();
      resolve({ code: String(code), message: Buffer.concat(chunks).subarray(5) });
    });
    req.end(readFileSync(file));
  });
}

async function checkAnswer(name, port, file) {
  for (let i = 0; i < 300; i++) {
    try {
      const { code, message } = await grpcCall(port, file);
      // NOT_FOUND / UNAVAILABLE: the repository has not been read, or the model not loaded, yet.
      if (code === '5' || code === '14') throw new Error('ECONNREFUSED: not ready');
      if (code !== '0') throw new Error(`${name} answered grpc-status ${code}`);
      const res = def.ModelInfer.responseDeserialize(message);
      const at = res.outputs.findIndex((o) => o.name === 'probabilities');
      const p = res.raw_output_contents.length
        ? [...new Float32Array(new Uint8Array(res.raw_output_contents[at]).buffer)]
        : res.outputs[at].contents.fp32_contents;
      const err = Math.max(...p.map((v, j) => Math.abs(v - expected.v1.probabilities[0][j])));
      if (err > 1e-5) throw new Error(`${name} answers ${JSON.stringify(p)}, not scikit-learn's`);
      return message;
    } catch (e) {
      if (!String(e).includes('ECONNREFUSED')) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${name} did not come up`);
}

const rawAnswer = await checkAnswer('cd4ml gRPC (raw)', 8820, bodies.raw);
await checkAnswer('cd4ml gRPC (typed)', 8820, bodies.typed);
await checkAnswer('bare gRPC peer', 8822, bodies.raw);
const rest = await fetch('http://127.0.0.1:8821/v2/models/iris/infer', {
  method: 'POST',
  body: readFileSync(bodies.json),
  headers: { 'content-type': 'application/json' },
});
if (rest.status !== 200) throw new Error(`REST V2 answered ${rest.status}`);
// The floors answer with cd4ml's own response bytes.
const answers = { grpc: join(work, 'answer.bin'), rest: join(work, 'answer.json') };
await writeFile(answers.grpc, rawAnswer);
await writeFile(answers.rest, Buffer.from(await rest.arrayBuffer()));
const floors = {
  http2: floor('http2', '8823', answers.grpc),
  grpcJs: floor('grpc-js', '8824', answers.grpc),
  http: floor('http', '8825', answers.rest),
};
await checkAnswer('node:http2 floor', 8823, bodies.raw);
await checkAnswer('grpc-js floor', 8824, bodies.raw);
for (let i = 0; ; i++) {
  const answer = await fetch('http://127.0.0.1:8825/').then((r) => r.text(), String);
  if (answer === readFileSync(answers.rest, 'utf8')) break;
  if (i === 300) throw new Error(`the node:http floor answered ${answer}`);
  await new Promise((r) => setTimeout(r, 100));
}

const V2 = '/v2/models/iris/infer';
const grpcLoad = (port, file, streams) => (seconds) =>
  h2load({ port, path: INFER, file, seconds, c: C, streams });
const restLoad = (port, file) => (seconds) =>
  wrk({ port, path: V2, file, seconds, c: C, root: ROOT });
// Ordered so that each ratio's two servers run close together in a round.
const runs = {
  [REST]: { pid: cd4ml.pid, run: restLoad(8821, bodies.json) },
  [RAW]: { pid: cd4ml.pid, run: grpcLoad(8820, bodies.raw) },
  // How one gRPC channel sends: every call a stream on a single connection.
  [RAW1]: { pid: cd4ml.pid, run: grpcLoad(8820, bodies.raw, C) },
  [BARE1]: { pid: peer.pid, run: grpcLoad(8822, bodies.raw, C) },
  [BARE]: { pid: peer.pid, run: grpcLoad(8822, bodies.raw) },
  [TYPED]: { pid: cd4ml.pid, run: grpcLoad(8820, bodies.typed) },
  [GRPCJS]: { pid: floors.grpcJs.pid, run: grpcLoad(8824, bodies.raw) },
  [H2]: { pid: floors.http2.pid, run: grpcLoad(8823, bodies.raw) },
  [HTTP]: { pid: floors.http.pid, run: restLoad(8825, bodies.json) },
  [H2_1]: { pid: floors.http2.pid, run: grpcLoad(8823, bodies.raw, C) },
  [GRPCJS_1]: { pid: floors.grpcJs.pid, run: grpcLoad(8824, bodies.raw, C) },
};
/** cd4ml's /metrics on a fresh connection (the server closes idle keep-alive sockets). */
const scrape = () => getFresh('http://127.0.0.1:8821/metrics');
function notOkCounts(text) {
  return [
    ...text.matchAll(/cd4ml_requests_total\{[^}]*protocol="kserve-grpc",status="(\w+)"\} (\d+)/g),
  ]
    .filter((m) => m[1] !== 'OK')
    .map((m) => [m[1], Number(m[2])]);
}
const notOkBefore = new Map(notOkCounts(await scrape()));
for (const r of Object.values(runs)) r.run(2); // warm-up: JIT, connections, batching paths
const loadBefore = loadavg()[0];
process.stderr.write(`load average before the rounds: ${loadBefore.toFixed(2)}\n`);
const results = {};
for (let round = 0; round < ROUNDS; round++) {
  // Every other round in the reverse order: neither server of a ratio always goes first
  // (after the other's load, or with the machine's load rising or falling the same way).
  const order = Object.entries(runs);
  if (round % 2 === 1) order.reverse();
  for (const [name, r] of order) {
    const res = measured(r.pid, () => r.run(DURATION));
    (results[name] ??= []).push(res);
    process.stderr.write(
      `round ${round + 1} ${name}: ${res.rps.toFixed(0)} req/s, ${res.cpuUs.toFixed(1)} CPU µs/req (client ${res.clientUs.toFixed(1)}), errors ${res.errors}, load ${res.load.toFixed(2)}\n`,
    );
  }
}
// Every gRPC call under load must be an OK in cd4ml's own metrics (the start-up checks above
// may have met NOT_FOUND before the model was read: counted before the load, subtracted).
const metrics = await scrape();
const notOk = notOkCounts(metrics).filter(([status, n]) => n > (notOkBefore.get(status) ?? 0));
if (notOk.length)
  throw new Error(`cd4ml answered gRPC calls under load with ${notOk.map(([s]) => s).join(', ')}`);
printReport(results, { c: C, seconds: DURATION, rounds: ROUNDS, loadBefore });
process.exit(0);
