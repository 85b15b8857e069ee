import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { request as httpRequest, Agent } from 'node:http';
import { gunzipSync, gzipSync, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServingApp } from './app.js';
import { FIXTURES, fixture, startedApp, tempRepository } from './testing.js';

/**
 * Requests as real clients put them on the wire: tritonclient's binary tensors and
 * compression (bytes from __fixtures__/wire/generate.py, which encodes as tritonclient
 * does), pandas' split JSON and CSV, Python's NaN, the content types clients send.
 */

const wire = (name: string): Buffer => readFileSync(`${FIXTURES}/wire/${name}`);
const meta = (name: string) =>
  JSON.parse(wire(name).toString()) as {
    inference_header_content_length: number;
    outputs?: Record<string, { datatype: string; hex: string }>;
  };
const expected = JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as {
  X: number[][];
  v1: { label: number[]; probabilities: number[][] };
};

let app: ServingApp;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const repo = await tempRepository({
    iris: { 1: 'iris-v1.onnx' },
    types: { 1: 'all-types.onnx' },
    kinds: { 1: 'int64-string.onnx' },
    bytes: { 1: 'wire/bytes-echo.onnx' },
    sums: { 1: 'row-sums.onnx' },
  });
  cleanup = repo.cleanup;
  app = await startedApp({ repository: repo.root, mlflowModel: 'iris', bodyLimit: 64 * 1024 });
});
afterAll(async () => {
  await app.close();
  await cleanup();
});

const post = (url: string, payload: string | Buffer, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, payload, headers });

/** A tritonclient-style binary request: JSON header, then the bytes. */
function binaryRequest(header: unknown, ...tensors: Buffer[]): [Buffer, Record<string, string>] {
  const json = Buffer.from(JSON.stringify(header));
  return [
    Buffer.concat([json, ...tensors]),
    {
      'content-type': 'application/octet-stream',
      'inference-header-content-length': String(json.length),
    },
  ];
}

/** Splits a binary response into its JSON header and the bytes of each binary output. */
function readBinary(res: { rawPayload: Buffer; headers: Record<string, unknown> }) {
  const n = Number(res.headers['inference-header-content-length']);
  const header = JSON.parse(res.rawPayload.subarray(0, n).toString()) as {
    outputs: {
      name: string;
      datatype: string;
      shape: number[];
      data?: unknown[];
      parameters?: { binary_data_size: number };
    }[];
  };
  const bytes: Record<string, Buffer> = {};
  let at = n;
  for (const o of header.outputs) {
    const size = o.parameters?.binary_data_size;
    if (size === undefined) continue;
    bytes[o.name] = res.rawPayload.subarray(at, at + size);
    at += size;
  }
  expect(at).toBe(res.rawPayload.length);
  return { header, bytes };
}

