import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { status } from '@grpc/grpc-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { addVersion } from '../testing.js';
import { grpcSuite } from './testing.js';
import type { Stub } from './testing.js';

const X = [
  [5.1, 3.5, 1.4, 0.2],
  [6.7, 3.0, 5.2, 2.3],
];

describe('inference.GRPCInferenceService', () => {
  const grpc = grpcSuite(
    { iris: { 1: 'iris-v1.onnx', 2: 'iris-v2.onnx' }, types: { 1: 'all-types.onnx' } },
    {
      prepare: (root) =>
        writeFile(join(root, 'iris', 'config.yaml'), 'version_policy: { all: true }\n'),
    },
  );
  let v2: Stub;
  beforeAll(() => {
    v2 = grpc.client('inference.GRPCInferenceService');
  });

  it('answers ServerLive, ServerReady, ServerMetadata, ModelReady and ModelMetadata', async () => {
    expect(await v2.ServerLive({})).toEqual({ live: true });
    expect(await v2.ServerReady({})).toEqual({ ready: true });
    expect(await v2.ServerMetadata({})).toEqual({
      name: 'cd4ml',
      version: '1.2.3',
      extensions: [],
    });
    expect(await v2.ModelReady({ name: 'iris', version: '1' })).toEqual({ ready: true });
    const meta = await v2.ModelMetadata({ name: 'iris' });
    expect(meta).toMatchObject({
      name: 'iris',
      versions: ['1', '2'],
      platform: 'onnxruntime_onnx',
      inputs: [{ name: 'float_input', datatype: 'FP32', shape: ['-1', '4'] }],
      outputs: [
        { name: 'label', datatype: 'INT64', shape: ['-1'] },
        { name: 'probabilities', datatype: 'FP32', shape: ['-1', '3'] },
      ],
    });
  });

  it('answers a ModelReady or ModelMetadata that names no model with INVALID_ARGUMENT (it was INTERNAL)', async () => {
    for (const [method, call] of [
      ['ModelReady', v2.ModelReady],
      ['ModelMetadata', v2.ModelMetadata],
    ] as const) {
      await expect(call({})).rejects.toMatchObject({
        code: status.INVALID_ARGUMENT,
        details: `${method}Request.name is missing: say which model`,
      });
      await expect(call({ version: '1' })).rejects.toMatchObject({
        code: status.INVALID_ARGUMENT,
      });
    }
    expect(await v2.ServerLive({})).toEqual({ live: true });
  });

  it('infers from typed contents and from raw_input_contents, with the same results', async () => {
    const typed = await v2.ModelInfer({
      model_name: 'iris',
      model_version: '1',
      id: 'req-1',
      inputs: [
        {
          name: 'float_input',
          datatype: 'FP32',
          shape: [2, 4],
          contents: { fp32_contents: X.flat() },
        },
      ],
    });
    expect(typed).toMatchObject({ model_name: 'iris', model_version: '1', id: 'req-1' });
    const outputs = typed.outputs as {
      name: string;
      shape: string[];
      contents: Record<string, unknown[]>;
    }[];
    expect(outputs.map((o) => [o.name, o.shape])).toEqual([
      ['label', ['2']],
      ['probabilities', ['2', '3']],
    ]);
    expect(outputs[0]!.contents.int64_contents).toEqual(['0', '2']);
    const raw = await v2.ModelInfer({
      model_name: 'iris',
      model_version: '1',
      inputs: [{ name: 'float_input', datatype: 'FP32', shape: [2, 4] }],
      outputs: [{ name: 'probabilities' }],
      raw_input_contents: [Buffer.from(new Float32Array(X.flat()).buffer)],
    });
    const bytes = (raw.raw_output_contents as Buffer[])[0]!;
    const probs = new Float32Array(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
    );
    expect(
      (raw.outputs as { name: string; contents?: unknown }[]).map((o) => [o.name, o.contents]),
    ).toEqual([['probabilities', undefined]]);
    expect([...probs]).toEqual(
      (outputs[1]!.contents.fp32_contents as number[]).map((p) => Math.fround(p)),
    );
  });

  it('answers raw calls whose output names, shapes, versions and ids change from call to call, each with its own', async () => {
    // A raw response's model_name, model_version and outputs are encoded once per version and
    // output shapes (protos.ts's InferResponseParts): each change here must show in the answer.
    const call = (version: string, rows: number, outputs: string[], id?: string) =>
      v2.ModelInfer({
        model_name: 'iris',
        model_version: version,
        ...(id === undefined ? {} : { id }),
        inputs: [{ name: 'float_input', datatype: 'FP32', shape: [rows, 4] }],
        outputs: outputs.map((name) => ({ name })),
        raw_input_contents: [Buffer.from(new Float32Array(X.slice(0, rows).flat()).buffer)],
      });
    const seen = [];
    for (const [version, rows, outputs, id] of [
      ['1', 1, [], undefined],
      ['1', 1, [], 'a'],
      ['1', 2, [], undefined],
      ['1', 2, ['probabilities'], 'b'],
      ['2', 2, ['probabilities'], undefined],
      ['1', 1, ['label', 'probabilities'], 'c'],
    ] as const) {
      const res = await call(version, rows, [...outputs], id);
      const tensors = res.outputs as { name: string; datatype: string; shape: string[] }[];
      const raws = res.raw_output_contents as Buffer[];
      seen.push({
        version: res.model_version,
        id: res.id,
        outputs: tensors.map((t) => `${t.name}:${t.datatype}[${t.shape.join(',')}]`),
        bytes: raws.map((b) => b.length),
      });
    }
    expect(seen).toEqual([
      {
        version: '1',
        id: '',
        outputs: ['label:INT64[1]', 'probabilities:FP32[1,3]'],
        bytes: [8, 12],
      },
      {
        version: '1',
        id: 'a',
        outputs: ['label:INT64[1]', 'probabilities:FP32[1,3]'],
        bytes: [8, 12],
      },
      {
        version: '1',
        id: '',
        outputs: ['label:INT64[2]', 'probabilities:FP32[2,3]'],
        bytes: [16, 24],
      },
      { version: '1', id: 'b', outputs: ['probabilities:FP32[2,3]'], bytes: [24] },
      { version: '2', id: '', outputs: ['probabilities:FP32[2,3]'], bytes: [24] },
      {
        version: '1',
        id: 'c',
        outputs: ['label:INT64[1]', 'probabilities:FP32[1,3]'],
        bytes: [8, 12],
      },
    ]);
  });

  it('serves the latest version unless asked, and a named one when asked', async () => {
    const infer = (version: string) =>
      v2.ModelInfer({
        model_name: 'iris',
        model_version: version,
        inputs: [
          {
            name: 'float_input',
            datatype: 'FP32',
            shape: [1, 4],
            contents: { fp32_contents: X[0] },
          },
        ],
      });
    expect((await infer('')).model_version).toBe('2');
    expect((await infer('1')).model_version).toBe('1');
  });

  it('sees a version added to the repository once the registry has read it (hot reload)', async () => {
    await addVersion(grpc.root, 'iris', 3, 'iris-v1.onnx');
    // A new directory loads once two polls have seen it unchanged.
    await grpc.app.models.reconcile();
    await grpc.app.models.reconcile();
    expect((await v2.ModelMetadata({ name: 'iris' })).versions).toEqual(['1', '2', '3']);
    const res = await v2.ModelInfer({
      model_name: 'iris',
      inputs: [
        { name: 'float_input', datatype: 'FP32', shape: [1, 4], contents: { fp32_contents: X[0] } },
      ],
    });
    expect(res.model_version).toBe('3');
  });

  it('round-trips every datatype typed and raw (FP16 raw only)', async () => {
    const inputs = [
      {
        name: 'in_bool',
        datatype: 'BOOL',
        contents: { bool_contents: [true, false, false, true] },
      },
      { name: 'in_int8', datatype: 'INT8', contents: { int_contents: [-128, 127, 0, 1] } },
      { name: 'in_uint8', datatype: 'UINT8', contents: { uint_contents: [0, 255, 1, 2] } },
      { name: 'in_int16', datatype: 'INT16', contents: { int_contents: [-32768, 32767, 0, 1] } },
      { name: 'in_uint16', datatype: 'UINT16', contents: { uint_contents: [0, 65535, 1, 2] } },
      {
        name: 'in_int32',
        datatype: 'INT32',
        contents: { int_contents: [-2147483648, 2147483647, 0, 1] },
      },
      { name: 'in_uint32', datatype: 'UINT32', contents: { uint_contents: [0, 4294967295, 1, 2] } },
      {
        name: 'in_int64',
        datatype: 'INT64',
        contents: { int64_contents: ['-9223372036854775808', '9223372036854775807', '0', '1'] },
      },
      {
        name: 'in_uint64',
        datatype: 'UINT64',
        contents: { uint64_contents: ['0', '18446744073709551615', '1', '2'] },
      },
      { name: 'in_float32', datatype: 'FP32', contents: { fp32_contents: [0.5, -1.5, 2, 3] } },
      { name: 'in_float64', datatype: 'FP64', contents: { fp64_contents: [0.1, -1e300, 2, 3] } },
      {
        name: 'in_string',
        datatype: 'BYTES',
        contents: { bytes_contents: ['a', 'ü', '', 'z'].map((s) => Buffer.from(s)) },
      },
    ];
    await expect(
      v2.ModelInfer({ model_name: 'types', inputs: inputs.map((i) => ({ ...i, shape: [2, 2] })) }),
    ).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT,
      details: expect.stringContaining("missing input 'in_float16'"),
    });
    const half = Buffer.from(new Uint16Array([0x3c00, 0xc000, 0, 0x7bff]).buffer);
    const raw = await v2.ModelInfer({
      model_name: 'types',
      inputs: [...inputs, { name: 'in_float16', datatype: 'FP16' }].map((i) => ({
        name: i.name,
        datatype: i.datatype,
        shape: [2, 2],
      })),
      raw_input_contents: [
        Buffer.from([1, 0, 0, 1]),
        Buffer.from(new Int8Array([-128, 127, 0, 1]).buffer),
        Buffer.from([0, 255, 1, 2]),
        Buffer.from(new Int16Array([-32768, 32767, 0, 1]).buffer),
        Buffer.from(new Uint16Array([0, 65535, 1, 2]).buffer),
        Buffer.from(new Int32Array([-2147483648, 2147483647, 0, 1]).buffer),
        Buffer.from(new Uint32Array([0, 4294967295, 1, 2]).buffer),
        Buffer.from(new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n, 0n, 1n]).buffer),
        Buffer.from(new BigUint64Array([0n, 2n ** 64n - 1n, 1n, 2n]).buffer),
        Buffer.from(new Float32Array([0.5, -1.5, 2, 3]).buffer),
        Buffer.from(new Float64Array([0.1, -1e300, 2, 3]).buffer),
        Buffer.concat(
          ['a', 'ü', '', 'z'].flatMap((s) => [
            Buffer.from(new Uint32Array([Buffer.byteLength(s)]).buffer),
            Buffer.from(s),
          ]),
        ),
        half,
      ],
    });
    const names = (raw.outputs as { name: string }[]).map((o) => o.name);
    const rawOut = raw.raw_output_contents as Buffer[];
    const sent = [[1, 0, 0, 1]];
    expect(rawOut[names.indexOf('out_bool')]).toEqual(Buffer.from(sent[0]!));
    expect(rawOut[names.indexOf('out_float16')]).toEqual(half);
    expect(rawOut[names.indexOf('out_string')]).toEqual(
      Buffer.concat(
        ['a', 'ü', '', 'z'].flatMap((s) => [
          Buffer.from(new Uint32Array([Buffer.byteLength(s)]).buffer),
          Buffer.from(s),
        ]),
      ),
    );
    expect(rawOut[names.indexOf('out_uint64')]).toEqual(
      Buffer.from(new BigUint64Array([0n, 2n ** 64n - 1n, 1n, 2n]).buffer),
    );
  });
});
