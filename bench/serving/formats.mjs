// npm run bench:serving:formats — one run, ratios within it:
//
//   binary   KServe V2 binary tensor data (tritonclient's encoding) vs the same request as
//            JSON, for a float32 [1, 1000] input (bench/serving/wide_model.py), c=32
//   shadow   TF Serving single-row Iris requests at c=32, with `--shadow iris:2` mirroring
//            100% of them to an identical candidate vs the same server without --shadow
//
// Each pair is measured ROUNDS times, interleaved (A B, B A, A B …); the median round is reported.
// Each side's CPU time per request (user + system, from /proc) is reported too: on a shared
// machine it is the steadier measure of what mirroring costs the server.
// The shadow pair compares two servers, so every round starts a fresh pair (each warmed for 2 s):
// how fast a Node process runs varies from one process to the next (where its heap and code
// landed), by more than mirroring costs, and a median over rounds of one pair of processes
// would sample that only once. The binary pair's two sides are the same server.
// Env: DURATION (s, default 5), ROUNDS (default 3), PAIRS (default binary,shadow), IMAGE_FLAGS=1
// (both servers started with the node flags of the image's ENTRYPOINT).
// Needs wrk and python3 with onnx.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir, cpus } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCli } from './bundle.mjs';
import { cd4mlNodeFlags, getFresh, requireTools } from './tools.mjs';

requireTools('wrk');

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = await bundleCli();
const DURATION = Number(process.env.DURATION ?? 5);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const PAIRS = (process.env.PAIRS ?? 'binary,shadow').split(',');
const work = await mkdtemp(join(tmpdir(), 'cd4ml-bench-formats-'));

// Repositories: wide (binary vs JSON), iris with an identical v2 (shadow).
await mkdir(join(work, 'repo/wide/1'), { recursive: true });
execFileSync('/usr/bin/python3', [
  join(ROOT, 'bench/serving/wide_model.py'),
  join(work, 'repo/wide/1/model.onnx'),
]);
for (const v of [1, 2]) {
  await mkdir(join(work, `repo/iris/${v}`), { recursive: true });
  await copyFile(
    join(ROOT, 'serving/__fixtures__/iris-v1.onnx'),
    join(work, `repo/iris/${v}/model.onnx`),
  );
}
// Without --shadow the policy (latest: 1) serves v2; pin v1 so both servers serve the same version.
await writeFile(join(work, 'repo/iris/config.yaml'), 'version_policy: { specific: [1] }\n');

// Bodies: the same 1,000 float32 values as JSON (as json.dumps writes them) and as binary.
const values = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 3);
const jsonBody = JSON.stringify({
  inputs: [{ name: 'x', shape: [1, 1000], datatype: 'FP32', data: Array.from(values) }],
});
const header = JSON.stringify({
  inputs: [
    { name: 'x', shape: [1, 1000], datatype: 'FP32', parameters: { binary_data_size: 4000 } },
  ],
  parameters: { binary_data_output: true },
});
const bodies = {
  json: join(work, 'wide.json'),
  binary: join(work, 'wide.bin'),
  iris: join(work, 'iris.json'),
};
await writeFile(bodies.json, jsonBody);
await writeFile(bodies.binary, Buffer.concat([Buffer.from(header), Buffer.from(values.buffer)]));
const expected = JSON.parse(
  await readFile(join(ROOT, 'serving/__fixtures__/expected.json'), 'utf8'),
);
await writeFile(bodies.iris, JSON.stringify({ instances: [expected.X[0]] }));

