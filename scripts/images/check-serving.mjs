// The serving image, run as users run it, and looked inside.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { credentials, loadPackageDefinition } from '@grpc/grpc-js';
import { loadProtos } from '../../serving/grpc/protos.ts';
import { container, start, uidOf } from './container.mjs';
import { freePort, waitFor } from './lib.mjs';

/** Row 0 of the iris fixture and its first class probability (serving/__fixtures__/expected.json). */
const ROW = [5.1, 3.5, 1.4, 0.2];
const P0 = 0.9815861487687716;
const numbers = (v) =>
  Array.isArray(v)
    ? v.flatMap(numbers)
    : v && typeof v === 'object'
      ? Object.values(v).flatMap(numbers)
      : typeof v === 'number'
        ? [v]
        : [];

const ready = (port) => async () =>
  (await fetch(`http://127.0.0.1:${port}/v2/health/ready`)).status === 200;

/** One inference per protocol: TF Serving, KServe V2, MLflow, KServe V2 gRPC; each must carry P0. */
async function inferAll({ port, grpcPort }, model, checks, label) {
  const base = `http://127.0.0.1:${port}`;
  const meta = await (await fetch(`${base}/v2/models/${model}`)).json();
  const input = meta.inputs?.[0]?.name;
  const bodies = {
    'TF Serving': [`/v1/models/${model}:predict`, { instances: [ROW] }],
    'KServe V2': [
      `/v2/models/${model}/infer`,
      { inputs: [{ name: input, shape: [1, 4], datatype: 'FP32', data: ROW }] },
    ],
    MLflow: ['/invocations', { inputs: [ROW] }],
  };
  for (const [protocol, [path, body]] of Object.entries(bodies)) {
    const r = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = await r.json().catch(() => ({}));
    checks.ok(
      r.status === 200 && numbers(json).some((n) => Math.abs(n - P0) < 1e-4),
      `${label}: a ${protocol} inference answers p=${P0.toFixed(4)}`,
      `${r.status} ${JSON.stringify(json).slice(0, 200)}`,
    );
  }
  await grpcInfer(grpcPort, model, input, checks, label);
}

/** KServe V2 ModelInfer on the image's gRPC port, with a deadline, as grpc-js clients send it. */
async function grpcInfer(port, model, input, checks, label) {
  const pkg = loadPackageDefinition(loadProtos().definition);
  const client = new pkg.inference.GRPCInferenceService(
    `127.0.0.1:${port}`,
    credentials.createInsecure(),
  );
  const request = {
    model_name: model,
    inputs: [{ name: input, datatype: 'FP32', shape: [1, 4], contents: { fp32_contents: ROW } }],
  };
  try {
    const res = await new Promise((resolve) =>
      client.ModelInfer(request, { deadline: Date.now() + 10_000 }, (err, value) =>
        resolve(err ?? value),
      ),
    );
    checks.ok(
      numbers(res.outputs ?? []).some((n) => Math.abs(n - P0) < 1e-4),
      `${label}: a gRPC ModelInfer on its gRPC port answers p=${P0.toFixed(4)}`,
      String(res.details ?? JSON.stringify(res).slice(0, 200)),
    );
  } finally {
    client.close();
  }
}

/** Start → ready, inferences, non-root, HEALTHCHECK, SIGTERM → 0; returns the cold start in ms. */
export async function runServing(image, { label, volumes = [], model, argv }, checks) {
  const ctr = await container(image);
  const port = await freePort();
  const grpcPort = await freePort();
  const started = performance.now();
  const command = argv && [...(ctr.config.Entrypoint ?? []), ...argv];
  const proc = start(ctr, {
    env: { PORT: String(port), CD4ML_GRPC_PORT: String(grpcPort) },
    volumes,
    argv: command,
  });
  try {
    await waitFor(
      ready(port),
      `${label} ready on /v2/health/ready (${proc.out.stderr.slice(-500)})`,
      90_000,
    );
    const coldStartMs = performance.now() - started;
    checks.ok(true, `${label}: ready on /v2/health/ready in ${coldStartMs.toFixed(0)} ms`);
    await inferAll({ port, grpcPort }, model, checks, label);
    const nodes = proc.pids('node');
    checks.ok(
      nodes.length > 0 && nodes.every((pid) => uidOf(pid) === 1000),
      `${label}: every server process runs as uid 1000 (node), not root`,
      nodes.map((p) => `${p}:${uidOf(p)}`).join(' '),
    );
    const test = ctr.config.Healthcheck?.Test ?? [];
    checks.ok(test[0] === 'CMD', `${label}: the image has a HEALTHCHECK`, JSON.stringify(test));
    const health = start(ctr, { argv: test.slice(1), env: { PORT: String(port) } });
    const hc = await health.exited;
    checks.ok(
      hc.code === 0,
      `${label}: its HEALTHCHECK command passes`,
      JSON.stringify(hc) + health.out.stderr,
    );
    // docker stop: SIGTERM to the container's first process (node; buildah waits for it).
    const [main] = proc
      .pids('node')
      .filter((pid) => !proc.pids('node').some((p) => p !== pid && isChildOf(pid, p)));
    if (!checks.ok(main !== undefined, `${label}: found its server process`))
      return { coldStartMs, config: ctr.config };
    const stopAt = performance.now();
    process.kill(main, 'SIGTERM');
    const exit = await Promise.race([
      proc.exited,
      new Promise((r) => setTimeout(() => r({ timeout: true }), 10_000)),
    ]);
    checks.ok(
      exit.code === 0,
      `${label}: SIGTERM ends it with exit 0 in ${(performance.now() - stopAt).toFixed(0)} ms (drain 0 s, bound 10 s)`,
      JSON.stringify(exit),
    );
    return { coldStartMs, config: ctr.config };
  } finally {
    await proc.cleanup();
    await ctr.remove();
  }
}

