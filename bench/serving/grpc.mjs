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
// Both servers run as one process (--workers 1). Each round measures every server; the
// ratios are medians of the per-round ratios. Every server's answer is checked against
// scikit-learn's before the load, and cd4ml's /metrics must count every gRPC call as OK.
// Each row carries the server's CPU µs per request, the load tool's (h2load / wrk: a client that
// cannot keep up would cap the figures) and the machine's 1-minute load average.
// Env: DURATION (s, default 6), ROUNDS (default 3), CONCURRENCY (default 32).
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { connect } from 'node:http2';
import { mkdtemp, mkdir, copyFile, writeFile, readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSync } from '@grpc/proto-loader';
import { bundleCli } from './bundle.mjs';
import { h2load, measured, wrk } from './grpc-load.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = await bundleCli();
const DURATION = Number(process.env.DURATION ?? 6);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const C = Number(process.env.CONCURRENCY ?? 32);
const INFER = '/inference.GRPCInferenceService/ModelInfer';

const expected = JSON.parse(
  await readFile(join(ROOT, 'serving/__fixtures__/expected.json'), 'utf8'),
);
const work = await mkdtemp(join(tmpdir(), 'cd4ml-bench-grpc-'));
await mkdir(join(work, 'repo/iris/1'), { recursive: true });
const model = join(work, 'repo/iris/1/model.onnx');
await copyFile(join(ROOT, 'serving/__fixtures__/iris-v1.onnx'), model);

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
function start(cmd, args) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}
const cd4ml = start(process.execPath, [
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
const runs = {
  'cd4ml REST V2 (JSON)': { pid: cd4ml.pid, run: restLoad(8821, bodies.json) },
  'cd4ml gRPC ModelInfer (raw)': { pid: cd4ml.pid, run: grpcLoad(8820, bodies.raw) },
  'cd4ml gRPC ModelInfer (typed)': { pid: cd4ml.pid, run: grpcLoad(8820, bodies.typed) },
  'bare grpc-js + ort peer (raw)': { pid: peer.pid, run: grpcLoad(8822, bodies.raw) },
  // How one gRPC channel sends: every call a stream on a single connection.
  'cd4ml gRPC ModelInfer (raw, 1 connection)': {
    pid: cd4ml.pid,
    run: grpcLoad(8820, bodies.raw, C),
  },
  'bare grpc-js + ort peer (raw, 1 connection)': {
    pid: peer.pid,
    run: grpcLoad(8822, bodies.raw, C),
  },
  'floor: node:http2, canned answer': { pid: floors.http2.pid, run: grpcLoad(8823, bodies.raw) },
  'floor: grpc-js, canned answer': { pid: floors.grpcJs.pid, run: grpcLoad(8824, bodies.raw) },
  'floor: node:http, canned answer (REST)': {
    pid: floors.http.pid,
    run: restLoad(8825, bodies.json),
  },
  'floor: node:http2, canned answer, 1 connection': {
    pid: floors.http2.pid,
    run: grpcLoad(8823, bodies.raw, C),
  },
};
/** cd4ml's /metrics on a fresh connection (the server closes idle keep-alive sockets). */
const scrape = () =>
  new Promise((resolve, reject) =>
    get({ host: '127.0.0.1', port: 8821, path: '/metrics', agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve(text));
    }).on('error', reject),
  );
function notOkCounts(text) {
  return [
    ...text.matchAll(/cd4ml_requests_total\{[^}]*protocol="kserve-grpc",status="(\w+)"\} (\d+)/g),
  ]
    .filter((m) => m[1] !== 'OK')
    .map((m) => [m[1], Number(m[2])]);
}
const notOkBefore = new Map(notOkCounts(await scrape()));
for (const r of Object.values(runs)) r.run(2); // warm-up: JIT, connections, batching paths
process.stderr.write(`load average before the rounds: ${loadavg()[0].toFixed(2)}\n`);
const results = {};
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, r] of Object.entries(runs)) {
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

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const perRound = (a, b, f) => median(results[a].map((r, i) => f(r, results[b][i])));
/** Per-round medians: req/s of a over b, and b's CPU µs per request over a's (calls per CPU second). */
const ratios = (a, b) => [
  perRound(a, b, (x, y) => x.rps / y.rps),
  perRound(a, b, (x, y) => y.cpuUs / x.cpuUs),
];
const cpu = cpus();
console.log(
  `\nmachine: ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, node ${process.version}; c=${C}; ${DURATION}s × ${ROUNDS} rounds (median round; ratios: median of per-round ratios)\n`,
);
console.log(
  '| server | req/s | mean ms | CPU µs / request | client CPU µs / request | load avg | errors |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [name, rs] of Object.entries(results)) {
  const m = [...rs].sort((a, b) => a.rps - b.rps)[Math.floor(rs.length / 2)];
  console.log(
    `| ${name} | ${m.rps.toFixed(0)} | ${m.meanMs.toFixed(2)} | ${median(rs.map((r) => r.cpuUs)).toFixed(1)} | ${median(rs.map((r) => r.clientUs)).toFixed(1)} | ${median(rs.map((r) => r.load)).toFixed(2)} | ${rs.reduce((a, r) => a + r.errors, 0)} |`,
  );
}
console.log('\n| ratio | req/s | calls per CPU second | target |');
console.log('| --- | ---: | ---: | ---: |');
const RAW = 'cd4ml gRPC ModelInfer (raw)';
const RAW1 = 'cd4ml gRPC ModelInfer (raw, 1 connection)';
const REST = 'cd4ml REST V2 (JSON)';
const H2 = 'floor: node:http2, canned answer';
for (const [label, a, b, target] of [
  ['gRPC raw ÷ REST V2', RAW, REST, '≥ 1.0×'],
  ['gRPC typed ÷ REST V2', 'cd4ml gRPC ModelInfer (typed)', REST, ''],
  ['gRPC raw ÷ bare grpc-js peer', RAW, 'bare grpc-js + ort peer (raw)', '≥ 1.2×'],
  ['gRPC raw, 1 connection ÷ REST V2', RAW1, REST, '≥ 1.0×'],
  [
    'gRPC raw ÷ bare peer, 1 connection each',
    RAW1,
    'bare grpc-js + ort peer (raw, 1 connection)',
    '≥ 1.2×',
  ],
  // The transport's share: canned answers over each stack, and against the full servers.
  ['floor node:http2 ÷ floor node:http', H2, 'floor: node:http, canned answer (REST)', ''],
  ['floor grpc-js ÷ floor node:http2', 'floor: grpc-js, canned answer', H2, ''],
  ['floor node:http2 (canned) ÷ cd4ml REST V2', H2, REST, ''],
  ['cd4ml gRPC raw ÷ floor grpc-js', RAW, 'floor: grpc-js, canned answer', ''],
]) {
  const [rps, calls] = ratios(a, b);
  console.log(`| ${label} | ${rps.toFixed(2)}× | ${calls.toFixed(2)}× | ${target} |`);
}
process.exit(0);
