import { readFileSync } from 'node:fs';
import { appendFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServingApp } from '../app.js';
import { addVersion, fixture, logCapture, startedApp, tempRepository } from '../testing.js';
import { DEFAULT_MODEL_CONFIG } from './config.js';
import { select } from './version-policy.js';

const expected = JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as {
  X: number[][];
  v1: { label: number[] };
  v2: { label: number[] };
};
// Rows where the two fixture versions disagree tell which one answered.
const telling = expected.X.map((_, i) => i).filter(
  (i) => expected.v1.label[i] !== expected.v2.label[i],
);
const probe = expected.X[telling[0]!]!;

/** Waits for `cond` to hold (vitest's waitFor re-checks it), failing with `what` after `timeoutMs`. */
async function until(
  what: string,
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await cond())) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout: timeoutMs, interval: 10 },
  );
}

async function servedLabel(
  app: ServingApp,
): Promise<{ status: number; version: string; label: number }> {
  const res = await app.inject({
    method: 'POST',
    url: '/v2/models/iris/infer',
    payload: {
      inputs: [{ name: 'float_input', shape: [1, 4], datatype: 'FP32', data: probe }],
      outputs: [{ name: 'label' }],
    },
  });
  const body = res.json();
  return {
    status: res.statusCode,
    version: body.model_version,
    label: body.outputs?.[0]?.data?.[0],
  };
}

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function setup(models: Record<string, Record<number, string>>) {
  const repo = await tempRepository(models);
  const logs = logCapture();
  // settleMs 0 for the initial load; later versions must still be seen unchanged on two polls.
  const app = await startedApp({
    repository: repo.root,
    pollIntervalMs: 25,
    settleMs: 120,
    logLevel: 'info',
    logStream: logs.stream,
  });
  cleanups.push(repo.cleanup, () => app.close());
  // The fixtures were just copied: the first load waits for them to settle too.
  await until('ready', () => app.models.ready);
  return { root: repo.root, app, logs };
}

describe('version policy', () => {
  it('selects versions', () => {
    expect([...select(DEFAULT_MODEL_CONFIG, [1, 3, 2])]).toEqual([3]);
    expect([
      ...select({ ...DEFAULT_MODEL_CONFIG, version_policy: { latest: 2 } }, [1, 3, 2]),
    ]).toEqual([3, 2]);
    expect([...select({ ...DEFAULT_MODEL_CONFIG, version_policy: { all: true } }, [1, 2])]).toEqual(
      [2, 1],
    );
    expect([
      ...select({ ...DEFAULT_MODEL_CONFIG, version_policy: { specific: [1] } }, [1, 2]),
    ]).toEqual([1]);
  });
});

