import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolvePlatform } from './platforms.js';
import { fixture } from './testing.js';

/**
 * Contract tests: the real `cd4ml serve` process, started the way each platform starts the
 * image (its arguments and environment, from the platform's documentation), called the way
 * the platform calls it.
 */

const ROOT = join(import.meta.dirname, '..');
const expected = JSON.parse(await readFile(fixture('expected.json'), 'utf8')) as {
  X: number[][];
  v1: { label: number[]; probabilities: number[][] };
};
const started: ChildProcess[] = [];
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cd4ml-platforms-'));
  await copyFile(fixture('iris-v1.onnx'), join(dir, 'model.onnx'));
});
afterAll(async () => {
  for (const child of started) child.kill('SIGTERM');
  await rm(dir, { recursive: true, force: true });
});

/** Posts the first `n` fixture rows as `instances` to `url`; the labels it predicts. */
async function labelsOf(url: string, n: number): Promise<number[]> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ instances: expected.X.slice(0, n) }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { predictions: { label: number }[] }).predictions.map(
    (p) => p.label,
  );
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `cd4ml serve <args>` with `env` on top of a clean environment; resolves to its log once it serves. */
async function start(args: string[], env: Record<string, string>): Promise<string> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bin/main.ts',
      'serve',
      ...args,
      '--host',
      '127.0.0.1',
      '--settle',
      '0',
      '--workers',
      '1',
    ],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  started.push(child);
  let out = '';
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
    const onData = (c: Buffer): void => {
      out += c.toString();
      if (/Server listening at/.test(out) && /now serving/.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

interface Probe {
  httpGet: { path: string; port?: number };
}
interface Container {
  args: string[];
  ports: { containerPort: number }[];
  readinessProbe: Probe;
  startupProbe: Probe;
  livenessProbe: Probe;
}
interface Manifest {
  kind: string;
  spec: {
    annotations: Record<string, string>;
    containers: Container[];
    template: { spec: { containers: Container[] } };
  };
}

const csvRows = expected.X.slice(0, 3)
  .map((r) => r.join(','))
  .join('\n');

describe('SageMaker', () => {
  it('serves `docker run <image> serve`: /ping, /invocations with CSV and JSON, Accept, the multi-model header', async () => {
    const port = await freePort();
    await start(['serve'], {
      SAGEMAKER_BIND_TO_PORT: String(port),
      CD4ML_SAGEMAKER_MODEL_DIR: dir,
      // The image's own environment, which SageMaker's port and model directory override.
      MODEL_REPOSITORY: '/models',
      PORT: '8501',
    });
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/ping`)).status).toBe(200);
    // SageMaker's CSV: rows without a header.
    const csv = await fetch(`${base}/invocations`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', accept: 'text/csv' },
      body: csvRows,
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines.map((l) => Number(l.split(',')[0]))).toEqual(expected.v1.label.slice(0, 3));
    const json = await fetch(`${base}/invocations`, {
      method: 'POST',
      headers: {
        'content-type': 'text/csv',
        accept: 'application/json',
        'x-amzn-sagemaker-target-model': 'model.tar.gz',
      },
      body: csvRows,
    });
    const predictions = ((await json.json()) as { predictions: { label: number }[] }).predictions;
    expect(predictions.map((p) => p.label)).toEqual(expected.v1.label.slice(0, 3));
    const unknown = await fetch(`${base}/invocations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-amzn-sagemaker-target-model': 'other.tar.gz',
      },
      body: JSON.stringify({ instances: expected.X.slice(0, 1) }),
    });
    expect(unknown.status).toBe(404);
    // JSON instances with the caller's Accept: text/csv passed through: one line per instance.
    const instances = await fetch(`${base}/invocations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/csv' },
      body: JSON.stringify({ instances: expected.X.slice(0, 3) }),
    });
    expect(instances.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await instances.text()).split('\n').map((l) => l.split(',')[0])).toEqual([
      ...expected.v1.label.slice(0, 3).map(String),
      '',
    ]);
  });

  it('defaults to port 8080 and /opt/ml/model; a port flag or SAGEMAKER_BIND_TO_PORT wins', () => {
    const none = { repository: 'serve', port: undefined, healthRoutes: [], predictRoutes: [] };
    expect(resolvePlatform(none, {})).toMatchObject({
      platform: 'sagemaker',
      port: 8080,
      repository: '/opt/ml/model',
    });
    expect(resolvePlatform(none, { SAGEMAKER_BIND_TO_PORT: '9000' }).port).toBe(9000);
    expect(() => resolvePlatform(none, { SAGEMAKER_BIND_TO_PORT: 'x' })).toThrow(
      "SAGEMAKER_BIND_TO_PORT must be a port from 1 to 65535, received 'x'",
    );
  });
});

describe('Vertex AI', () => {
  it('listens on AIP_HTTP_PORT and answers AIP_HEALTH_ROUTE and AIP_PREDICT_ROUTE with instances → predictions', async () => {
    const port = await freePort();
    const route = '/v1/endpoints/123/deployedModels/456';
    await start([join(dir, 'model.onnx')], {
      AIP_HTTP_PORT: String(port),
      AIP_HEALTH_ROUTE: `${route}`,
      AIP_PREDICT_ROUTE: `${route}:predict`,
      AIP_STORAGE_URI: 'gs://bucket/model',
    });
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}${route}`)).status).toBe(200);
    const res = await fetch(`${base}${route}:predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instances: expected.X.slice(0, 2), parameters: { confidence: 0.5 } }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { predictions: { label: number }[] };
    expect(body.predictions.map((p) => p.label)).toEqual(expected.v1.label.slice(0, 2));
    const bad = await fetch(`${base}${route}:predict`, {
      method: 'POST',
      body: '{"instances": 3}',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: "'instances' must be a list, one element per instance",
    });
  });
});

/**
 * Vertex AI runs the image's ENTRYPOINT (`cd4ml serve`, no arguments) with the image's
 * environment (MODEL_REPOSITORY=/models, PORT=8501) and its own: AIP_HTTP_PORT (the first
 * containerSpec.ports entry), AIP_HEALTH_ROUTE and AIP_PREDICT_ROUTE (its defaults:
 * /v1/endpoints/ENDPOINT/deployedModels/DEPLOYED_MODEL and that plus ':predict'), and
 * AIP_STORAGE_URI (the gs:// copy of the model's artifactUri, or '' without one). It probes
 * the health route with GET and posts `{"instances": [...], "parameters": {...}}` as JSON.
 */
describe('Vertex AI, started as the image is', () => {
  const route = '/v1/endpoints/7001/deployedModels/42';
  async function vertex(env: Record<string, string>): Promise<{ base: string; log: string }> {
    const port = await freePort();
    const log = await start([], {
      PORT: '8501',
      AIP_HTTP_PORT: String(port),
      AIP_HEALTH_ROUTE: route,
      AIP_PREDICT_ROUTE: `${route}:predict`,
      ...env,
    });
    return { base: `http://127.0.0.1:${port}`, log };
  }
  async function predict(base: string): Promise<void> {
    expect((await fetch(`${base}${route}`)).status).toBe(200);
    const res = await fetch(`${base}${route}:predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instances: expected.X.slice(0, 3), parameters: {} }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      predictions: { label: number; probabilities: number[] }[];
    };
    expect(body.predictions.map((p) => p.label)).toEqual(expected.v1.label.slice(0, 3));
    body.predictions.forEach((p, i) =>
      p.probabilities.forEach((q, j) =>
        expect(q).toBeCloseTo(expected.v1.probabilities[i]![j]!, 6),
      ),
    );
  }

  it('serves the model baked into the image ($MODEL_REPOSITORY); a gs:// AIP_STORAGE_URI is not downloaded, and the log says so', async () => {
    const baked = await mkdtemp(join(tmpdir(), 'cd4ml-vertex-baked-'));
    try {
      await mkdir(join(baked, 'iris', '1'), { recursive: true });
      await copyFile(fixture('iris-v1.onnx'), join(baked, 'iris', '1', 'model.onnx'));
      const { base, log } = await vertex({
        MODEL_REPOSITORY: baked,
        AIP_STORAGE_URI: 'gs://caip-tenant-1234/7001/artifacts',
      });
      await predict(base);
      const started = log
        .split('\n')
        .filter((l) => l.includes('starts a container'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(started).toHaveLength(1);
      expect(started[0]).toMatchObject({
        platform: 'vertex',
        repository: baked,
        note: 'AIP_STORAGE_URI gs://caip-tenant-1234/7001/artifacts is not downloaded (only a local directory is read): serving the model baked into the image or named on the command line',
      });
    } finally {
      await rm(baked, { recursive: true, force: true });
    }
  });

  it('serves a mounted model directory that AIP_STORAGE_URI names, over an empty $MODEL_REPOSITORY', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'cd4ml-vertex-empty-'));
    try {
      const { base, log } = await vertex({ MODEL_REPOSITORY: empty, AIP_STORAGE_URI: dir });
      expect(log).toContain(`"repository":"${join(dir, 'model.onnx')}"`);
      await predict(base);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('reads AIP_STORAGE_URI as the model only when it is a local path, and a model on the command line wins', () => {
    const given = { repository: undefined, port: undefined, healthRoutes: [], predictRoutes: [] };
    const aip = { AIP_HTTP_PORT: '8080' };
    expect(resolvePlatform(given, { ...aip, AIP_STORAGE_URI: dir })).toMatchObject({
      platform: 'vertex',
      port: 8080,
      repository: join(dir, 'model.onnx'),
    });
    for (const uri of ['', 'gs://bucket/model']) {
      const settings = resolvePlatform(given, { ...aip, AIP_STORAGE_URI: uri });
      expect(settings.repository, uri).toBeUndefined();
      expect(settings.note !== undefined, uri).toBe(uri !== '');
    }
    expect(
      resolvePlatform({ ...given, repository: '/models' }, { ...aip, AIP_STORAGE_URI: dir })
        .repository,
    ).toBe('/models');
  });
});

describe('Azure ML', () => {
  it('serves AZUREML_MODEL_DIR on the configured liveness, readiness and scoring routes', async () => {
    const port = await freePort();
    await start(
      ['--health-route', '/live', '--health-route', '/ready', '--predict-route', '/score'],
      {
        AZUREML_MODEL_DIR: dir,
        PORT: String(port),
      },
    );
    const base = `http://127.0.0.1:${port}`;
    for (const path of ['/live', '/ready'])
      expect((await fetch(`${base}${path}`)).status).toBe(200);
    expect(await labelsOf(`${base}/score`, 1)).toEqual(expected.v1.label.slice(0, 1));
  });
});

