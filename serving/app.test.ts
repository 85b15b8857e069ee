import { readFileSync } from 'node:fs';
import { cp, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServingApp } from './app.js';
import { fixture, logCapture, startedApp, tempRepository, withRepositoryApp } from './testing.js';

interface Expected {
  X: number[][];
  v1: { probabilities: number[][]; label: number[] };
  int64_string: {
    species: string[][];
    count: number[][];
    species_id: number[][];
    count_plus: string[][];
  };
}
const expected = JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as Expected;
const X = expected.X;
const TOL = 1e-5;

function expectProbabilities(actual: number[][]): void {
  expect(actual).toHaveLength(X.length);
  actual.forEach((row, i) =>
    row.forEach((p, j) =>
      expect(Math.abs(p - expected.v1.probabilities[i]![j]!)).toBeLessThan(TOL),
    ),
  );
}

let app: ServingApp;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const repo = await tempRepository({
    iris: { 1: 'iris-v1.onnx' },
    kinds: { 1: 'int64-string.onnx' },
    types: { 1: 'all-types.onnx' },
    fixed: { 3: 'fixed-shape.onnx' },
  });
  cleanup = repo.cleanup;
  app = await startedApp({ repository: repo.root, mlflowModel: 'iris', serverVersion: '1.2.3' });
});
afterAll(async () => {
  await app.close();
  await cleanup();
});

const post = (url: string, payload: unknown, on: ServingApp = app) =>
  on.inject({ method: 'POST', url, payload: payload as object });

describe('TF Serving REST', () => {
  it('reports model status and metadata', async () => {
    const status = await app.inject({ url: '/v1/models/iris' });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toEqual({
      model_version_status: [
        { version: '1', state: 'AVAILABLE', status: { error_code: 'OK', error_message: '' } },
      ],
    });
    expect((await app.inject({ url: '/v1/models/iris/versions/1' })).statusCode).toBe(200);
    const meta = (await app.inject({ url: '/v1/models/iris/metadata' })).json();
    expect(meta.model_spec).toEqual({ name: 'iris', signature_name: '', version: '1' });
    const sig = meta.metadata.signature_def.signature_def.serving_default;
    expect(sig.inputs.float_input).toEqual({
      dtype: 'DT_FLOAT',
      tensor_shape: {
        dim: [
          { size: '-1', name: '' },
          { size: '4', name: '' },
        ],
        unknown_rank: false,
      },
      name: 'float_input',
    });
    expect(sig.outputs.label.dtype).toBe('DT_INT64');
    expect(sig.method_name).toBe('tensorflow/serving/predict');
  });

  it('predicts instances (row format) equal to scikit-learn', async () => {
    const res = await post('/v1/models/iris:predict', { instances: X });
    expect(res.statusCode).toBe(200);
    const predictions = res.json().predictions as { label: number; probabilities: number[] }[];
    expect(predictions.map((p) => p.label)).toEqual(expected.v1.label);
    expectProbabilities(predictions.map((p) => p.probabilities));
  });

  it('predicts inputs (columnar format) equal to scikit-learn, also on a version route', async () => {
    for (const url of ['/v1/models/iris:predict', '/v1/models/iris/versions/1:predict']) {
      const res = await post(url, { inputs: { float_input: X } });
      expect(res.statusCode).toBe(200);
      const outputs = res.json().outputs as { label: number[]; probabilities: number[][] };
      expect(outputs.label).toEqual(expected.v1.label);
      expectProbabilities(outputs.probabilities);
    }
    const bare = await post('/v1/models/iris:predict', { inputs: X.slice(0, 2) });
    expect(bare.json().outputs.label).toEqual(expected.v1.label.slice(0, 2));
  });

  it('takes named instances for a model with int64 and string inputs', async () => {
    const { species, count } = expected.int64_string;
    // 2^62 survives JSON.parse exactly, but String() would print it rounded; BigInt keeps every digit.
    const instances = species.map((s, i) => ({
      species: s,
      count: [BigInt(count[i]![0]!).toString()],
    }));
    const res = await post('/v1/models/kinds:predict', { instances });
    expect(res.statusCode).toBe(200);
    // Exact int64 beyond 2^53: compare the raw JSON text.
    for (const p of expected.int64_string.count_plus)
      expect(res.body).toContain(`"count_plus":[${p[0]}]`);
    const predictions = res.json().predictions as {
      species_id: number[];
      species_echo: string[];
    }[];
    expect(predictions.map((p) => p.species_id)).toEqual(expected.int64_string.species_id);
    expect(predictions.map((p) => p.species_echo)).toEqual(species);
  });

  it('rejects an unknown signature and unknown models', async () => {
    expect(
      (await post('/v1/models/iris:predict', { signature_name: 'nope', instances: X.slice(0, 1) }))
        .statusCode,
    ).toBe(400);
    const missing = await post('/v1/models/nope:predict', { instances: X.slice(0, 1) });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatch(/nope/);
    expect((await app.inject({ url: '/v1/models/iris/versions/7' })).statusCode).toBe(404);
    expect(
      (await post('/v1/models/iris/versions/7:predict', { instances: X.slice(0, 1) })).statusCode,
    ).toBe(404);
  });
});

