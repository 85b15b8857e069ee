import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServingApp } from './app.js';
import { seeded, startedApp, tempRepository } from './testing.js';

/**
 * Generated bad input: every request must get a 4xx with a JSON error (never a
 * 5xx, never a crash), and the server must still answer correctly afterwards.
 */

let app: ServingApp;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const repo = await tempRepository({
    iris: { 1: 'iris-v1.onnx' },
    kinds: { 1: 'int64-string.onnx' },
    types: { 1: 'all-types.onnx' },
  });
  cleanup = repo.cleanup;
  app = await startedApp({ repository: repo.root, mlflowModel: 'iris', bodyLimit: 64 * 1024 });
});
afterAll(async () => {
  await app.close();
  await cleanup();
});

interface Case {
  method: 'GET' | 'POST';
  url: string;
  payload?: string;
  contentType?: string;
  expect?: number;
}

const row = [5.1, 3.5, 1.4, 0.2];
const badValues: unknown[] = [
  null,
  'x',
  true,
  {},
  [],
  [[]],
  [1, 2, 3],
  [1, 2, 3, 4, 5],
  [
    [1, 2, 3, 4],
    [1, 2, 3],
  ],
  [[1, 2, 3, 4], 5],
  [[[1, 2, 3, 4]]],
  [['a', 'b', 'c', 'd']],
  [[1, 2, null, 4]],
  [[1, 2, {}, 4]],
  [[1, 2, [3], 4]],
  [[1e39, 0, 0, 0]],
  -1,
  'NaN',
  [[true, false, true, false]],
];
const rawBodies = [
  '',
  '{',
  '}',
  '[',
  'null',
  '[]',
  '"str"',
  '42',
  'true',
  '{"instances":',
  // Not NaN/Infinity (which are accepted), but near them.
  '{"instances":[[1,2,3,NaNa]]}',
  '{"instances":[[1,2,3,Infinit]]}',
  '{"instances":[[1,2,3,+Infinity]]}',
  '{"instances":[[1,2,3,"x"]], "a": NaN, "b": nan}',
  "{'instances': [[1,2,3,4]]}",
  '{"instances":[[1,2,3,4],]}',
  '{"__proto__":{"x":1},"instances":[[1,2,3,4]]}',
  '{"constructor":{"prototype":{"x":1}}}',
  '\u0000\u0001',
  '{"instances":[[1,2,3,4]]} trailing',
  '{"inputs": [[1e39, 1, 1, 1]]}',
];