describe('Azure ML, a model registered as a file', () => {
  it('serves the file Azure ML mounts under its own name ($AZUREML_MODEL_DIR/iris.onnx)', async () => {
    // As the image runs there: its ENTRYPOINT, MODEL_REPOSITORY=/models (empty without a baked model).
    const mounted = await mkdtemp(join(tmpdir(), 'cd4ml-azureml-file-'));
    const empty = await mkdtemp(join(tmpdir(), 'cd4ml-azureml-empty-'));
    try {
      await copyFile(fixture('iris-v1.onnx'), join(mounted, 'iris.onnx'));
      const port = await freePort();
      await start([], {
        AZUREML_MODEL_DIR: mounted,
        MODEL_REPOSITORY: empty,
        PORT: String(port),
        CD4ML_HEALTH_ROUTE: '/live,/ready',
        CD4ML_PREDICT_ROUTE: '/score',
      });
      const base = `http://127.0.0.1:${port}`;
      for (const path of ['/live', '/ready'])
        expect((await fetch(`${base}${path}`)).status).toBe(200);
      expect(await labelsOf(`${base}/score`, 2)).toEqual(expected.v1.label.slice(0, 2));
    } finally {
      await rm(mounted, { recursive: true, force: true });
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('model directories as the platforms mount them', () => {
  it('serves model.onnx at the top, or in the one folder a registered folder lands in', async () => {
    const given = { repository: undefined, port: undefined, healthRoutes: [], predictRoutes: [] };
    const root = await mkdtemp(join(tmpdir(), 'cd4ml-azureml-'));
    try {
      // Azure ML mounts a registered folder `model/` as $AZUREML_MODEL_DIR/model/.
      await mkdir(join(root, 'folder', 'model'), { recursive: true });
      await copyFile(fixture('iris-v1.onnx'), join(root, 'folder', 'model', 'model.onnx'));
      expect(resolvePlatform(given, { AZUREML_MODEL_DIR: join(root, 'folder') }).repository).toBe(
        join(root, 'folder', 'model', 'model.onnx'),
      );
      expect(resolvePlatform(given, { AZUREML_MODEL_DIR: dir }).repository).toBe(
        join(dir, 'model.onnx'),
      );
      // A repository (<name>/<version>/model.onnx) stays a repository.
      await mkdir(join(root, 'repo', 'iris', '1'), { recursive: true });
      await copyFile(fixture('iris-v1.onnx'), join(root, 'repo', 'iris', '1', 'model.onnx'));
      const sagemaker = { ...given, repository: 'serve' };
      expect(
        resolvePlatform(sagemaker, { CD4ML_SAGEMAKER_MODEL_DIR: join(root, 'repo') }).repository,
      ).toBe(join(root, 'repo'));
      expect(resolvePlatform(given, { AZUREML_MODEL_DIR: join(root, 'missing') }).repository).toBe(
        join(root, 'missing'),
      );
      // A file keeps its own name, at the top or in the one folder (a tarball of it unpacks so).
      await mkdir(join(root, 'named', 'export'), { recursive: true });
      await copyFile(fixture('iris-v1.onnx'), join(root, 'named', 'export', 'iris.onnx'));
      expect(
        resolvePlatform(sagemaker, { CD4ML_SAGEMAKER_MODEL_DIR: join(root, 'named') }).repository,
      ).toBe(join(root, 'named', 'export', 'iris.onnx'));
      await copyFile(fixture('iris-v2.onnx'), join(root, 'named', 'export', 'iris-v2.onnx'));
      expect(() =>
        resolvePlatform(given, { AZUREML_MODEL_DIR: join(root, 'named', 'export') }),
      ).toThrow(
        `AZUREML_MODEL_DIR (${join(root, 'named', 'export')}) has several model files and no model.onnx: iris-v2.onnx, iris.onnx`,
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('KServe and Cloud Run manifests', () => {
  it('KServe: the runtime listens on its containerPort, and its probe and Prometheus paths answer', async () => {
    const docs = (await readFile(join(ROOT, 'serving/deploy/kserve.yaml'), 'utf8'))
      .split(/^---$/m)
      .map((d) => parse(d) as Manifest);
    const runtime = docs.find((d) => d.kind === 'ClusterServingRuntime')!;
    const container = runtime.spec.containers[0]!;
    const args = container.args;
    const containerPort = container.ports[0]!.containerPort;
    expect(Number(args[args.indexOf('--port') + 1])).toBe(containerPort);
    expect(container.readinessProbe.httpGet.port).toBe(containerPort);
    expect(Number(runtime.spec.annotations['prometheus.kserve.io/port'])).toBe(containerPort);
    expect(args[0]).toMatch(/^\/mnt\/models\//);
    // As KServe runs it: the storage initializer's file, the isvc's name, our port for 8080.
    const port = await freePort();
    const run = args.map((a) =>
      a
        .replace('/mnt/models/model.onnx', join(dir, 'model.onnx'))
        .replace('{{.Name}}', 'iris')
        .replace(String(containerPort), String(port)),
    );
    await start(run, {});
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}${container.readinessProbe.httpGet.path}`)).status).toBe(200);
    expect(
      (await fetch(`${base}${runtime.spec.annotations['prometheus.kserve.io/path']}`)).status,
    ).toBe(200);
    const infer = await fetch(`${base}/v2/models/iris/infer`, {
      method: 'POST',
      body: JSON.stringify({
        inputs: [{ name: 'float_input', shape: [1, 4], datatype: 'FP32', data: expected.X[0] }],
      }),
    });
    expect(infer.status).toBe(200);
  });

  it("every manifest that sets runAsNonRoot names a numeric runAsUser, as the image's USER is a name", async () => {
    // The kubelet refuses to start such a container otherwise ('container has runAsNonRoot and
    // image has non-numeric user (node), cannot verify user is non-root').
    const dockerfile = await readFile(join(ROOT, 'serving/Dockerfile'), 'utf8');
    const user = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].at(-1)![1]!;
    expect(user).toBe('node');
    type Security = { runAsNonRoot?: boolean; runAsUser?: number };
    type Pod = { securityContext?: Security; containers: { securityContext?: Security }[] };
    const pods = (node: unknown): Pod[] =>
      node === null || typeof node !== 'object'
        ? []
        : [
            ...(Array.isArray((node as Pod).containers) ? [node as Pod] : []),
            ...Object.values(node).flatMap(pods),
          ];
    let checked = 0;
    for (const file of ['kserve.yaml', 'kubernetes.yaml', 'cloudrun.yaml']) {
      const text = await readFile(join(ROOT, 'serving/deploy', file), 'utf8');
      for (const pod of text.split(/^---$/m).flatMap((d) => pods(parse(d)))) {
        for (const container of pod.containers) {
          const security = { ...pod.securityContext, ...container.securityContext };
          if (security.runAsNonRoot !== true) continue;
          checked++;
          expect(security.runAsUser, file).toBeGreaterThan(0);
        }
      }
    }
    expect(checked).toBe(2);
  });

  it('Cloud Run: no --port in the args (the server takes $PORT), and the probe paths answer on $PORT', async () => {
    const service = parse(
      await readFile(join(ROOT, 'serving/deploy/cloudrun.yaml'), 'utf8'),
    ) as Manifest;
    const container = service.spec.template.spec.containers[0]!;
    const args = container.args;
    expect(args).not.toContain('--port');
    expect(args).not.toContain('-p');
    const port = await freePort();
    await start([join(dir, 'model.onnx'), ...args.slice(1)], { PORT: String(port) });
    const base = `http://127.0.0.1:${port}`;
    for (const probe of [container.startupProbe, container.livenessProbe])
      expect((await fetch(`${base}${probe.httpGet.path}`)).status).toBe(200);
  });
});