function isChildOf(pid, parent) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent;
  } catch {
    return false;
  }
}

/** --workers auto under a 1-CPU limit: one server process, not one per host CPU. */
export async function checkCpuLimit(image, volumes, checks) {
  const ctr = await container(image);
  const port = await freePort();
  const proc = start(ctr, {
    env: { PORT: String(port), CD4ML_GRPC_PORT: String(await freePort()) },
    volumes,
    cpus: 1,
  });
  try {
    await waitFor(ready(port), 'the CPU-limited server ready', 90_000);
    const nodes = proc.pids('node');
    checks.ok(
      nodes.length === 1 && !proc.out.stdout.includes('starting workers'),
      `--workers auto under a 1-CPU cgroup limit runs 1 server process`,
      `${nodes.length} node processes; ${proc.out.stdout.slice(0, 300)}`,
    );
  } finally {
    await proc.cleanup();
    await ctr.remove();
  }
}

/** What is inside: production dependencies only, no npm cache, sources, tests or compilers. */
export async function inspectServing(image, devDependencies, checks) {
  const ctr = await container(image);
  try {
    const root = await ctr.mount();
    const app = join(root, 'app');
    const modules = readdirSync(join(app, 'node_modules')).flatMap((n) =>
      n.startsWith('@') ? readdirSync(join(app, 'node_modules', n)).map((m) => `${n}/${m}`) : [n],
    );
    // Dev-only packages per the lockfile (a devDependency's name may also be a production dependency's dependency).
    const dev = modules.filter((m) => devDependencies.has(m));
    checks.ok(
      dev.length === 0 && modules.includes('onnxruntime-node'),
      'no devDependencies in /app/node_modules (onnxruntime-node is there)',
      dev.join(', '),
    );
    const caches = [
      'root/.npm',
      'home/node/.npm',
      'app/node_modules/.cache',
      'tmp/check-models.mjs',
    ].filter((p) => existsSync(join(root, p)));
    checks.ok(caches.length === 0, 'no npm cache (~/.npm) nor build leftovers', caches.join(', '));
    const top = readdirSync(app).sort();
    checks.ok(
      JSON.stringify(top) === JSON.stringify(['bin', 'dist', 'node_modules', 'package.json']),
      '/app holds bin, dist, node_modules and package.json only (no sources)',
      top.join(' '),
    );
    const sources = walk(join(app, 'dist')).filter((f) => /\.(ts|tsx)$|\.test\.|\.map$/.test(f));
    checks.ok(
      sources.length === 0,
      'no TypeScript sources, tests or source maps in /app/dist',
      sources.slice(0, 5).join(', '),
    );
    const compilers = ['gcc', 'cc', 'g++', 'c++', 'clang', 'make', 'python3'].filter((c) =>
      ['usr/bin', 'usr/local/bin', 'bin'].some((d) => existsSync(join(root, d, c))),
    );
    checks.ok(
      compilers.length === 0,
      'no compilers or build tools (gcc, cc, g++, clang, make, python3)',
      compilers.join(', '),
    );
    const napi = join(app, 'node_modules/onnxruntime-node/bin/napi-v6');
    const platforms = readdirSync(napi).flatMap((os) =>
      readdirSync(join(napi, os)).map((arch) => `${os}/${arch}`),
    );
    checks.ok(
      JSON.stringify(platforms) === JSON.stringify(['linux/x64']),
      "onnxruntime-node carries this platform's binaries only",
      platforms.join(' '),
    );
    const bytes = (dir) => walk(dir).reduce((a, f) => a + statSync(f).size, 0);
    return { nodeModulesBytes: bytes(join(app, 'node_modules')), rootBytes: bytes(root) };
  } finally {
    await ctr.remove();
  }
}

function walk(dir) {
  const files = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) files.push(...walk(p));
    else if (e.isFile()) files.push(p);
  }
  return files;
}