function cases(): Case[] {
  const out: Case[] = [];
  const json = (url: string, body: unknown): Case => ({
    method: 'POST',
    url,
    payload: JSON.stringify(body),
    contentType: 'application/json',
  });
  for (const v of badValues) {
    out.push(json('/v1/models/iris:predict', { instances: v }));
    out.push(json('/v1/models/iris:predict', { inputs: v }));
    out.push(json('/v1/models/iris:predict', { inputs: { float_input: v } }));
    out.push(
      json('/v2/models/iris/infer', {
        inputs: [{ name: 'float_input', shape: [1, 4], datatype: 'FP32', data: v }],
      }),
    );
    // pandas writes NaN as null: a null cell of a DataFrame is a value, not an error.
    if (JSON.stringify(v) !== '[[1,2,null,4]]')
      out.push(
        json('/invocations', { dataframe_split: { columns: ['a', 'b', 'c', 'd'], data: v } }),
      );
    out.push(json('/invocations', { instances: v }));
  }
  for (const body of rawBodies) {
    for (const url of ['/v1/models/iris:predict', '/v2/models/iris/infer', '/invocations']) {
      out.push({ method: 'POST', url, payload: body, contentType: 'application/json' });
    }
  }
  const envelopes: unknown[] = [
    {},
    { instances: [row], inputs: [row] },
    { inputs: [{ name: 'float_input' }] },
    { inputs: [] },
    { inputs: 'x' },
    { inputs: [{ name: 'float_input', shape: [1, 4], datatype: 'FP99', data: row }] },
    { inputs: [{ name: 'nope', shape: [1, 4], datatype: 'FP32', data: row }] },
    { inputs: [{ name: 'float_input', shape: [1, -4], datatype: 'FP32', data: row }] },
    { inputs: [{ name: 'float_input', shape: [1, 4.5], datatype: 'FP32', data: row }] },
    { inputs: [{ name: 'float_input', shape: [2, 4], datatype: 'FP32', data: row }] },
    {
      inputs: [
        { name: 'float_input', shape: [1, 4], datatype: 'FP32', data: row },
        { name: 'float_input', shape: [1, 4], datatype: 'FP32', data: row },
      ],
    },
    {
      inputs: [{ name: 'float_input', shape: [1, 4], datatype: 'FP32', data: row }],
      outputs: [{ name: 'nope' }],
    },
    { inputs: [{ name: 'float_input', shape: [1, 4], datatype: 'FP32', data: row }], id: 5 },
  ];
  for (const e of envelopes) out.push(json('/v2/models/iris/infer', e));
  // int64/string model: wrong dtypes, out of range, inexact integers.
  for (const count of [
    [[1.5]],
    [['abc']],
    [[2 ** 60]],
    [['99999999999999999999999']],
    [[true]],
    [[null]],
  ]) {
    out.push(json('/v1/models/kinds:predict', { inputs: { species: [['setosa']], count } }));
  }
  for (const species of [[[1]], [[null]], [['a', 'b']], ['setosa']]) {
    out.push(json('/v1/models/kinds:predict', { inputs: { species, count: [[1]] } }));
  }
  out.push(json('/v1/models/kinds:predict', { inputs: { species: [['setosa']] } }));
  out.push(
    json('/v1/models/kinds:predict', { inputs: { species: [['setosa'], ['x']], count: [[1]] } }),
  );
  out.push(json('/v1/models/kinds:predict', { instances: [{ species: ['setosa'] }] }));
  out.push(json('/v1/models/kinds:predict', { instances: [[1]] }));
  for (const [type, v] of [
    ['int8', 128],
    ['uint8', -1],
    ['int16', 40000],
    ['uint32', -1],
    ['int32', 2 ** 31],
    ['float16', 70000],
    ['bool', 1],
    ['uint64', '-1'],
    ['string', 5],
  ] as const) {
    out.push(json('/v1/models/types:predict', { inputs: { [`in_${type}`]: [[v, v]] } }));
  }
  // Unknown models and versions, path tricks.
  for (const url of [
    '/v1/models/nope',
    '/v1/models/nope/metadata',
    '/v1/models/iris/versions/99',
    '/v1/models/iris/versions/x',
    '/v1/models/iris/labels/none',
    '/v1/models/iris/labels/constructor',
    '/v1/models/iris/labels/__proto__/metadata',
    '/v1/models/constructor',
    '/v1/models/..%2F..%2Fetc%2Fpasswd',
    '/v1/models/%2e%2e/versions/1',
    '/v1/models/iris/versions/1/../../x',
    '/v1/models/.hidden',
    '/v2/models/nope',
    '/v2/models/..%2Firis',
    '/v2/models/iris/versions/99',
    '/v2/models/iris/versions/-1/ready',
    '/v2/models/nope/ready',
    '/v2/models/iris/versions/abc',
    '/nope',
    '/v1',
    '/v2/models',
    `/v1/models/${'a'.repeat(300)}`,
    '/v1/models/iris%00',
  ]) {
    out.push({ method: 'GET', url, expect: 404 });
  }
  for (const url of ['/v2/models/%E0%A4%A/infer', '/v1/models/%ZZ:predict', '/invocations%ZZ']) {
    out.push({ ...json(url, { instances: [row] }), expect: 400 });
  }
  for (const url of [
    '/v1/models/nope:predict',
    '/v1/models/iris/versions/9:predict',
    '/v1/models/iris:explode',
    '/v2/models/nope/infer',
    '/v2/models/iris/versions/9/infer',
    '/v1/models/..:predict',
  ]) {
    out.push({ ...json(url, { instances: [row] }), expect: 404 });
  }
  // Content types and encodings: CSV only where CSV is scored, encodings we cannot read.
  for (const url of ['/v1/models/iris:predict', '/v2/models/iris/infer']) {
    out.push({ method: 'POST', url, payload: '1,2,3,4\n', contentType: 'text/csv', expect: 415 });
  }
  for (const [payload, expect] of [
    ['1,2,3,4\n1,2\n', 400],
    ['a,b,c,d\n1,2,x,4\n', 400],
    ['"1,2,3,4\n', 400],
    ['a,b,c,d\n', 400],
  ] as const) {
    out.push({ method: 'POST', url: '/invocations', payload, contentType: 'text/csv', expect });
  }
  const huge = JSON.stringify({ instances: Array.from({ length: 5000 }, () => row) });
  for (const url of ['/v1/models/iris:predict', '/v2/models/iris/infer', '/invocations']) {
    out.push({ method: 'POST', url, payload: huge, contentType: 'application/json', expect: 413 });
  }
  // Nesting deep enough to overflow a recursive walker, with and without prototype-poisoning keys.
  const deep = (open: string, close: string) => open.repeat(20_000) + '1' + close.repeat(20_000);
  for (const url of ['/v1/models/iris:predict', '/v2/models/iris/infer', '/invocations']) {
    for (const body of [
      `{"instances":${deep('[', ']')}}`,
      `{"inputs":${deep('{"a":', '}')}}`,
      `{"constructor":{"prototype":1},"instances":${deep('[', ']')}}`,
    ]) {
      out.push({ method: 'POST', url, payload: body, contentType: 'application/json' });
    }
  }
  // Random mutations of a valid body.
  const random = seeded(42); // the same cases on every run
  const valid = JSON.stringify({ instances: [row, row] });
  while (out.length < 420) {
    const chars = valid.split('');
    const at = Math.floor(random() * chars.length);
    const kind = random();
    if (kind < 0.4) chars.splice(at, 1);
    else if (kind < 0.8) chars.splice(at, 0, '{}[]",:-e.x0'[Math.floor(random() * 12)]!);
    else chars[at] = '"';
    const payload = chars.join('');
    try {
      const parsed = JSON.parse(payload) as { instances?: unknown };
      // Only keep mutations that are still wrong.
      if (
        JSON.stringify(parsed) === valid ||
        (Array.isArray(parsed.instances) &&
          JSON.stringify(parsed.instances).match(
            /^\[\[(-?[\d.e]+,){3}-?[\d.e]+\](,\[(-?[\d.e]+,){3}-?[\d.e]+\])*\]$/,
          ))
      )
        continue;
    } catch {
      // malformed JSON: keep
    }
    out.push({
      method: 'POST',
      url: ['/v1/models/iris:predict', '/invocations'][Math.floor(random() * 2)]!,
      payload,
      contentType: 'application/json',
    });
  }
  return out;
}