describe('hot reload', () => {
  it('loads and warms a new version, then moves traffic to it and unloads the old one', async () => {
    const { root, app } = await setup({ iris: { 1: 'iris-v1.onnx' } });
    expect(await servedLabel(app)).toEqual({
      status: 200,
      version: '1',
      label: expected.v1.label[telling[0]!],
    });
    await addVersion(root, 'iris', 2, 'iris-v2.onnx');
    await until('version 2', async () => (await servedLabel(app)).version === '2');
    expect((await servedLabel(app)).label).toBe(expected.v2.label[telling[0]!]);
    await until('version 1 unloaded', () => !app.models.entry('iris').versions.has(1));
    const status = (await app.inject({ url: '/v1/models/iris' })).json().model_version_status as {
      version: string;
    }[];
    expect(status.map((v) => v.version)).toEqual(['2']);
  });

  it('keeps the old version serving when a new one fails to load, and reports it', async () => {
    const { root, app, logs } = await setup({ iris: { 1: 'iris-v1.onnx' } });
    await mkdir(join(root, 'iris', '5'), { recursive: true });
    await writeFile(join(root, 'iris', '5', 'model.onnx'), 'this is not an onnx model');
    await until(
      'version 5 failure',
      () => app.models.entry('iris').versions.get(5)?.state === 'END',
    );
    const status = (await app.inject({ url: '/v1/models/iris' })).json().model_version_status as {
      version: string;
      state: string;
      status: { error_code: string; error_message: string };
    }[];
    expect(status.map((s) => [s.version, s.state])).toEqual([
      ['5', 'END'],
      ['1', 'AVAILABLE'],
    ]);
    expect(status[0]!.status.error_code).toBe('UNKNOWN');
    expect(status[0]!.status.error_message).toMatch(/could not load the model/);
    expect((await servedLabel(app)).version).toBe('1');
    expect((await app.inject({ url: '/v2/health/ready' })).statusCode).toBe(200);
    const failure = logs.lines().find((l) => l.msg.startsWith('model version failed to load'));
    expect(failure).toMatchObject({ level: 50, model: 'iris', version: 5 });
    // Not retried while the files stay the same: three more complete polls of the repository.
    for (let pass = 0; pass < 3; pass++) await app.models.reconcile();
    expect(
      logs.lines().filter((l) => l.msg === 'loading model version' && l.version === 5),
    ).toHaveLength(1);
  });

  it('never loads a half-copied directory: waits until it is stable', async () => {
    const { root, app, logs } = await setup({ iris: { 1: 'iris-v1.onnx' } });
    const bytes = readFileSync(fixture('iris-v2.onnx'));
    const target = join(root, 'iris', '2', 'model.onnx');
    await mkdir(join(root, 'iris', '2'), { recursive: true });
    // Copy slowly, in pieces, with a complete poll of the repository after each piece.
    const pieces = 8;
    const size = Math.ceil(bytes.length / pieces);
    for (let i = 0; i < pieces; i++) {
      await appendFile(target, bytes.subarray(i * size, (i + 1) * size));
      await app.models.reconcile();
      expect(logs.lines().filter((l) => l.version === 2)).toEqual([]);
      expect((await servedLabel(app)).version).toBe('1');
    }
    await until('version 2', async () => (await servedLabel(app)).version === '2');
    expect(logs.lines().filter((l) => l.version === 2 && String(l.msg).includes('fail'))).toEqual(
      [],
    );
  });

  it('swaps versions under load with zero failed requests', async () => {
    const { root, app } = await setup({ iris: { 1: 'iris-v1.onnx' } });
    let stop = false;
    const seen = new Map<string, number>();
    const failures: string[] = [];
    const worker = async () => {
      while (!stop) {
        const res = await servedLabel(app);
        if (res.status !== 200) failures.push(`${res.status}`);
        else seen.set(res.version, (seen.get(res.version) ?? 0) + 1);
        if (
          res.status === 200 &&
          res.label !== (res.version === '1' ? expected.v1 : expected.v2).label[telling[0]!]
        )
          failures.push(`wrong label from ${res.version}`);
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    await until('version 1 under load', () => (seen.get('1') ?? 0) > 0);
    await addVersion(root, 'iris', 2, 'iris-v2.onnx');
    await until('version 2 under load', () => (seen.get('2') ?? 0) > 200);
    await rm(join(root, 'iris', '1'), { recursive: true });
    // Still under load while version 1 is unloaded, and for a while after.
    await until('version 1 unloaded', () => !app.models.entry('iris').versions.has(1));
    const served = seen.get('2')!;
    await until('requests after the unload', () => seen.get('2')! > served + 100);
    stop = true;
    await Promise.all(workers);
    expect(failures).toEqual([]);
    expect(seen.get('1')).toBeGreaterThan(0);
    expect(seen.get('2')).toBeGreaterThan(200);
  });

  it('replaces a single served file when it changes', async () => {
    const repo = await tempRepository({});
    const file = join(repo.root, 'model.onnx');
    await writeFile(file, readFileSync(fixture('iris-v1.onnx')));
    const app = await startedApp({ repository: file, pollIntervalMs: 25, settleMs: 80 });
    cleanups.push(repo.cleanup, () => app.close());
    await until('ready', () => app.models.ready);
    const label = async () =>
      (
        await app.inject({
          method: 'POST',
          url: '/v1/models/model:predict',
          payload: { instances: [probe] },
        })
      ).json().predictions[0].label as number;
    expect(await label()).toBe(expected.v1.label[telling[0]!]);
    await writeFile(file, readFileSync(fixture('iris-v2.onnx')));
    await until('new file', async () => (await label()) === expected.v2.label[telling[0]!]);
  });
});
