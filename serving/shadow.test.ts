import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, it, vi } from 'vitest';
import { parseShadowSummary } from '../core/shadow/summary.js';
import type { ShadowSummary } from '../core/shadow/summary.js';
import type { ServingApp } from './app.js';
import type { ShadowOptions } from './shadow-target.js';
import { grpcFor, stub } from './grpc/testing.js';
import { fixture, withRepositoryApp } from './testing.js';

/**
 * `--shadow`: requests to the model are answered by its serving version and mirrored to
 * the candidate afterwards; agreement, latency, errors and drops are counted.
 */

const expected = JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as {
  X: number[][];
  v1: { label: number[] };
  v2: { label: number[] };
};

async function summary(app: ServingApp): Promise<ShadowSummary> {
  const res = await app.inject({ url: '/shadow' });
  expect(res.statusCode).toBe(200);
  return parseShadowSummary(res.json(), '/shadow');
}

/** Polls /shadow until `done` holds (the mirror runs after the responses). */
async function until(app: ServingApp, done: (s: ShadowSummary) => boolean): Promise<ShadowSummary> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const s = await summary(app);
    if (done(s)) return s;
    if (Date.now() > deadline) throw new Error(`shadow never settled: ${JSON.stringify(s)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const predict = (app: ServingApp, rows: number[][]) =>
  app.inject({ method: 'POST', url: '/v1/models/iris:predict', payload: { instances: rows } });

const withShadow = (
  v2: string,
  shadow: ShadowOptions,
  fn: (app: ServingApp) => Promise<void>,
): Promise<void> =>
  withRepositoryApp({ iris: { 1: 'iris-v1.onnx', 2: v2 } }, fn, { options: { shadow } });

it('answers from the serving version and counts exact agreement with an identical candidate', async () => {
  await withShadow('iris-v1.onnx', { model: 'iris', version: 2 }, async (app) => {
    // The candidate (v2, the highest version) is loaded but never serves as latest.
    const v2 = await app.inject({
      method: 'POST',
      url: '/v2/models/iris/infer',
      payload: {
        inputs: [{ name: 'float_input', shape: [1, 4], datatype: 'FP32', data: expected.X[0] }],
      },
    });
    expect(v2.json().model_version).toBe('1');
    const results = await Promise.all(expected.X.slice(0, 30).map((x) => predict(app, [x])));
    for (const [i, res] of results.entries()) {
      expect(res.statusCode).toBe(200);
      expect(res.json().predictions[0].label).toBe(expected.v1.label[i]);
    }
    const s = await until(app, (x) => x.mirrored === 31);
    expect(s).toMatchObject({
      model: 'iris',
      candidate: 2,
      agreed: 31,
      disagreed: 0,
      errors: 0,
      dropped: 0,
      agreement: 1,
      maxScoreDiff: 0,
    });
    expect(s.primaryMs!.samples).toBe(31);
    expect(s.candidateMs!.p95).toBeGreaterThan(0);
    const metrics = (await app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/^cd4ml_shadow_requests_total\{model="iris",result="agree"\} 31$/m);
    // Results not seen yet are there, at zero.
    expect(metrics).toMatch(/^cd4ml_shadow_requests_total\{model="iris",result="dropped"\} 0$/m);
    expect(metrics).toMatch(
      /^cd4ml_shadow_inference_seconds_count\{model="iris",role="candidate"\} 31$/m,
    );
    // Primary and candidate runs are both in cd4ml_batch_size, told apart by role.
    expect(metrics).toMatch(/^cd4ml_batch_size_sum\{model="iris",role="primary"\} 31$/m);
    expect(metrics).toMatch(/^cd4ml_batch_size_sum\{model="iris",role="candidate"\} 31$/m);
    const lint = spawnSync('promtool', ['check', 'metrics'], { input: metrics, encoding: 'utf8' });
    expect(`${lint.stdout}${lint.stderr}`).toBe('');
  });
});

it('counts disagreement with a retrained candidate, per output', async () => {
  await withShadow('iris-v2.onnx', { model: 'iris', version: 2 }, async (app) => {
    const rows = expected.X.slice(0, 150);
    expect((await predict(app, rows)).statusCode).toBe(200);
    for (const x of rows.slice(0, 20)) await predict(app, [x]);
    const s = await until(app, (x) => x.mirrored === 21);
    // The 150-row request: v1 and v2 differ somewhere, so it disagrees; probabilities always differ.
    expect(s.disagreed).toBeGreaterThanOrEqual(1);
    expect(s.outputDisagreements.probabilities).toBe(s.disagreed);
    const labelsDiffer = rows.some((_, i) => expected.v1.label[i] !== expected.v2.label[i]);
    expect(labelsDiffer).toBe(true);
    expect(s.outputDisagreements.label).toBeGreaterThanOrEqual(1);
    expect(s.maxScoreDiff).toBeGreaterThan(1e-4);
  });
});

it('compares each request with its own rows when the mirror batches them', async () => {
  await withShadow('iris-v2.onnx', { model: 'iris', version: 2 }, async (app) => {
    // Concurrent single rows: mirrored together, run on the candidate as one batch.
    const rows = expected.X.slice(0, 60);
    const results = await Promise.all(rows.map((x) => predict(app, [x])));
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    const s = await until(app, (x) => x.mirrored === 60);
    const differ = rows.filter((_, i) => expected.v1.label[i] !== expected.v2.label[i]).length;
    expect(differ).toBeGreaterThan(0);
    expect(s.outputDisagreements.label).toBe(differ);
  });
});

it('lets a partial batch wait (at most 5 ms) for more rows, and runs a full one at once', async () => {
  await withShadow('iris-v1.onnx', { model: 'iris', version: 2 }, async (app) => {
    // The mirror's clock and its fill timer only; its drain (setImmediate) stays real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const candidateRuns = async () =>
        /^cd4ml_batch_size_count\{model="iris",role="candidate"\} (\d+)$/m.exec(
          (await app.inject({ url: '/metrics' })).body,
        )?.[1] ?? '0';
      // Nothing pending, without letting the (fake) clock move; bounded, so a wait that
      // never ends fails here rather than at the test's timeout.
      const settled = async (): Promise<ShadowSummary> => {
        for (let i = 0; i < 1000; i++) {
          const s = await summary(app);
          if (s.pending === 0) return s;
          await new Promise(setImmediate);
        }
        throw new Error('the mirror kept requests waiting with no time passing');
      };
      // Three requests one after another, each answered (and offered) in its own turn.
      for (const x of expected.X.slice(0, 3))
        expect((await predict(app, [x])).statusCode).toBe(200);
      // The drains of those turns kept the three rows, waiting for more: nothing has run.
      await new Promise(setImmediate);
      expect(await summary(app)).toMatchObject({ mirrored: 0, pending: 3 });
      expect(await candidateRuns()).toBe('0');
      vi.advanceTimersByTime(5);
      let s = await settled();
      // One candidate run for the three.
      expect(s).toMatchObject({ mirrored: 3, agreed: 3 });
      expect(await candidateRuns()).toBe('1');
      // 64 rows (the candidate's max_batch_size) do not wait: no time passes here.
      expect((await predict(app, expected.X.slice(0, 64))).statusCode).toBe(200);
      s = await settled();
      expect(s).toMatchObject({ mirrored: 4, agreed: 4 });
      expect(await candidateRuns()).toBe('2');
    } finally {
      vi.useRealTimers();
    }
  });
});

it('samples with --shadow-rate and drops (and counts) when the queue is full, never delaying answers', async () => {
  await withShadow('iris-v1.onnx', { model: 'iris', version: 2, rate: 0 }, async (app) => {
    for (const x of expected.X.slice(0, 10)) expect((await predict(app, [x])).statusCode).toBe(200);
    const s = await summary(app);
    expect(s.mirrored + s.pending + s.dropped).toBe(0);
  });
  await withShadow('iris-v1.onnx', { model: 'iris', version: 2, rate: 0.5 }, async (app) => {
    const rows = Array.from({ length: 200 }, (_, i) => expected.X[i % expected.X.length]!);
    const results = await Promise.all(rows.map((x) => predict(app, [x])));
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    // Offers are made before the answers, so once nothing is pending the count is final.
    const s = await until(app, (x) => x.pending === 0);
    // Binomial(200, 0.5): outside 60–140 with probability below 1e-8.
    expect(s.mirrored).toBeGreaterThan(60);
    expect(s.mirrored).toBeLessThan(140);
    expect(s).toMatchObject({ rate: 0.5, dropped: 0, agreed: s.mirrored });
  });
  await withShadow('iris-v1.onnx', { model: 'iris', version: 2, queueLimit: 2 }, async (app) => {
    const results = await Promise.all(expected.X.slice(0, 40).map((x) => predict(app, [x])));
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    const s = await until(app, (x) => x.pending === 0 && x.mirrored + x.dropped === 40);
    expect(s.dropped).toBeGreaterThan(0);
    expect((await app.inject({ url: '/metrics' })).body).toMatch(
      /^cd4ml_shadow_requests_total\{model="iris",result="dropped"\} [1-9]/m,
    );
  });
});

it('reruns a batch the candidate fails job by job, so only the culprit counts as an error', async () => {
  // The candidate's table is one entry shorter: index 2, fine on the primary, fails on it.
  const models = { lookup: { 1: 'lookup-3.onnx', 2: 'lookup-2.onnx' } };
  const shadow = { model: 'lookup', version: 2 };
  await withRepositoryApp(
    models,
    async (app) => {
      const lookup = (rows: number[]) =>
        app.inject({
          method: 'POST',
          url: '/v1/models/lookup:predict',
          payload: { instances: rows.map((i) => [i]) },
        });
      const results = await Promise.all([[0, 1], [2], [1], [0], [1, 0]].map(lookup));
      expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
      expect(results[1]!.json()).toEqual({ predictions: [[30]] });
      const s = await until(app, (x) => x.pending === 0 && x.mirrored === 5);
      expect(s).toMatchObject({ agreed: 4, disagreed: 0, errors: 1 });
      expect(s.lastError).toMatch(/indices element out of data bounds/);
      // The primary answered all five in one run, so they were mirrored as one batch; that
      // failed, and the four good ones ran again alone.
      const metrics = (await app.inject({ url: '/metrics' })).body;
      expect(metrics).toMatch(/^cd4ml_batch_size_count\{model="lookup",role="primary"\} 1$/m);
      expect(metrics).toMatch(/^cd4ml_batch_size_count\{model="lookup",role="candidate"\} 4$/m);
    },
    { options: { shadow } },
  );
});

it('counts candidate errors (a version that is not there) and still answers every request', async () => {
  await withShadow('iris-v1.onnx', { model: 'iris', version: 7 }, async (app) => {
    for (const x of expected.X.slice(0, 5)) expect((await predict(app, [x])).statusCode).toBe(200);
    const s = await until(app, (x) => x.errors === 5);
    expect(s.agreement).toBeNull();
    expect(s.lastError).toBe(
      "Servable not found for request: model 'iris' version 7 is not available",
    );
  });
});

it('mirrors gRPC inferences too (KServe V2 ModelInfer and TF Serving Predict), on the same counters', async () => {
  await withShadow('iris-v1.onnx', { model: 'iris', version: 2 }, async (app) => {
    const grpc = await grpcFor(app);
    const v2 = stub(grpc.port, 'inference.GRPCInferenceService');
    const tf = stub(grpc.port, 'tensorflow.serving.PredictionService');
    try {
      const infer = await v2.ModelInfer({
        model_name: 'iris',
        inputs: [
          {
            name: 'float_input',
            datatype: 'FP32',
            shape: [1, 4],
            contents: { fp32_contents: expected.X[0] },
          },
        ],
      });
      // Answered by the serving version, not the candidate.
      expect(infer.model_version).toBe('1');
      await tf.Predict({
        model_spec: { name: 'iris' },
        inputs: {
          float_input: {
            dtype: 'DT_FLOAT',
            tensor_shape: { dim: [{ size: 1 }, { size: 4 }] },
            float_val: expected.X[1],
          },
        },
      });
      const s = await until(app, (x) => x.mirrored === 2);
      expect(s).toMatchObject({ agreed: 2, disagreed: 0, errors: 0, dropped: 0 });
    } finally {
      v2.client.close();
      tf.client.close();
      await grpc.close();
    }
  });
});