it('answers ≥ 200 generated malformed requests with 4xx and keeps serving', async () => {
  const all = cases();
  expect(all.length).toBeGreaterThanOrEqual(200);
  const failures: string[] = [];
  // Concurrently, as a client would, so batching sees bad and good requests side by side.
  const good = Array.from({ length: 20 }, () =>
    app.inject({ method: 'POST', url: '/v1/models/iris:predict', payload: { instances: [row] } }),
  );
  const results = await Promise.all(
    all.map(async (c) => {
      const headers: Record<string, string> = c.contentType
        ? { 'content-type': c.contentType }
        : {};
      const res = await app.inject({
        method: c.method,
        url: c.url,
        headers,
        ...(c.payload !== undefined ? { payload: c.payload } : {}),
      });
      return { c, res };
    }),
  );
  for (const { c, res } of results) {
    const ok = c.expect
      ? res.statusCode === c.expect
      : res.statusCode >= 400 && res.statusCode < 500;
    let body: { error?: unknown; message?: unknown } = {};
    try {
      body = res.json();
    } catch {
      failures.push(
        `${c.method} ${c.url} ${c.payload?.slice(0, 60)}: body is not JSON: ${res.body.slice(0, 80)}`,
      );
    }
    const message = c.url.startsWith('/invocations') ? body.message : body.error;
    if (!ok || typeof message !== 'string' || message.length === 0) {
      failures.push(
        `${c.method} ${c.url} ${c.contentType ?? ''} ${c.payload?.slice(0, 60) ?? ''} → ${res.statusCode} ${res.body.slice(0, 120)}`,
      );
    }
  }
  expect(failures).toEqual([]);
  for (const res of await Promise.all(good)) expect(res.statusCode).toBe(200);
  const after = await app.inject({
    method: 'POST',
    url: '/v1/models/iris:predict',
    payload: { instances: [row] },
  });
  expect(after.statusCode).toBe(200);
  expect(after.json().predictions[0].label).toBe(0);
  const metrics = (await app.inject({ url: '/metrics' })).body;
  expect(metrics).not.toMatch(/status="5\d\d"/);
});
