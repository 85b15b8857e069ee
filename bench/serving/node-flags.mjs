// npm run bench:serving:flags — what the image's node flags (serving/Dockerfile's ENTRYPOINT;
// serving/cluster.ts's SERVER_V8_FLAGS) do for one cd4ml process, in one run:
//
//   defaults   cd4ml serve --workers 1 --grpc-port under node's defaults (as `cd4ml serve` runs
//              outside the image)
//   image      the same, started with the ENTRYPOINT's node flags
//
// Both serve the Iris model and are warmed up with single-row requests only, as a server whose
// traffic is single rows sees it: V8 grows its young generation only when many objects survive
// a scavenge, so what a server was sent before decides how large it is (64-row requests grow
// it; single rows never do). Then each load runs ROUNDS times on both, alternated, every other
// round in the reverse order, one load after the other: wrk -t1 -c32, TF Serving single rows,
// KServe V2 JSON single rows, then TF Serving 64 rows (after which both are grown). Reports req/s and CPU µs per request (from /proc) per round, the
// per-round ratios image ÷ defaults, and each server's peak RSS.
// Env: DURATION (s, default 4), ROUNDS (default 5).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCli } from './bundle.mjs';
import { measured, wrk } from './grpc-load.mjs';
import { imageNodeFlags, irisWork, requireTools } from './tools.mjs';

requireTools('wrk');

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = await bundleCli();
const DURATION = Number(process.env.DURATION ?? 4);
const ROUNDS = Number(process.env.ROUNDS ?? 5);

const { work, expected } = await irisWork('cd4ml-bench-flags-');
const bodies = {
  tf: join(work, 'tf.json'),
  v2: join(work, 'v2.json'),
  tf64: join(work, 'tf64.json'),
};
const tfBody = JSON.stringify({ instances: [expected.X[0]] });
await writeFile(bodies.tf, tfBody);
await writeFile(
  bodies.v2,
  JSON.stringify({
    inputs: [{ name: 'float_input', datatype: 'FP32', shape: [1, 4], data: expected.X[0] }],
  }),
);
await writeFile(bodies.tf64, JSON.stringify({ instances: expected.X.slice(0, 64) }));
const loads = [
  { name: 'TF Serving, single row', path: '/v1/models/iris:predict', file: bodies.tf },
  { name: 'KServe V2 JSON, single row', path: '/v2/models/iris/infer', file: bodies.v2 },
  { name: 'TF Serving, 64 rows', path: '/v1/models/iris:predict', file: bodies.tf64 },
];

const flags = imageNodeFlags();
// Each with its gRPC port on, as the image starts it (CD4ML_GRPC_PORT=8500).
const servers = {
  defaults: { port: 8831, grpcPort: 8830, flags: [] },
  image: { port: 8841, grpcPort: 8840, flags },
};
const children = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
for (const s of Object.values(servers)) {
  const args = [...s.flags, CLI, 'serve', join(work, 'repo'), '--port', String(s.port)];
  args.push('--grpc-port', String(s.grpcPort), '--host', '127.0.0.1', '--workers', '1');
  args.push('--settle', '0', '--log-level', 'warn');
  s.child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(s.child);
}
for (const [name, s] of Object.entries(servers)) {
  for (let i = 0; ; i++) {
    const status = await fetch(`http://127.0.0.1:${s.port}${loads[0].path}`, {
      method: 'POST',
      body: tfBody,
    }).then((r) => r.status, String);
    if (status === 200) break;
    if (i === 300) throw new Error(`${name} did not come up (last answer: ${status})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const run = (s, load, seconds) =>
  measured(s.child.pid, () =>
    wrk({ port: s.port, path: load.path, file: load.file, seconds, c: 32, root: ROOT }),
  );
// Warm-up with single rows only (JIT, connections), as a single-row server sees its traffic.
for (const s of Object.values(servers)) for (const load of loads.slice(0, 2)) run(s, load, 2);

const results = {};
// Every round of a load before the next load: the 64-row load comes last, after which the
// defaults' young generation has grown too.
for (const load of loads) {
  for (let round = 0; round < ROUNDS; round++) {
    const order = Object.entries(servers);
    if (round % 2 === 1) order.reverse();
    for (const [name, s] of order) {
      const r = run(s, load, DURATION);
      ((results[load.name] ??= {})[name] ??= []).push(r);
      process.stderr.write(
        `round ${round + 1} ${load.name} ${name}: ${r.rps.toFixed(0)} req/s, ${r.cpuUs.toFixed(1)} CPU µs/req, errors ${r.errors}\n`,
      );
    }
  }
}
const peakRss = (pid) =>
  Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const each = (xs) => xs.map((x) => x.toFixed(2)).join(', ');
const cpu = cpus();
console.log(
  `\n${new Date().toISOString().slice(0, 16)} UTC · ${cpu.length} × ${cpu[0]?.model ?? 'cpu'} · node ${process.version} · wrk -t1 -c32 · ${ROUNDS} rounds × ${DURATION} s · image flags: ${flags.join(' ')}\n`,
);
console.log(
  '| load | defaults req/s, CPU µs | image req/s, CPU µs | image ÷ defaults, req/s (rounds) | defaults ÷ image, CPU per request (rounds) |',
);
console.log('|---|---:|---:|---|---|');
for (const load of loads) {
  const d = results[load.name].defaults;
  const m = results[load.name].image;
  const rps = d.map((r, k) => m[k].rps / r.rps);
  const cpuRatio = d.map((r, k) => r.cpuUs / m[k].cpuUs);
  const cell = (runs) =>
    `${median(runs.map((r) => r.rps)).toFixed(0)}, ${median(runs.map((r) => r.cpuUs)).toFixed(1)}`;
  console.log(
    `| ${load.name} | ${cell(d)} | ${cell(m)} | ×${median(rps).toFixed(2)} (${each(rps)}) | ×${median(cpuRatio).toFixed(2)} (${each(cpuRatio)}) |`,
  );
}
console.log(
  `\npeak RSS: defaults ${peakRss(servers.defaults.child.pid).toFixed(0)} MiB, image ${peakRss(servers.image.child.pid).toFixed(0)} MiB`,
);
children.forEach((c) => c.kill('SIGTERM'));
await rm(work, { recursive: true, force: true });