describe('KServe V2', () => {
  it('answers health, server and model metadata', async () => {
    expect((await app.inject({ url: '/v2/health/live' })).json()).toEqual({ live: true });
    expect((await app.inject({ url: '/v2/health/ready' })).json()).toEqual({ ready: true });
    expect((await app.inject({ url: '/v2' })).json()).toEqual({
      name: 'cd4ml',
      version: '1.2.3',
      extensions: ['binary_tensor_data'],
    });
    expect((await app.inject({ url: '/v2/models/iris' })).json()).toEqual({
      name: 'iris',
      versions: ['1'],
      platform: 'onnxruntime_onnx',
      inputs: [{ name: 'float_input', datatype: 'FP32', shape: [-1, 4] }],
      outputs: [
        { name: 'label', datatype: 'INT64', shape: [-1] },
        { name: 'probabilities', datatype: 'FP32', shape: [-1, 3] },
      ],
    });
    expect((await app.inject({ url: '/v2/models/iris/ready' })).json()).toEqual({
      name: 'iris',
      ready: true,
    });
    expect((await app.inject({ url: '/v2/models/iris/versions/1/ready' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/v2/models/nope/ready' })).statusCode).toBe(404);
  });

  it('infers equal to scikit-learn, echoes the id and selects outputs', async () => {
    const res = await post('/v2/models/iris/versions/1/infer', {
      id: 'req-42',
      inputs: [{ name: 'float_input', shape: [X.length, 4], datatype: 'FP32', data: X.flat() }],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.model_name).toBe('iris');
    expect(body.model_version).toBe('1');
    expect(body.id).toBe('req-42');
    const [label, probs] = body.outputs;
    expect(label).toMatchObject({ name: 'label', datatype: 'INT64', shape: [X.length] });
    expect(label.data).toEqual(expected.v1.label);
    expect(probs).toMatchObject({ name: 'probabilities', datatype: 'FP32', shape: [X.length, 3] });
    const data = probs.data as number[];
    const rows = Array.from({ length: X.length }, (_, i) => data.slice(i * 3, i * 3 + 3));
    expectProbabilities(rows);

    const only = await post('/v2/models/iris/infer', {
      inputs: [{ name: 'float_input', shape: [2, 4], datatype: 'FP32', data: X.slice(0, 2) }],
      outputs: [{ name: 'probabilities' }],
    });
    expect((only.json().outputs as { name: string }[]).map((o) => o.name)).toEqual([
      'probabilities',
    ]);
    expect(only.json().id).toBeUndefined();
  });

  it('serves int64 and BYTES tensors, int64 beyond 2^53 exactly', async () => {
    const { species, count, species_id, count_plus } = expected.int64_string;
    const res = await post('/v2/models/kinds/infer', {
      inputs: [
        { name: 'species', shape: [4, 1], datatype: 'BYTES', data: species.flat() },
        {
          name: 'count',
          shape: [4, 1],
          datatype: 'INT64',
          data: count.flat().map((c) => (Number.isSafeInteger(c) ? c : BigInt(c).toString())),
        },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`"data":[${count_plus.flat().join(',')}]`);
    const outputs = res.json().outputs;
    expect(outputs[0]).toEqual({
      name: 'species_id',
      datatype: 'INT64',
      shape: [4, 1],
      data: species_id.flat(),
    });
    expect(outputs[2]).toEqual({
      name: 'species_echo',
      datatype: 'BYTES',
      shape: [4, 1],
      data: species.flat(),
    });
  });

  it('round-trips every tensor datatype onnxruntime-node supports', async () => {
    const values: Record<string, [string, unknown[], unknown[]?]> = {
      bool: ['BOOL', [true, false, false, true]],
      int8: ['INT8', [-128, 127, 0, 5]],
      uint8: ['UINT8', [0, 255, 1, 2]],
      int16: ['INT16', [-32768, 32767, 0, 1]],
      uint16: ['UINT16', [0, 65535, 3, 4]],
      int32: ['INT32', [-2147483648, 2147483647, 0, 1]],
      uint32: ['UINT32', [0, 4294967295, 1, 2]],
      int64: [
        'INT64',
        ['-9223372036854775808', '9223372036854775807', 0, -1],
        ['-9223372036854775808', '9223372036854775807', '0', '-1'],
      ],
      uint64: [
        'UINT64',
        ['18446744073709551615', 0, 1, 2],
        ['18446744073709551615', '0', '1', '2'],
      ],
      float16: ['FP16', [0.5, -2, 65504, 0.0999755859375]],
      float32: ['FP32', [0.5, -1.25, 3.4e38, 1e-7]],
      float64: ['FP64', [0.1, -1e308, 5e-324, 2]],
      string: ['BYTES', ['a', '', 'ünïcødé', '"quoted"']],
    };
    const res = await post('/v2/models/types/infer', {
      inputs: Object.entries(values).map(([t, [datatype, data]]) => ({
        name: `in_${t}`,
        shape: [2, 2],
        datatype,
        data,
      })),
    });
    expect(res.statusCode).toBe(200);
    const outputs = new Map(
      (
        res.json().outputs as { name: string; datatype: string; shape: number[]; data: unknown[] }[]
      ).map((o) => [o.name, o]),
    );
    for (const [t, [datatype, data, exact]] of Object.entries(values)) {
      const out = outputs.get(`out_${t}`)!;
      expect(out.datatype).toBe(datatype);
      expect(out.shape).toEqual([2, 2]);
      if (exact) {
        // Compare digits in the raw body: these do not fit a JS number.
        const raw = new RegExp(
          `"name":"out_${t}","datatype":"${datatype}","shape":\\[2,2\\],"data":\\[([^\\]]*)\\]`,
        ).exec(res.body)![1];
        expect(raw!.split(',')).toEqual(exact);
      } else if (t === 'float32') {
        // The fewest digits that read back as the same float32 (3.4e38 is 3.3999999521443642e38 as a float32).
        expect((out.data as number[]).map((v) => Math.fround(v))).toEqual(
          data.map((v) => Math.fround(v as number)),
        );
        expect(res.body).toContain(
          '"name":"out_float32","datatype":"FP32","shape":[2,2],"data":[0.5,-1.25,3.4e+38,1e-7]',
        );
      } else {
        expect(out.data).toEqual(data);
      }
    }
  });

  it('names the input, expected and received on a wrong datatype or shape', async () => {
    const dtype = await post('/v2/models/iris/infer', {
      inputs: [{ name: 'float_input', shape: [1, 4], datatype: 'FP64', data: [1, 2, 3, 4] }],
    });
    expect(dtype.statusCode).toBe(400);
    expect(dtype.json().error).toBe(
      "input 'float_input': wrong datatype: expected FP32, received FP64",
    );
    const shape = await post('/v2/models/iris/infer', {
      inputs: [{ name: 'float_input', shape: [2, 2], datatype: 'FP32', data: [1, 2, 3, 4] }],
    });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().error).toBe(
      "input 'float_input': wrong shape: expected [-1, 4] (-1 is any size), received [2, 2]",
    );
    const fixed = await post('/v2/models/fixed/infer', {
      inputs: [{ name: 'x', shape: [1, 3], datatype: 'FP32', data: [1, 2, 3] }],
    });
    expect(fixed.json().error).toMatch(/expected \[2, 3\]/);
    const ok = await post('/v2/models/fixed/versions/3/infer', {
      inputs: [{ name: 'x', shape: [2, 3], datatype: 'FP32', data: [1, 2, 3, 4, 5, 6] }],
    });
    expect(ok.json().outputs[0].data).toEqual([2, 4, 6, 8, 10, 12]);
  });
});

describe('MLflow scoring', () => {
  it('answers ping, health and version', async () => {
    expect((await app.inject({ url: '/ping' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/version' })).body).toBe('1.2.3');
  });

  it('scores dataframe_split and dataframe_records equal to scikit-learn', async () => {
    const columns = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];
    const split = await post('/invocations', { dataframe_split: { columns, data: X } });
    const records = await post('/invocations', {
      dataframe_records: X.map((r) => Object.fromEntries(columns.map((c, j) => [c, r[j]]))),
    });
    for (const res of [split, records]) {
      expect(res.statusCode).toBe(200);
      const predictions = res.json().predictions as { label: number; probabilities: number[] }[];
      expect(predictions.map((p) => p.label)).toEqual(expected.v1.label);
      expectProbabilities(predictions.map((p) => p.probabilities));
    }
  });

  it('scores instances and inputs (tensor formats) equal to scikit-learn', async () => {
    for (const body of [{ instances: X }, { inputs: X }, { inputs: { float_input: X } }]) {
      const res = await post('/invocations', body);
      expect(res.statusCode).toBe(200);
      const predictions = res.json().predictions as { label: number[]; probabilities: number[][] };
      expect(predictions.label).toEqual(expected.v1.label);
      expectProbabilities(predictions.probabilities);
    }
  });

  it('answers errors in MLflow shape', async () => {
    const both = await post('/invocations', { instances: X, inputs: X });
    expect(both.statusCode).toBe(400);
    expect(both.json()).toEqual({
      error_code: 'BAD_REQUEST',
      message:
        "invalid request: the request must have exactly one of 'dataframe_split', 'dataframe_records', 'instances' or 'inputs'",
    });
    const csv = await app.inject({
      method: 'POST',
      url: '/invocations',
      headers: { 'content-type': 'text/csv' },
      payload: '1,2,3,4\n1,2\n',
    });
    expect(csv.statusCode).toBe(400);
    expect(csv.headers['content-type']).toBe('application/json');
    expect(csv.json()).toEqual({
      error_code: 'BAD_REQUEST',
      message: 'malformed CSV: Invalid Record Length: expect 4, got 2 on line 2',
    });
  });
});

describe('operations', () => {
  it('echoes or assigns a request id', async () => {
    const given = await app.inject({
      url: '/v2/health/live',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(given.headers['x-request-id']).toBe('abc-123');
    // Not a sane id (a space): replaced, not echoed.
    const insane = await app.inject({ url: '/v2/health/live', headers: { 'x-request-id': 'a b' } });
    const assigned = await app.inject({ url: '/v2/health/live' });
    const ids = [insane, assigned].map((r) => String(r.headers['x-request-id']));
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8}-[0-9a-z]+$/);
    // One process prefix, a new counter value per request.
    expect(ids[0]!.slice(0, 9)).toBe(ids[1]!.slice(0, 9));
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('exports Prometheus metrics by model, version, protocol and status', async () => {
    await post('/v1/models/iris:predict', { instances: X.slice(0, 1) });
    const text = (await app.inject({ url: '/metrics' })).body;
    expect(text).toMatch(
      /cd4ml_requests_total\{model="iris",version="1",protocol="tfserving",status="200"\} \d+/,
    );
    expect(text).toMatch(
      /cd4ml_request_duration_seconds_bucket\{le="0.005",model="iris",protocol="tfserving"\}/,
    );
    expect(text).toMatch(/cd4ml_batch_size_bucket/);
    expect(text).toMatch(/cd4ml_batch_queue_seconds_bucket/);
    expect(text).toMatch(
      /cd4ml_model_version_state\{model="iris",version="1",state="AVAILABLE"\} 1/,
    );
    expect(text).toMatch(/cd4ml_ready 1/);
  });

  it('counts every finished response once: routes, rejections, unknown endpoints and undecodable URLs', async () => {
    await withRepositoryApp(
      { iris: { 1: 'iris-v1.onnx' } },
      async (counted) => {
        const send = (url: string, payload?: string, contentType = 'application/json') =>
          counted.inject({
            method: payload === undefined ? 'GET' : 'POST',
            url,
            payload,
            headers: { 'content-type': contentType },
          });
        const statuses = [
          await send('/v1/models/iris:predict', '{"instances":[[5.1,3.5,1.4,0.2]]}'),
          await send('/v1/models/iris:predict', '{"instances":[[5.1,3.5,1.4,0.2]]}'),
          await send('/v1/models/iris:predict', '{"instances":[[1,2]]}'),
          await send('/v1/models/iris:predict', '{"instances":[[1,2,3,4]]}', 'text/csv'),
          await send(
            '/v1/models/iris:predict',
            JSON.stringify({ instances: Array.from({ length: 300 }, () => [1, 2, 3, 4]) }),
          ),
          await send('/v2/models/nope/infer', '{"inputs":[]}'),
          await send('/no/such/endpoint'),
          await send('/v1/models/%ZZ'),
          await send('/metrics'),
        ].map((r) => r.statusCode);
        expect(statuses).toEqual([200, 200, 400, 415, 413, 404, 404, 400, 200]);
        const text = (await counted.inject({ url: '/metrics' })).body;
        const counts = text
          .split('\n')
          .filter((line) => line.startsWith('cd4ml_requests_total{'))
          .sort();
        expect(counts).toEqual([
          'cd4ml_requests_total{model="",version="",protocol="kserve",status="404"} 1',
          'cd4ml_requests_total{model="",version="",protocol="other",status="404"} 1',
          'cd4ml_requests_total{model="",version="",protocol="tfserving",status="400"} 1',
          'cd4ml_requests_total{model="",version="",protocol="tfserving",status="413"} 1',
          'cd4ml_requests_total{model="iris",version="1",protocol="tfserving",status="200"} 2',
          'cd4ml_requests_total{model="iris",version="1",protocol="tfserving",status="400"} 1',
          'cd4ml_requests_total{model="iris",version="1",protocol="tfserving",status="415"} 1',
        ]);
      },
      { options: { bodyLimit: 1024 } },
    );
  });
});

describe('loading', () => {
  it.each([
    ['zipmap.onnx', "output 'output_probability' is not a tensor"],
    ['sequence.onnx', "output 'seq' is not a tensor"],
  ])(
    'rejects %s at load with how to export it, and reports it in status',
    async (file, message) => {
      await withRepositoryApp({ zip: { 1: file } }, async (z) => {
        const status = (await z.inject({ url: '/v1/models/zip' })).json();
        expect(status.model_version_status[0].state).toBe('END');
        expect(status.model_version_status[0].status.error_message).toContain(message);
        expect(status.model_version_status[0].status.error_message).toMatch(/zipmap': False/);
        expect((await z.inject({ url: '/v2/health/ready' })).statusCode).toBe(503);
        expect(
          (await post('/v1/models/zip:predict', { instances: [[1, 2, 3]] }, z)).statusCode,
        ).toBe(503);
      });
    },
  );

  it('serves a single .onnx file as model "model" version 1', async () => {
    const single = await startedApp({ repository: fixture('iris-v1.onnx') });
    try {
      const res = await post(
        '/v1/models/model/versions/1:predict',
        { instances: X.slice(0, 3) },
        single,
      );
      expect((res.json().predictions as { label: number }[]).map((p) => p.label)).toEqual(
        expected.v1.label.slice(0, 3),
      );
    } finally {
      await single.close();
    }
  });

  it('is live but not ready before models load (503)', async () => {
    const repo = await tempRepository({ iris: { 1: 'iris-v1.onnx' } });
    const { buildApp } = await import('./app.js');
    const cold = await buildApp({
      repository: repo.root,
      logLevel: false,
      pollIntervalMs: 0,
      processMetrics: false,
    });
    try {
      expect((await cold.inject({ url: '/v2/health/live' })).statusCode).toBe(200);
      expect((await cold.inject({ url: '/v2/health/ready' })).statusCode).toBe(503);
      expect((await cold.inject({ url: '/ping' })).statusCode).toBe(503);
      expect((await post('/invocations', { instances: X.slice(0, 1) }, cold)).statusCode).toBe(503);
    } finally {
      await cold.close();
      await repo.cleanup();
    }
  });
});

describe('per-model config', () => {
  it('serves every version under version_policy all, with TF Serving labels', async () => {
    const config =
      'version_policy: { all: true }\nlabels: { stable: 1, canary: 2 }\nbatching: { max_batch_size: 8, max_queue_delay_us: 100 }\n';
    const prepare = (root: string) => writeFile(`${root}/iris/config.yaml`, config);
    await withRepositoryApp(
      { iris: { 1: 'iris-v1.onnx', 2: 'iris-v2.onnx' } },
      async (labelled) => {
        const version = async (url: string) =>
          (await labelled.inject({ url })).json().model_spec.version as string;
        expect(await version('/v1/models/iris/metadata')).toBe('2');
        expect(await version('/v1/models/iris/labels/stable/metadata')).toBe('1');
        expect(await version('/v1/models/iris/labels/canary/metadata')).toBe('2');
        expect(
          (await labelled.inject({ url: '/v1/models/iris/labels/stable' })).json()
            .model_version_status,
        ).toHaveLength(1);
        expect((await labelled.inject({ url: '/v1/models/iris/labels/nope' })).statusCode).toBe(
          404,
        );
        const v1 = await post('/v1/models/iris/labels/stable:predict', { inputs: X }, labelled);
        expect(v1.json().outputs.label).toEqual(expected.v1.label);
        expect((await labelled.inject({ url: '/v2/models/iris' })).json().versions).toEqual([
          '1',
          '2',
        ]);
      },
      { prepare },
    );
  });

  it('keeps defaults and reports an invalid config instead of failing', async () => {
    const prepare = (root: string) =>
      writeFile(`${root}/iris/config.yaml`, 'batching: { max_batch: 8 }\n');
    await withRepositoryApp(
      { iris: { 1: 'iris-v1.onnx' } },
      async (app2) => {
        expect(app2.models.entry('iris').configError).toContain(
          "config.yaml:1:13: batching.max_batch: unknown key 'max_batch'\n  hint: valid keys: enabled, max_batch_size, max_queue_delay_us",
        );
        expect(
          (await post('/v1/models/iris:predict', { instances: X.slice(0, 1) }, app2)).statusCode,
        ).toBe(200);
      },
      { prepare },
    );
  });
});

describe('batching through the protocols', () => {
  it('gives each of many concurrent int64/string requests its own rows back', async () => {
    const names = ['setosa', 'versicolor', 'virginica', 'other'];
    const requests = Array.from({ length: 40 }, (_, i) =>
      post('/v2/models/kinds/infer', {
        id: String(i),
        inputs: [
          {
            name: 'species',
            shape: [1 + (i % 3), 1],
            datatype: 'BYTES',
            data: Array.from({ length: 1 + (i % 3) }, (_, j) => names[(i + j) % 4]),
          },
          {
            name: 'count',
            shape: [1 + (i % 3), 1],
            datatype: 'INT64',
            data: Array.from({ length: 1 + (i % 3) }, (_, j) => i * 10 + j),
          },
        ],
      }),
    );
    const responses = await Promise.all(requests);
    responses.forEach((res, i) => {
      const body = res.json();
      expect(body.id).toBe(String(i));
      const rows = 1 + (i % 3);
      const outputs = body.outputs as { name: string; shape: number[]; data: unknown[] }[];
      expect(outputs[0]!.shape).toEqual([rows, 1]);
      expect(outputs[0]!.data).toEqual(
        Array.from({ length: rows }, (_, j) => [0, 1, 2, -1][(i + j) % 4]),
      );
      expect(outputs[2]!.data).toEqual(Array.from({ length: rows }, (_, j) => names[(i + j) % 4]));
      // count + 2^53 + 1, exact.
      expect(res.body).toContain(
        `"data":[${Array.from({ length: rows }, (_, j) => (BigInt(i * 10 + j) + 9007199254740993n).toString()).join(',')}]`,
      );
    });
    const metrics = (await app.inject({ url: '/metrics' })).body;
    // Some of those runs carried several requests.
    const count = Number(
      /cd4ml_batch_size_count\{model="kinds",role="primary"\} (\d+)/.exec(metrics)![1],
    );
    const sum = Number(
      /cd4ml_batch_size_sum\{model="kinds",role="primary"\} (\d+)/.exec(metrics)![1],
    );
    expect(sum / count).toBeGreaterThan(1);
  });
});

describe('MLflow with int64 and string columns', () => {
  it('feeds each input from its column and returns one record per row', async () => {
    await withRepositoryApp({ kinds: { 1: 'int64-string.onnx' } }, async (kinds) => {
      const { species, species_id } = expected.int64_string;
      const data = species.map((s, i) => [s[0], i]);
      for (const body of [
        { dataframe_split: { columns: ['species', 'count'], data } },
        { dataframe_records: data.map(([s, c]) => ({ species: s, count: c })) },
      ]) {
        const res = await post('/invocations', body, kinds);
        expect(res.statusCode).toBe(200);
        const predictions = res.json().predictions as {
          species_id: number[];
          count_plus: number[];
          species_echo: string[];
        }[];
        expect(predictions.map((p) => p.species_id)).toEqual(species_id);
        expect(predictions.map((p) => p.species_echo)).toEqual(species);
        expect(res.body).toContain('"count_plus":[9007199254740996]');
      }
      const missing = await post(
        '/invocations',
        { dataframe_split: { columns: ['species'], data: [['setosa']] } },
        kinds,
      );
      expect(missing.statusCode).toBe(400);
      expect(missing.json().message).toBe(
        "missing column 'count': model 'kinds' takes columns species, count",
      );
    });
  });
});

describe('logs', () => {
  it('writes JSON lines that carry the request id of a rejected request', async () => {
    const log = logCapture();
    await withRepositoryApp(
      { iris: { 1: 'iris-v1.onnx' } },
      async (logged) => {
        const res = await logged.inject({
          method: 'POST',
          url: '/v1/models/iris:predict',
          headers: { 'x-request-id': 'trace-7' },
          payload: { instances: [[1, 2]] },
        });
        expect(res.statusCode).toBe(400);
        expect(res.headers['x-request-id']).toBe('trace-7');
        const lines = log.lines();
        expect(lines.find((l) => l.msg === 'request rejected')).toMatchObject({
          level: 30,
          reqId: 'trace-7',
          status: 400,
          error: expect.stringContaining("input 'float_input': wrong shape"),
        });
        expect(
          lines.find((l) => l.msg === 'model version loaded and warmed: now serving'),
        ).toMatchObject({ model: 'iris', version: 1 });
      },
      { options: { logLevel: 'info', logStream: log.stream } },
    );
  });

  it('--access-log writes an incoming and a completed line per request, with its id, and still counts it', async () => {
    const log = logCapture();
    await withRepositoryApp(
      { iris: { 1: 'iris-v1.onnx' } },
      async (logged) => {
        const res = await logged.inject({
          method: 'POST',
          url: '/v1/models/iris:predict',
          headers: { 'x-request-id': 'trace-9' },
          payload: { instances: X.slice(0, 1) },
        });
        expect(res.statusCode).toBe(200);
        const lines = log.lines().filter((l) => l.reqId === 'trace-9');
        expect(lines.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
        expect(lines[1]).toMatchObject({
          res: { statusCode: 200 },
          responseTime: expect.any(Number),
        });
        expect((await logged.inject({ url: '/metrics' })).body).toMatch(
          /cd4ml_requests_total\{model="iris",version="1",protocol="tfserving",status="200"\} 1/,
        );
      },
      { options: { logLevel: 'info', logStream: log.stream, accessLog: true } },
    );
  });
});

describe('external data', () => {
  it('loads a model whose weights sit in a file beside it', async () => {
    const prepare = (root: string) =>
      cp(fixture('iris-external'), `${root}/iris/1`, { recursive: true });
    await withRepositoryApp(
      {},
      async (ext) => {
        const res = await post('/v1/models/iris:predict', { inputs: X }, ext);
        expect(res.statusCode).toBe(200);
        expect(res.json().outputs.label).toEqual(expected.v1.label);
        expectProbabilities(res.json().outputs.probabilities as number[][]);
      },
      { prepare },
    );
  });
});
