import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseShadowSummary } from '../core/shadow/summary.js';
import type { ShadowSummary } from '../core/shadow/summary.js';
import type { ServingApp } from './app.js';
import { fixture, logCapture, withRepositoryApp } from './testing.js';

/**
 * A model's `config.yaml` `shadow:` entry does what `--shadow` does, through the same path,
 * and is hot-reloaded with the rest of the config (each reconcile below is one poll).
 */

const X = (
  JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as {
    X: number[][];
  }
).X;

const predict = (app: ServingApp, model = 'iris') =>
  app.inject({
    method: 'POST',
    url: `/v1/models/${model}:predict`,
    payload: { instances: [X[0]] },
  });

async function until(app: ServingApp, url: string, done: (s: ShadowSummary) => boolean) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await app.inject({ url });
    expect(res.statusCode, res.body).toBe(200);
    const s = parseShadowSummary(res.json(), url);
    if (done(s)) return s;
    if (Date.now() > deadline) throw new Error(`shadow never settled: ${res.body}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const config = (root: string, text: string) => writeFile(join(root, 'iris', 'config.yaml'), text);

it('mirrors to the version config.yaml names, with its rate and tolerance, as --shadow does', async () => {
  await withRepositoryApp(
    { iris: { 1: 'iris-v1.onnx', 2: 'iris-v1.onnx' } },
    async (app) => {
      // The candidate is the highest version, yet version 1 answers.
      const v2 = await app.inject({
        method: 'POST',
        url: '/v2/models/iris/infer',
        payload: { inputs: [{ name: 'float_input', shape: [1, 4], datatype: 'FP32', data: X[0] }] },
      });
      expect(v2.json().model_version).toBe('1');
      for (let i = 0; i < 9; i++) expect((await predict(app)).statusCode).toBe(200);
      const s = await until(app, '/shadow/iris', (x) => x.mirrored === 10);
      expect(s).toMatchObject({
        model: 'iris',
        candidate: 2,
        rate: 1,
        tolerance: { atol: 0.001, rtol: 0 },
        agreed: 10,
        disagreed: 0,
      });
      // The only shadowed model is also what /shadow answers.
      expect((await app.inject({ url: '/shadow' })).json()).toMatchObject({ agreed: 10 });
      const metrics = (await app.inject({ url: '/metrics' })).body;
      expect(metrics).toMatch(/^cd4ml_shadow_requests_total\{model="iris",result="agree"\} 10$/m);
    },
    {
      prepare: (root) =>
        config(root, 'shadow:\n  version: 2\n  tolerance: { atol: 0.001, rtol: 0 }\n'),
    },
  );
});

it('starts, changes and stops shadowing when config.yaml changes, without a restart', async () => {
  const log = logCapture();
  let root = '';
  await withRepositoryApp(
    { iris: { 1: 'iris-v1.onnx', 2: 'iris-v1.onnx' } },
    async (app) => {
      // No shadow yet: version 2 serves, /shadow says how to get one.
      expect((await predict(app)).json().predictions[0]).toBeDefined();
      const none = await app.inject({ url: '/shadow' });
      expect(none.statusCode).toBe(404);
      expect(none.json().error).toMatch(
        /no model has a shadow candidate: start the server with --shadow/,
      );

      await config(root, 'version_policy: { all: true }\nshadow: { version: 2 }\n');
      await app.models.reconcile();
      for (let i = 0; i < 4; i++) await predict(app);
      await until(app, '/shadow', (x) => x.candidate === 2 && x.agreed === 4);

      // A changed entry is a new shadow: its counts start again, under the new settings.
      await config(root, 'version_policy: { all: true }\nshadow: { version: 2, rate: 0 }\n');
      await app.models.reconcile();
      for (let i = 0; i < 4; i++) await predict(app);
      const changed = await until(app, '/shadow', (x) => x.rate === 0);
      expect(changed.mirrored + changed.pending).toBe(0);
      // Unchanged (re-read on every poll): the counts carry on.
      await config(root, 'version_policy: { all: true }\nshadow: { version: 2 }\n');
      await app.models.reconcile();
      await predict(app);
      await until(app, '/shadow', (x) => x.agreed === 1);
      await app.models.reconcile();
      await predict(app);
      await until(app, '/shadow', (x) => x.agreed === 2);

      // A broken entry keeps the previous config, shadow included, and says where it is wrong.
      await config(root, 'version_policy: { all: true }\nshadow: { version: 2, rate: 2 }\n');
      await app.models.reconcile();
      await predict(app);
      await until(app, '/shadow', (x) => x.agreed === 3);
      const invalid = log.lines().find((l) => l.msg.startsWith('invalid model config'));
      expect(invalid?.err).toBe(
        `${join(root, 'iris', 'config.yaml')}:2:29: shadow.rate: must be at most 1, not the number 2`,
      );

      // Removed: no more mirroring; version 2 is an ordinary version again (the latest).
      await config(root, 'version_policy: { all: true }\n');
      await app.models.reconcile();
      expect((await app.inject({ url: '/shadow' })).statusCode).toBe(404);
      const v2 = await app.inject({
        method: 'POST',
        url: '/v2/models/iris/infer',
        payload: { inputs: [{ name: 'float_input', shape: [1, 4], datatype: 'FP32', data: X[0] }] },
      });
      expect(v2.json().model_version).toBe('2');
      const events = log.lines().filter((l) => l.msg.startsWith('shadow traffic'));
      expect(events.map((l) => l.msg)).toEqual([
        'shadow traffic to a candidate version',
        'shadow traffic to a candidate version',
        'shadow traffic to a candidate version',
        'shadow traffic stopped',
      ]);
    },
    {
      options: { logStream: log.stream, logLevel: 'info' },
      prepare: (r) => {
        root = r;
        return Promise.resolve();
      },
    },
  );
});

it('--shadow wins over a config entry for its model; several shadowed models are asked for by name', async () => {
  await withRepositoryApp(
    {
      iris: { 1: 'iris-v1.onnx', 2: 'iris-v1.onnx', 3: 'iris-v1.onnx' },
      other: { 1: 'iris-v1.onnx', 2: 'iris-v2.onnx' },
    },
    async (app) => {
      await predict(app);
      await predict(app, 'other');
      // Version 3 (the highest that is not the candidate) answers; the flag's candidate is 2.
      const iris = await until(app, '/shadow?model=iris', (x) => x.mirrored === 1);
      expect(iris).toMatchObject({ candidate: 2, agreed: 1 });
      const other = await until(app, '/shadow/other', (x) => x.mirrored === 1);
      expect(other).toMatchObject({ candidate: 2, disagreed: 1 });
      const both = await app.inject({ url: '/shadow' });
      expect(both.statusCode).toBe(400);
      expect(both.json().error).toBe(
        '2 models have a shadow candidate (iris, other): ask for one, GET /shadow/<model>',
      );
      const unknown = await app.inject({ url: '/shadow/nope' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error).toMatch(/^model 'nope' has no shadow candidate/);
    },
    {
      options: { shadow: { model: 'iris', version: 2 } },
      prepare: async (root) => {
        await writeFile(
          join(root, 'iris', 'config.yaml'),
          'version_policy: { all: true }\nshadow: { version: 3 }\n',
        );
        await writeFile(join(root, 'other', 'config.yaml'), 'shadow: { version: 2 }\n');
      },
    },
  );
});