describe('KServe V2 binary tensor data', () => {
  it('lists binary_tensor_data in the server extensions', async () => {
    expect((await app.inject({ url: '/v2' })).json().extensions).toContain('binary_tensor_data');
  });

  it('takes every datatype in binary as tritonclient encodes it, and answers each in binary', async () => {
    const info = meta('all-types-binary.json');
    const res = await post('/v2/models/types/infer', wire('all-types-binary.bin'), {
      'inference-header-content-length': String(info.inference_header_content_length),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    const { header, bytes } = readBinary(res);
    expect(header.outputs).toHaveLength(13);
    for (const [name, want] of Object.entries(info.outputs!)) {
      const out = header.outputs.find((o) => o.name === name)!;
      expect(out.datatype).toBe(want.datatype);
      expect(out.shape).toEqual([2, 2]);
      expect(out.data).toBeUndefined();
      expect(bytes[name]!.toString('hex'), name).toBe(want.hex);
    }
  });

  it('mixes a binary input with a binary and a JSON output, equal to scikit-learn', async () => {
    const info = meta('iris-binary.json');
    const res = await post('/v2/models/iris/infer', wire('iris-binary.bin'), {
      'inference-header-content-length': String(info.inference_header_content_length),
    });
    expect(res.statusCode).toBe(200);
    const { header, bytes } = readBinary(res);
    const label = new BigInt64Array(new Uint8Array(bytes.label!).buffer);
    expect(Array.from(label, Number)).toEqual(expected.v1.label.slice(0, 2));
    const probabilities = header.outputs.find((o) => o.name === 'probabilities')!;
    expect(probabilities.parameters).toBeUndefined();
    const want = expected.v1.probabilities.slice(0, 2).flat();
    (probabilities.data as number[]).forEach((p, i) => expect(p).toBeCloseTo(want[i]!, 5));
  });

  it('answers JSON when no output asks for binary', async () => {
    const x = Float32Array.from(expected.X.slice(0, 1).flat());
    const [body, headers] = binaryRequest(
      {
        inputs: [
          {
            name: 'float_input',
            shape: [1, 4],
            datatype: 'FP32',
            parameters: { binary_data_size: 16 },
          },
        ],
      },
      Buffer.from(x.buffer),
    );
    const res = await post('/v2/models/iris/infer', body, headers);
    expect(res.statusCode).toBe(200);
    expect(res.headers['inference-header-content-length']).toBeUndefined();
    expect(res.json().outputs[0].data).toEqual([expected.v1.label[0]]);
  });

  it('rejects every inconsistent binary request with a 400 that names the input and the bytes', async () => {
    const input = (size: unknown, shape = [1, 4], extra = {}) => ({
      inputs: [
        {
          name: 'float_input',
          shape,
          datatype: 'FP32',
          parameters: { binary_data_size: size },
          ...extra,
        },
      ],
    });
    const sixteen = Buffer.alloc(16);
    const cases: [Buffer, Record<string, string>, string][] = [
      [
        ...binaryRequest(input(12), Buffer.alloc(12)),
        "input 'float_input': shape [1, 4] of FP32 needs 16 bytes (4 × 4), binary_data_size is 12",
      ],
      [
        ...binaryRequest(input(32), sixteen),
        "input 'float_input': binary_data_size is 32 bytes but only 16 bytes of binary data are left in the body (16 after the JSON header)",
      ],
      [
        ...binaryRequest(input(-4), sixteen),
        "input 'float_input': parameters.binary_data_size must be a non-negative integer (bytes), received -4",
      ],
      [
        ...binaryRequest(input(1e300), sixteen),
        "input 'float_input': parameters.binary_data_size must be a non-negative integer (bytes), received 1e+300",
      ],
      [
        ...binaryRequest(input('16'), sixteen),
        'input \'float_input\': parameters.binary_data_size must be a non-negative integer (bytes), received "16"',
      ],
      [
        ...binaryRequest(input(16), sixteen, Buffer.alloc(3)),
        'the body has 3 bytes after the binary data of the inputs (their binary_data_size add up to 16): check Inference-Header-Content-Length and binary_data_size',
      ],
      [
        ...binaryRequest(input(16, [1, 4], { data: [1, 2, 3, 4] }), sixteen),
        "input 'float_input' has both 'data' and parameters.binary_data_size: send one",
      ],
      [
        ...binaryRequest(input(16, [1_000_000_000, 4]), sixteen),
        "input 'float_input': shape [1000000000, 4] of FP32 needs 16000000000 bytes (4000000000 × 4), binary_data_size is 16",
      ],
      [
        Buffer.from(JSON.stringify(input(16))),
        {},
        "input 'float_input' has parameters.binary_data_size but the request has no Inference-Header-Content-Length header saying where the JSON ends",
      ],
      [
        sixteen,
        { 'inference-header-content-length': '999' },
        'Inference-Header-Content-Length is 999 but the body has only 16 bytes',
      ],
      [
        sixteen,
        { 'inference-header-content-length': '-1' },
        "Inference-Header-Content-Length must be a byte count, received '-1'",
      ],
      [
        sixteen,
        { 'inference-header-content-length': '0' },
        'Inference-Header-Content-Length is 0 (a raw binary request without a JSON header), which this server does not take: send the JSON inference header first',
      ],
    ];
    for (const [body, headers, message] of cases) {
      const res = await post('/v2/models/iris/infer', body, headers);
      expect(res.statusCode, message).toBe(400);
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.json()).toEqual({ error: message });
    }
    // A header length that cuts the JSON short: the error says which bytes were read as JSON.
    const cut = await post('/v2/models/iris/infer', Buffer.from('{"inputs":[]}'), {
      'inference-header-content-length': '5',
    });
    expect(cut.statusCode).toBe(400);
    expect(cut.json().error).toMatch(
      /^the JSON inference header \(the first 5 bytes, from Inference-Header-Content-Length\) is not valid: malformed JSON: /,
    );
  });

  it('checks BYTES length prefixes and BOOL bytes', async () => {
    const bytesInput = (size: number) => ({
      inputs: [
        {
          name: 'species',
          shape: [1, 1],
          datatype: 'BYTES',
          parameters: { binary_data_size: size },
        },
        { name: 'count', shape: [1, 1], datatype: 'INT64', data: [1] },
      ],
    });
    const prefix = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeUInt32LE(n);
      return b;
    };
    const good = Buffer.concat([prefix(6), Buffer.from('setosa')]);
    const ok = await post('/v2/models/kinds/infer', ...binaryRequest(bytesInput(10), good));
    expect(ok.statusCode).toBe(200);
    const outputs = ok.json<{ outputs: { name: string; data: unknown[] }[] }>().outputs;
    expect(outputs.find((o) => o.name === 'species_id')!.data).toEqual([0]);
    const lying = Buffer.concat([prefix(4_000_000_000), Buffer.from('setosa')]);
    const res = await post('/v2/models/kinds/infer', ...binaryRequest(bytesInput(10), lying));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe(
      "input 'species': BYTES element 0 says it is 4000000000 bytes long but only 6 bytes are left",
    );
    const short = await post(
      '/v2/models/kinds/infer',
      ...binaryRequest(bytesInput(2), Buffer.alloc(2)),
    );
    expect(short.json().error).toBe(
      "input 'species': BYTES element 0 has no 4-byte length: the shape needs 1 elements and the 2 bytes end after 0",
    );
  });
});