/** The server on each port: its process and pid (wrk reads the pid's CPU time). */
const servers = new Map();
process.on('exit', () => servers.forEach((c) => c.kill('SIGKILL')));
/** Starts `cd4ml serve` on `port` (stopping the one there first); resolves once it is ready. */
async function serve(port, args) {
  const old = servers.get(port);
  if (old) {
    old.kill('SIGKILL');
    if (old.exitCode === null && old.signalCode === null)
      await new Promise((r) => old.once('exit', r));
  }
  const child = spawn(
    process.execPath,
    [
      ...cd4mlNodeFlags(),
      CLI,
      'serve',
      join(work, 'repo'),
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--settle',
      '0',
      '--log-level',
      'warn',
      '--workers',
      '1',
      ...args,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  servers.set(port, child);
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/v2/health/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server on ${port} did not become ready`);
}

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function wrk(url, body, c, seconds, env = {}) {
  const { pid } = servers.get(Number(new URL(url).port));
  const cpu0 = cpuSeconds(pid);
  const out = execFileSync(
    'wrk',
    [
      '-t1',
      `-c${c}`,
      `-d${seconds}s`,
      '--timeout',
      '5s',
      '-s',
      join(ROOT, 'bench/serving/post.lua'),
      url,
    ],
    { env: { ...process.env, BODY_FILE: body, ...env }, encoding: 'utf8' },
  );
  const [, requests, durationUs, p50, p99, statusErrors, socketErrors, timeouts] =
    /RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(out).map(Number);
  const errors = statusErrors + socketErrors + timeouts;
  if (errors > 0) throw new Error(`${url}: ${errors} errors`);
  const cpuUs = ((cpuSeconds(pid) - cpu0) / requests) * 1e6;
  return { rps: requests / (durationUs / 1e6), p50: p50 / 1000, p99: p99 / 1000, cpuUs };
}

await serve(8821, []);
const wide = 'http://127.0.0.1:8821/v2/models/wide/infer';
const binaryEnv = {
  CONTENT_TYPE: 'application/octet-stream',
  HEADER_LENGTH: String(Buffer.byteLength(header)),
};
// The binary response must be what the JSON one says.
const check = await fetch(wide, {
  method: 'POST',
  body: await readFile(bodies.binary),
  headers: { 'inference-header-content-length': binaryEnv.HEADER_LENGTH },
});
if (check.status !== 200 || !check.headers.get('inference-header-content-length'))
  throw new Error('binary request failed');

const irisUrl = (port) => `http://127.0.0.1:${port}/v1/models/iris:predict`;
/** What the candidates of every round's shadowing server did, summed. */
const shadowTotal = { mirrored: 0, agreed: 0, dropped: 0, errors: 0 };
const allPairs = {
  binary: {
    a: ['JSON', () => wrk(wide, bodies.json, 32, DURATION)],
    b: ['binary', () => wrk(wide, bodies.binary, 32, DURATION, binaryEnv)],
    warm: () => wrk(wide, bodies.json, 32, 1),
  },
  shadow: {
    a: ['no shadow', () => wrk(irisUrl(8821), bodies.iris, 32, DURATION)],
    b: ['--shadow 100%', () => wrk(irisUrl(8822), bodies.iris, 32, DURATION)],
    // A fresh pair of servers, each warmed up.
    before: async () => {
      await Promise.all([serve(8821, []), serve(8822, ['--shadow', 'iris:2'])]);
      wrk(irisUrl(8821), bodies.iris, 32, 2);
      wrk(irisUrl(8822), bodies.iris, 32, 2);
    },
    after: async () => {
      const s = JSON.parse(await getFresh('http://127.0.0.1:8822/shadow'));
      shadowTotal.mirrored += s.mirrored;
      shadowTotal.agreed += s.agreement * s.mirrored;
      shadowTotal.dropped += s.dropped;
      shadowTotal.errors += s.errors;
    },
  },
};
const pairs = Object.fromEntries(PAIRS.map((name) => [name, allPairs[name]]));
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const cpu = cpus();
console.log(
  `machine: ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, node ${process.version}, wrk -t1 -c32, ${DURATION}s × ${ROUNDS} rounds (median round)\n`,
);
for (const [name, pair] of Object.entries(pairs)) {
  const { a, b } = pair;
  if (pair.warm) {
    pair.warm();
    a[1]();
    b[1]();
  }
  const rounds = [];
  // Every other round in reverse (A B, B A, …): neither side always runs second.
  for (let r = 0; r < ROUNDS; r++) {
    await pair.before?.();
    const round = {};
    for (const side of r % 2 === 0 ? ['a', 'b'] : ['b', 'a']) round[side] = pair[side][1]();
    await pair.after?.();
    rounds.push(round);
  }
  const row = (label, k) =>
    `| ${label} | ${median(rounds.map((x) => x[k].rps)).toFixed(0)} | ${median(rounds.map((x) => x[k].p50)).toFixed(2)} | ${median(rounds.map((x) => x[k].p99)).toFixed(2)} | ${median(rounds.map((x) => x[k].cpuUs)).toFixed(1)} |`;
  console.log(
    `${name}:\n\n| | req/s | p50 ms | p99 ms | CPU µs / request |\n|---|---:|---:|---:|---:|\n${row(a[0], 'a')}\n${row(b[0], 'b')}`,
  );
  const ratio = (k) => median(rounds.map((x) => x.b[k] / x.a[k]));
  const each = (k) => rounds.map((x) => (x.b[k] / x.a[k]).toFixed(2)).join(', ');
  console.log(
    `\n| ${b[0]} ÷ ${a[0]} | median | rounds |\n|---|---:|---|\n| throughput | ×${ratio('rps').toFixed(2)} | ${each('rps')} |\n| p99 | ×${ratio('p99').toFixed(2)} | ${each('p99')} |\n| CPU per request | ×${ratio('cpuUs').toFixed(2)} | ${each('cpuUs')} |\n`,
  );
}
if (PAIRS.includes('shadow')) {
  const t = shadowTotal;
  const agreement = t.mirrored > 0 ? t.agreed / t.mirrored : 0;
  console.log(
    `shadow summary (${ROUNDS} servers): ${t.mirrored} mirrored, agreement ${agreement.toFixed(4)}, ${t.dropped} dropped, ${t.errors} errors`,
  );
}
process.exit(0);
