// npm run bench:soak — 60 s at c=64 against `cd4ml serve` (bundled by ./bundle.mjs), mixing
// the three protocols, with a model version swap in the middle. Passes only with zero
// errors and zero non-2xx responses. Prints throughput, latency and memory growth.
// Env: SOAK_SECONDS (default 60), CONNECTIONS (default 64).
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCli } from './bundle.mjs';
import autocannon from 'autocannon';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = await bundleCli();
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 64);
const PORT = 8821;

const expected = JSON.parse(
  await readFile(join(ROOT, 'serving/__fixtures__/expected.json'), 'utf8'),
);
const work = await mkdtemp(join(tmpdir(), 'cd4ml-soak-'));
await mkdir(join(work, 'iris/1'), { recursive: true });
await cp(join(ROOT, 'serving/__fixtures__/iris-v1.onnx'), join(work, 'iris/1/model.onnx'));

const server = spawn(
  process.execPath,
  [
    CLI,
    'serve',
    work,
    '--port',
    String(PORT),
    '--host',
    '127.0.0.1',
    '--poll',
    '500',
    '--settle',
    '1000',
    '--log-level',
    'warn',
  ],
  {
    stdio: ['ignore', 'inherit', 'inherit'],
  },
);
process.on('exit', () => server.kill('SIGKILL'));
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${PORT}/v2/health/ready`)).status === 200) break;
  } catch {
    // not listening yet
  }
  if (i > 200) throw new Error('server did not become ready');
  await new Promise((r) => setTimeout(r, 100));
}

const metric = async (name) => {
  const text = await (await fetch(`http://127.0.0.1:${PORT}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
};
const rssBefore = await metric('cd4ml_process_resident_memory_bytes');

const row = expected.X[0];
const json = { 'content-type': 'application/json' };
const requests = [
  {
    method: 'POST',
    path: '/v1/models/iris:predict',
    headers: json,
    body: JSON.stringify({ instances: [row] }),
  },
  {
    method: 'POST',
    path: '/v1/models/iris:predict',
    headers: json,
    body: JSON.stringify({ inputs: { float_input: expected.X.slice(0, 8) } }),
  },
  {
    method: 'POST',
    path: '/v2/models/iris/infer',
    headers: json,
    body: JSON.stringify({
      id: 'soak',
      inputs: [{ name: 'float_input', shape: [1, 4], datatype: 'FP32', data: row }],
    }),
  },
  {
    method: 'POST',
    path: '/invocations',
    headers: json,
    body: JSON.stringify({ dataframe_split: { columns: ['a', 'b', 'c', 'd'], data: [row, row] } }),
  },
  {
    method: 'POST',
    path: '/invocations',
    headers: json,
    body: JSON.stringify({ instances: expected.X.slice(0, 64) }),
  },
  { method: 'GET', path: '/v2/models/iris/ready' },
];

// A new version lands a third of the way in; it must take over with no failed request.
const swap = setTimeout(
  () => {
    cp(join(ROOT, 'serving/__fixtures__/iris-v2.onnx'), join(work, 'iris/2/model.onnx'), {
      recursive: true,
    }).then(
      () => process.stderr.write('soak: version 2 copied into the repository\n'),
      (err) => process.stderr.write(`soak: copy failed: ${err}\n`),
    );
  },
  (SECONDS * 1000) / 3,
);

const result = await autocannon({
  url: `http://127.0.0.1:${PORT}`,
  connections: CONNECTIONS,
  duration: SECONDS,
  requests,
});
clearTimeout(swap);
const served = await (await fetch(`http://127.0.0.1:${PORT}/v2/models/iris`)).json();
const rssAfter = await metric('cd4ml_process_resident_memory_bytes');
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
await rm(work, { recursive: true, force: true });

const summary = {
  seconds: SECONDS,
  connections: CONNECTIONS,
  requests: result.requests.total,
  reqPerSec: Math.round(result.requests.average),
  latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
  versionsAfter: served.versions,
  rssMiB: { before: Math.round(rssBefore / 2 ** 20), after: Math.round(rssAfter / 2 ** 20) },
};
console.log(JSON.stringify(summary, null, 2));
const ok =
  result.errors === 0 &&
  result.timeouts === 0 &&
  result.non2xx === 0 &&
  served.versions.includes('2');
console.log(ok ? 'soak: PASS (zero errors, version swapped under load)' : 'soak: FAIL');
process.exitCode = ok ? 0 : 1;
