import { connect, constants } from 'node:http2';
import type { ClientHttp2Session } from 'node:http2';
import { status } from '@grpc/grpc-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { seeded, tempRepository } from '../testing.js';
import { encodeRequest, grpcFor, grpcSuite, rawCall, stub } from './testing.js';
import type { Stub } from './testing.js';

const INFER = '/inference.GRPCInferenceService/ModelInfer';
const LIMIT = 64 * 1024;

const encodeInfer = (request: object): Buffer => encodeRequest(INFER, request);

/** `bytes` garbled one of four ways: bytes overwritten, cut short, extended, or a long varint let in. */
function garble(bytes: Buffer, random: () => number): Buffer {
  const at = (n: number) => Math.floor(random() * n);
  const out = Buffer.from(bytes);
  const way = at(4);
  if (way === 0) {
    for (let i = 0; i <= at(4); i++) out[at(out.length)] = at(256);
    return out;
  }
  if (way === 1) return out.subarray(0, at(out.length));
  const noise = Buffer.from(Array.from({ length: 1 + at(32) }, () => at(256)));
  if (way === 2) return Buffer.concat([out, noise]);
  const i = at(out.length);
  return Buffer.concat([
    out.subarray(0, i),
    Buffer.from([at(256), 0xff, 0xff, 0xff, 0x0f]),
    out.subarray(i),
  ]);
}

/** One gRPC call over plain HTTP/2: a 5-byte message header that says `claimed` bytes, then `body`. */
function frame(session: ClientHttp2Session, claimed: number, body: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = session.request({
      [constants.HTTP2_HEADER_METHOD]: 'POST',
      [constants.HTTP2_HEADER_PATH]: INFER,
      'content-type': 'application/grpc',
      te: 'trailers',
    });
    const header = Buffer.alloc(5);
    header.writeUInt32BE(claimed, 1);
    let code = '';
    req.on('response', (headers) => (code = String(headers['grpc-status'] ?? code)));
    req.on('trailers', (trailers) => (code = String(trailers['grpc-status'] ?? code)));
    req.on('close', () => resolve(code));
    req.on('error', reject);
    req.resume();
    req.end(Buffer.concat([header, body]));
  });
}

const iris = (shape: (string | number)[], extra: object) => ({
  model_name: 'iris',
  inputs: [{ name: 'float_input', datatype: 'FP32', shape, ...extra }],
});