describe('content types and encodings real clients send', () => {
  const v2 = JSON.stringify({
    inputs: [{ name: 'float_input', shape: [1, 4], datatype: 'FP32', data: expected.X[0] }],
  });
  const v1 = JSON.stringify({ instances: [expected.X[0]] });

  it('reads V2 and v1 bodies as JSON whatever their content type', async () => {
    // none: tritonclient.http; octet-stream: its aio client, the KServe SDK; form: TF Serving's curl example.
    for (const type of [
      undefined,
      'application/octet-stream',
      'application/x-www-form-urlencoded',
      'text/plain',
    ]) {
      const headers: Record<string, string> = type ? { 'content-type': type } : {};
      const a = await post('/v2/models/iris/infer', v2, headers);
      expect(a.statusCode, String(type)).toBe(200);
      expect(a.json().outputs[0].data).toEqual([expected.v1.label[0]]);
      const b = await post('/v1/models/iris:predict', v1, headers);
      expect(b.statusCode, String(type)).toBe(200);
      expect(b.json().predictions[0].label).toBe(expected.v1.label[0]);
    }
  });

  it('sends errors as application/json without a charset', async () => {
    for (const url of [
      '/v2/models/iris/infer',
      '/v1/models/iris:predict',
      '/invocations',
      '/nope',
    ]) {
      const res = await post(url, '{');
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.headers['content-type'], url).toBe('application/json');
    }
  });

  it("accepts Python json.dumps' NaN and Infinity, not look-alikes", async () => {
    const res = await post('/v1/models/iris:predict', wire('python-nan.json'));
    expect(res.statusCode).toBe(200);
    // The model's output for NaN input is NaN, which JSON writes as null.
    expect(res.json().predictions[0].probabilities).toEqual([null, null, null]);
    const inString = await post('/v1/models/iris:predict', '{"instances": [["NaN", 1, 2, 3]]}');
    expect(inString.statusCode).toBe(400);
    expect(inString.json().error).toMatch(/received the string "NaN"/);
  });

  it('inflates gzip and deflate bodies as tritonclient compresses them', async () => {
    for (const [file, encoding] of [
      ['iris-v2.json.gz', 'gzip'],
      ['iris-v2.json.deflate', 'deflate'],
    ]) {
      const res = await post('/v2/models/iris/infer', wire(file!), {
        'content-encoding': encoding!,
      });
      expect(res.statusCode, encoding).toBe(200);
      expect(res.json().outputs[0].data).toEqual(expected.v1.label.slice(0, 2));
    }
    const v1gz = await post('/v1/models/iris:predict', deflateSync(v1), {
      'content-encoding': 'deflate',
    });
    expect(v1gz.statusCode).toBe(200);
  });

  it('refuses a gzip bomb with 413 after the limit, broken gzip with 400, unknown encodings with 415', async () => {
    // 64 MiB of zeros: 64 KiB on the wire, far past the 64 KiB limit once inflated.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    const before = process.memoryUsage().rss;
    const res = await post('/v1/models/iris:predict', bomb, { 'content-encoding': 'gzip' });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toBe(
      'request body inflates to more than the limit of 65536 bytes (Content-Encoding: gzip): split it into smaller requests or raise --max-body',
    );
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
    const broken = await post('/v1/models/iris:predict', Buffer.from('not gzip at all'), {
      'content-encoding': 'gzip',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error).toMatch(
      /^the body is not valid gzip data \(Content-Encoding: gzip\)/,
    );
    const br = await post('/v1/models/iris:predict', v1, { 'content-encoding': 'br' });
    expect(br.statusCode).toBe(415);
    expect(br.json().error).toBe(
      "unsupported Content-Encoding 'br': send the body as it is, gzip or deflate",
    );
  });

  it('gzips large responses for clients that accept it, and only those', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => expected.X[i % expected.X.length]);
    const body = JSON.stringify({ instances: rows });
    const zipped = await post('/v1/models/iris:predict', body, {
      'accept-encoding': 'gzip, deflate',
    });
    expect(zipped.statusCode).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    const predictions = JSON.parse(gunzipSync(zipped.rawPayload).toString()).predictions;
    expect(predictions).toHaveLength(1000);
    const plain = await post('/v1/models/iris:predict', body);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.json().predictions).toEqual(predictions);
    const refused = await post('/v1/models/iris:predict', body, { 'accept-encoding': 'gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    // Small responses are not worth compressing.
    const small = await post('/v1/models/iris:predict', v1, { 'accept-encoding': 'gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});

describe('TF Serving b64 and MLflow pandas bodies', () => {
  it('decodes {"b64": …} for DT_STRING in row and columnar form, and answers *_bytes outputs in b64', async () => {
    const b64 = (s: string) => ({ b64: Buffer.from(s).toString('base64') });
    const row = await post(
      '/v1/models/bytes:predict',
      JSON.stringify({ instances: [b64('héllo'), b64('')] }),
    );
    expect(row.statusCode).toBe(200);
    expect(row.json().predictions).toEqual([
      { text_bytes: b64('héllo'), text_echo: 'héllo' },
      { text_bytes: { b64: '' }, text_echo: '' },
    ]);
    const columnar = await post(
      '/v1/models/bytes:predict',
      JSON.stringify({ inputs: { text: [b64('a,b')] } }),
    );
    expect(columnar.json().outputs).toEqual({ text_bytes: [b64('a,b')], text_echo: ['a,b'] });
    const bad = await post('/v1/models/bytes:predict', '{"instances": [{"b64": "not base64!"}]}');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe(
      'input \'text\': element 0: {"b64": …} must hold standard base64 (A–Z, a–z, 0–9, +, /, = padding), received the string "not base64!"',
    );
    // b64 is for string inputs only: a float input says so, not "wrong shape".
    for (const body of [
      { instances: [{ b64: 'AAAA' }] },
      { inputs: [[1, 2, 3, { b64: 'AAAA' }]] },
    ]) {
      const numeric = await post('/v1/models/iris:predict', JSON.stringify(body));
      expect(numeric.statusCode).toBe(400);
      expect(numeric.json().error).toMatch(
        /^input 'float_input' is float32: element (0|3) is \{"b64": …\}, which carries bytes for string \(DT_STRING\) inputs only/,
      );
    }
  });

  it('scores what pandas writes: to_json(orient="split") with NaN as null, records, and CSV', async () => {
    const split = await post('/invocations', wire('iris-split.json'), {
      'content-type': 'application/json',
    });
    expect(split.statusCode).toBe(200);
    const predictions = split.json().predictions as { label: number }[];
    expect(predictions.slice(0, 2).map((p) => p.label)).toEqual(expected.v1.label.slice(0, 2));
    const records = await post('/invocations', wire('iris-records.json'), {
      'content-type': 'application/json',
    });
    expect(records.json()).toEqual(split.json());
    // pd.DataFrame(array).to_json(orient="split") labels the columns 0, 1, … (numbers).
    const unnamed = await post('/invocations', wire('iris-split-unnamed.json'), {
      'content-type': 'application/json',
    });
    expect(unnamed.statusCode, unnamed.body).toBe(200);
    const labels = unnamed.json<{ predictions: { label: number }[] }>().predictions;
    expect(labels.map((p) => p.label)).toEqual(expected.v1.label.slice(0, 3));
    for (const file of ['iris.csv', 'iris-noheader.csv']) {
      const csv = await post('/invocations', wire(file), { 'content-type': 'text/csv' });
      expect(csv.statusCode, file).toBe(200);
      expect(csv.json(), file).toEqual(split.json());
    }
    const asCsv = await post('/invocations', wire('iris.csv'), {
      'content-type': 'text/csv; charset=utf-8',
      accept: 'text/csv',
    });
    expect(asCsv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = asCsv.body.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]!.split(',')[0]).toBe(String(expected.v1.label[0]));
    expect(lines[0]!.split(',')).toHaveLength(4);
    // float32 cells as the JSON answer writes them (0.98158616), not widened to double digits.
    const json = predictions[0] as unknown as { probabilities: number[] };
    expect(lines[0]!.split(',').slice(1)).toEqual(json.probabilities.map(String));
    expect(lines[0]!.split(',')[1]!.length).toBeLessThanOrEqual(11);
  });

  it("answers instances and inputs bodies as CSV for Accept: text/csv, one line per row, with the JSON answer's values", async () => {
    /** The JSON answer's values as their JSON text (numbers as written: int64 past 2^53 exactly). */
    const valuesOf = (json: string): Record<string, unknown[]> =>
      (
        JSON.parse(
          json.replace(/"(?:[^"\\]|\\.)*"|(-?\d[\d.eE+-]*)/g, (m, n?: string) =>
            n === undefined ? m : JSON.stringify(`#${n}`),
          ),
        ) as { predictions: Record<string, unknown[]> }
      ).predictions;
    const cell = (v: unknown): string => {
      const s = String(v);
      if (s.startsWith('#')) return s.slice(1);
      return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const csvOf = (json: string, rows: number): string => {
      const outputs = Object.values(valuesOf(json));
      const lines = Array.from({ length: rows }, (_, r) =>
        outputs.flatMap((o) => [o[r]].flat(Infinity).map(cell)).join(','),
      );
      return `${lines.join('\n')}\n`;
    };
    const X = expected.X.slice(0, 3);
    const kinds = [
      { species: ['setosa'], count: [1] },
      { species: ['say "hi", then'], count: [-5] },
    ];
    // Every datatype, two rows: bool as JSON writes it, float16 and float32 as their JSON text.
    const types = Object.fromEntries(
      Object.entries({
        bool: [true, false],
        int8: [-8, 7],
        uint8: [0, 255],
        int16: [-300, 300],
        uint16: [0, 65535],
        int32: [-70000, 70000],
        uint32: [0, 4000000000],
        int64: [-1, 2],
        uint64: [0, 3],
        float16: [0.1, -2.5],
        float32: [0.1, 1e-8],
        float64: [0.1, 1e300],
        string: ['a', 'b,"c"'],
      }).map(([t, [a, b]]) => [
        `in_${t}`,
        [
          [a, b],
          [b, a],
        ],
      ]),
    );
    for (const [model, body, rows] of [
      ['types', { inputs: types }, 2],
      ['iris', { instances: X }, 3],
      ['iris', { inputs: X }, 3],
      ['kinds', { instances: kinds }, 2],
      ['kinds', { inputs: { species: [['setosa'], ['x,y']], count: [[2], [3]] } }, 2],
    ] as const) {
      const headers = { 'x-amzn-sagemaker-target-model': model };
      const json = await post('/invocations', JSON.stringify(body), headers);
      expect(json.statusCode).toBe(200);
      expect(json.headers['content-type']).toMatch(/^application\/json/);
      const csv = await post('/invocations', JSON.stringify(body), {
        ...headers,
        accept: 'text/csv',
      });
      expect(csv.statusCode, json.body).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.body, JSON.stringify(body)).toBe(csvOf(json.body, rows));
    }
    // Written out once, to pin the helper above: int64 past 2^53, a quoted string cell.
    const both = await post('/invocations', JSON.stringify({ instances: kinds }), {
      'x-amzn-sagemaker-target-model': 'kinds',
      accept: 'text/csv',
    });
    expect(both.body).toBe('0,9007199254740994,setosa\n-1,9007199254740988,"say ""hi"", then"\n');
  });

  it('refuses CSV for outputs that cannot be split into rows, saying to ask for JSON', async () => {
    const headers = { 'x-amzn-sagemaker-target-model': 'sums', accept: 'text/csv' };
    const refused = (why: string) => ({
      error_code: 'BAD_REQUEST',
      message: `a CSV answer has one line per row, and ${why}: ask for JSON (Accept: application/json), which answers every output whole`,
    });
    const x = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    for (const [body, why] of [
      [
        { inputs: x },
        "output 'column_sums' has shape [1, 3] where output 'rows' has 2 rows (shape [2, 3])",
      ],
      [
        { instances: x },
        "output 'column_sums' has shape [1, 3], not one row for each of the 2 instances",
      ],
      [{ inputs: [x[0]] }, "output 'total' is a scalar (shape [])"],
    ] as const) {
      const res = await post('/invocations', JSON.stringify(body), headers);
      expect(res.statusCode, why).toBe(406);
      expect(res.json()).toEqual(refused(why));
    }
    const json = await post('/invocations', JSON.stringify({ inputs: x }), {
      'x-amzn-sagemaker-target-model': 'sums',
    });
    expect(json.json()).toEqual({
      predictions: { rows: x, column_sums: [[5, 7, 9]], total: 21 },
    });
  });

  it('reads /invocations bodies of JSON and default types as JSON, and refuses other formats with 415', async () => {
    const body = JSON.stringify({ instances: [expected.X[0]] });
    for (const type of [
      undefined,
      'application/json; format=pandas-split',
      'application/vnd.api+json',
      'application/octet-stream',
      'application/x-www-form-urlencoded',
    ]) {
      const res = await post('/invocations', body, type ? { 'content-type': type } : {});
      expect(res.statusCode, String(type)).toBe(200);
    }
    for (const type of ['application/xml', 'application/x-npy', 'image/png']) {
      const res = await post('/invocations', body, { 'content-type': type });
      expect(res.statusCode, type).toBe(415);
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.json()).toEqual({
        error_code: 'BAD_REQUEST',
        message: `/invocations takes application/json or text/csv, received Content-Type '${type}'`,
      });
    }
    // Accept, as SageMaker passes the caller's on: JSON and wildcards answer JSON, others 406.
    for (const accept of ['application/json', '*/*', 'text/html, application/*;q=0.8']) {
      const res = await post('/invocations', body, { accept });
      expect(res.statusCode, accept).toBe(200);
      expect(res.headers['content-type'], accept).toMatch(/^application\/json/);
    }
    // q-values decide between the two; a tie goes to CSV only when it is named.
    for (const [accept, type] of [
      ['application/json;q=0.9, text/csv;q=0.1', 'application/json'],
      ['text/csv;q=0, application/json', 'application/json'],
      ['application/vnd.api+json;q=0.5, text/csv;q=0.6', 'text/csv'],
      ['text/csv, application/json', 'text/csv'],
      ['text/*', 'text/csv'],
      ['*/*;q=0.5, text/csv;q=0.5', 'text/csv'],
    ] as const) {
      const res = await post('/invocations', body, { accept });
      expect(res.statusCode, accept).toBe(200);
      expect(res.headers['content-type'], accept).toMatch(new RegExp(`^${type}`));
    }
    for (const accept of ['text/csv;q=0', 'application/json;q=0, application/xml']) {
      const res = await post('/invocations', body, { accept });
      expect(res.statusCode, accept).toBe(406);
    }
    const xml = await post('/invocations', body, { accept: 'application/xml' });
    expect(xml.statusCode).toBe(406);
    expect(xml.json()).toEqual({
      error_code: 'BAD_REQUEST',
      message: "/invocations answers application/json or text/csv, and Accept is 'application/xml'",
    });
  });

  it("answers a bad CSV with MLflow's error shape, naming the row", async () => {
    const res = await post('/invocations', 'a,b,c,d\n1,2,3,4\n1,x,3,4\n', {
      'content-type': 'text/csv',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error_code: 'BAD_REQUEST',
      message: "CSV row 2 (after the header), column 2: 'x' is not a number",
    });
  });
});

describe('HTTP on a real socket', () => {
  let port: number;
  let served: ServingApp;
  let repo: Awaited<ReturnType<typeof tempRepository>>;
  beforeAll(async () => {
    repo = await tempRepository({ iris: { 1: 'iris-v1.onnx' } });
    served = await startedApp({ repository: repo.root });
    await served.listen({ port: 0, host: '127.0.0.1' });
    port = (served.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await served.close();
    await repo.cleanup();
  });

  it('answers Expect: 100-continue, then the request, on one kept-alive connection', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const body = JSON.stringify({ instances: [expected.X[0]] });
    const send = () =>
      new Promise<{ status: number; continued: boolean; socket: unknown }>((resolve, reject) => {
        let continued = false;
        const req = httpRequest(
          {
            port,
            host: '127.0.0.1',
            method: 'POST',
            path: '/v1/models/iris:predict',
            agent,
            headers: { expect: '100-continue', 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            res.resume();
            res.on('end', () =>
              resolve({ status: res.statusCode!, continued, socket: req.socket }),
            );
          },
        );
        req.on('continue', () => {
          continued = true;
          req.end(body);
        });
        req.on('error', reject);
      });
    const first = await send();
    const second = await send();
    agent.destroy();
    expect(first).toMatchObject({ status: 200, continued: true });
    expect(second).toMatchObject({ status: 200, continued: true });
    expect(second.socket).toBe(first.socket);
  });

  it('answers 413 instead of 100 Continue when the Content-Length is already past the limit', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.write(
          'POST /v1/models/iris:predict HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n' +
            'Content-Type: application/json\r\nContent-Length: 100000000\r\n\r\n',
        ),
      );
      let text = '';
      socket.on('data', (d) => (text += d.toString('latin1')));
      // The server closes the connection: the body it refused was never sent.
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(reply).not.toMatch(/100 Continue/);
    expect(reply).toMatch(/"error":"request body is larger than the limit of 8388608 bytes/);
  });

  it('refuses h2c prior knowledge cleanly and keeps serving HTTP/1.1', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.write('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x00\x04\x00\x00\x00\x00\x00'),
      );
      let text = '';
      socket.on('data', (d) => (text += d.toString('latin1')));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 505 /);
    expect(reply).toMatch(/HTTP\/2 is not served on this port/);
    const after = await fetch(`http://127.0.0.1:${port}/v2/health/live`);
    expect(after.status).toBe(200);
  });
});