describe('the gRPC port under hostile input', () => {
  const grpc = grpcSuite(
    { iris: { 1: 'iris-v1.onnx' }, echo: { 1: 'int64-string.onnx' } },
    { maxMessageBytes: LIMIT },
  );
  let v2: Stub;
  beforeAll(() => {
    v2 = grpc.client('inference.GRPCInferenceService');
  });

  const valid = iris([1, 4], { contents: { fp32_contents: [1, 2, 3, 4] } });

  it.each([
    [
      'a truncated message',
      encodeInfer(valid).subarray(0, 20),
      'the request is not a valid ModelInfer message',
    ],
    [
      'bytes that are no protobuf',
      Buffer.from('ffffffffffffffffffff', 'hex'),
      'not a valid ModelInfer message',
    ],
  ])('answers %s with INVALID_ARGUMENT', async (_what, bytes, details) => {
    await expect(rawCall(v2.client, INFER, bytes)).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT,
      details: expect.stringContaining(details),
    });
  });

  it.each([
    [
      'fewer values than the shape',
      iris([2, 4], { contents: { fp32_contents: [1, 2, 3, 4] } }),
      'contents.fp32_contents has 4 elements but its shape needs 8',
    ],
    [
      'a shape the model does not take',
      iris([1, 5], { contents: { fp32_contents: [1, 2, 3, 4, 5] } }),
      "input 'float_input': wrong shape: expected [-1, 4]",
    ],
    [
      'a negative dimension',
      iris(['-1', 4], { contents: { fp32_contents: [1, 2, 3, 4] } }),
      'dimension 0 is -1',
    ],
    [
      'a huge shape and no data',
      iris(['1000000000000', 4], {}),
      'contents.fp32_contents has 0 elements but its shape needs 4000000000000',
    ],
    [
      'the wrong datatype',
      {
        model_name: 'iris',
        inputs: [
          {
            name: 'float_input',
            datatype: 'FP64',
            shape: [1, 4],
            contents: { fp64_contents: [1, 2, 3, 4] },
          },
        ],
      },
      'wrong datatype: expected FP32, received FP64',
    ],
    [
      'data in the wrong field',
      iris([1, 4], { contents: { int_contents: [1, 2, 3, 4] } }),
      'its data goes in contents.fp32_contents, not contents.int_contents',
    ],
    [
      'an unknown input',
      { model_name: 'iris', inputs: [{ name: 'x', datatype: 'FP32', shape: [1] }] },
      "unexpected inference input 'x'",
    ],
    [
      'an unknown output',
      { ...valid, outputs: [{ name: 'logits' }] },
      "unexpected inference output 'logits'",
    ],
    [
      'raw bytes one short',
      { ...iris([1, 4], {}), raw_input_contents: [Buffer.alloc(15)] },
      "raw_input_contents[0] (input 'float_input') has 15 bytes, but 4 float32 elements take 16",
    ],
    [
      'raw contents for no input',
      { ...iris([1, 4], {}), raw_input_contents: [Buffer.alloc(16), Buffer.alloc(16)] },
      'raw_input_contents has 2 entries for 1 inputs',
    ],
    [
      'raw and typed contents together',
      { ...valid, raw_input_contents: [Buffer.alloc(16)] },
      'has contents while the request has raw_input_contents',
    ],
    [
      'a BYTES element whose length runs past the end',
      {
        model_name: 'echo',
        inputs: [
          { name: 'species', datatype: 'BYTES', shape: [1, 1] },
          { name: 'count', datatype: 'INT64', shape: [1, 1] },
        ],
        raw_input_contents: [Buffer.from([9, 0, 0, 0, 97]), Buffer.alloc(8)],
      },
      "raw_input_contents[0] (input 'species'): element 0 says 9 bytes, but only 1 remain",
    ],
  ])('answers %s with INVALID_ARGUMENT and says what is wrong', async (_what, request, details) => {
    await expect(v2.ModelInfer(request)).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT,
      details: expect.stringContaining(details),
    });
  });

  it('takes raw contents beside an empty typed contents message', async () => {
    const res = await v2.ModelInfer({
      ...iris([1, 4], { contents: {} }),
      raw_input_contents: [Buffer.from(new Float32Array([1, 2, 3, 4]).buffer)],
    });
    expect((res.raw_output_contents as Buffer[]).length).toBe(2);
  });

  it('answers NOT_FOUND for an unknown model or version', async () => {
    await expect(v2.ModelInfer({ ...valid, model_name: 'nope' })).rejects.toMatchObject({
      code: status.NOT_FOUND,
    });
    await expect(v2.ModelInfer({ ...valid, model_version: '3' })).rejects.toMatchObject({
      code: status.NOT_FOUND,
    });
    await expect(v2.ModelReady({ name: 'iris', version: 'x' })).rejects.toMatchObject({
      code: status.NOT_FOUND,
    });
  });

  it('answers RESOURCE_EXHAUSTED past the message size limit, and for a header that only claims a huge message', async () => {
    const big = { ...iris([LIMIT / 16, 4], {}), raw_input_contents: [Buffer.alloc(LIMIT)] };
    await expect(v2.ModelInfer(big)).rejects.toMatchObject({ code: status.RESOURCE_EXHAUSTED });
    const session = connect(`http://127.0.0.1:${grpc.server.port}`);
    try {
      const before = process.memoryUsage().rss;
      // 1 GiB claimed, 10 bytes sent: refused from the header, nothing buffered.
      const codes = await Promise.all(
        Array.from({ length: 20 }, () => frame(session, 2 ** 30, Buffer.alloc(10))),
      );
      expect(codes).toEqual(Array.from({ length: 20 }, () => String(status.RESOURCE_EXHAUSTED)));
      expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
    } finally {
      session.close();
    }
  });

  it('answers 3,000 garbled requests to every method with the statuses the services define, never INTERNAL or UNKNOWN', async () => {
    const f32 = Buffer.from(new Float32Array([5.1, 3.5, 1.4, 0.2]).buffer);
    const tensor = { dtype: 'DT_FLOAT', tensor_shape: { dim: [{ size: 1 }, { size: 4 }] } };
    const seeds = [
      [INFER, valid],
      [INFER, { ...iris([1, 4], {}), raw_input_contents: [f32] }],
      ['/inference.GRPCInferenceService/ModelReady', { name: 'iris', version: '1' }],
      ['/inference.GRPCInferenceService/ModelMetadata', { name: 'iris' }],
      [
        '/tensorflow.serving.PredictionService/Predict',
        {
          model_spec: { name: 'iris' },
          inputs: { float_input: { ...tensor, float_val: [1, 2, 3, 4] } },
        },
      ],
      [
        '/tensorflow.serving.PredictionService/GetModelMetadata',
        { model_spec: { name: 'iris' }, metadata_field: ['signature_def'] },
      ],
      ['/tensorflow.serving.ModelService/GetModelStatus', { model_spec: { name: 'iris' } }],
    ] as const;
    const encoded = seeds.map(([path, request]) => [path, encodeRequest(path, request)] as const);
    const random = seeded(18);
    const codes = new Map<status, number>();
    const worst: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < 3000) {
        const [path, bytes] = encoded[next++ % encoded.length]!;
        const garbled = garble(bytes, random);
        const code: status = await rawCall(v2.client, path, garbled).then(
          () => status.OK,
          (err: { code: status }) => err.code,
        );
        codes.set(code, (codes.get(code) ?? 0) + 1);
        if (code === status.INTERNAL || code === status.UNKNOWN)
          worst.push(`${path} ${garbled.toString('hex')}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(worst.slice(0, 5)).toEqual([]);
    expect([...codes.keys()].sort((a, b) => a - b)).toEqual(
      [status.OK, status.INVALID_ARGUMENT, status.NOT_FOUND].sort((a, b) => a - b),
    );
    expect(await v2.ServerLive({})).toEqual({ live: true });
  });

  it('keeps serving after all of it, and counts each call by status in the metrics', async () => {
    expect(await v2.ServerLive({})).toEqual({ live: true });
    expect((await v2.ModelInfer(valid)).model_name).toBe('iris');
    const text = await grpc.app.servingMetrics.registry.metrics();
    expect(text).toContain(
      'cd4ml_requests_total{model="iris",version="1",protocol="kserve-grpc",status="OK"}',
    );
    expect(text).toMatch(
      /cd4ml_requests_total\{model="iris",version="1",protocol="kserve-grpc",status="INVALID_ARGUMENT"\} \d+/,
    );
    expect(text).toContain(
      'cd4ml_request_duration_seconds_count{model="iris",protocol="kserve-grpc"}',
    );
  });
});

it('answers UNAVAILABLE while a model is still loading', async () => {
  const repo = await tempRepository({ iris: { 1: 'iris-v1.onnx' } });
  // Files this fresh wait out the settle time before they load.
  const app = await buildApp({
    repository: repo.root,
    logLevel: false,
    pollIntervalMs: 0,
    settleMs: 3_600_000,
    processMetrics: false,
  });
  await app.models.start();
  const server = await grpcFor(app);
  const v2 = stub(server.port, 'inference.GRPCInferenceService');
  const health = stub(server.port, 'grpc.health.v1.Health');
  try {
    expect(await v2.ServerReady({})).toEqual({ ready: false });
    expect(await health.Check({})).toEqual({ status: 'NOT_SERVING' });
    await expect(
      v2.ModelInfer(iris([1, 4], { contents: { fp32_contents: [1, 2, 3, 4] } })),
    ).rejects.toMatchObject({
      code: status.UNAVAILABLE,
      details: "model 'iris' has no version ready to serve yet",
    });
  } finally {
    v2.client.close();
    health.client.close();
    await server.close();
    await app.close();
    await repo.cleanup();
  }
});
