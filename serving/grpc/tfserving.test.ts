import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { status } from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { grpcSuite } from './testing.js';
import type { Stub } from './testing.js';

const X = [
  [5.1, 3.5, 1.4, 0.2],
  [6.7, 3.0, 5.2, 2.3],
];
const shape = (...dims: number[]) => ({ dim: dims.map((size) => ({ size })) });

describe('tensorflow.serving PredictionService and ModelService', () => {
  const grpc = grpcSuite(
    {
      iris: { 1: 'iris-v1.onnx', 2: 'iris-v2.onnx' },
      counts: { 1: 'int64-string.onnx' },
      types: { 1: 'all-types.onnx' },
    },
    {
      prepare: (root) =>
        writeFile(
          join(root, 'iris', 'config.yaml'),
          'version_policy: { all: true }\nlabels: { stable: 1 }\n',
        ),
    },
  );
  let tf: Stub;
  let models: Stub;
  beforeAll(() => {
    tf = grpc.client('tensorflow.serving.PredictionService');
    models = grpc.client('tensorflow.serving.ModelService');
  });

  it('predicts from float_val and from tensor_content, answering in kind', async () => {
    const typed = await tf.Predict({
      model_spec: { name: 'iris', signature_name: 'serving_default' },
      inputs: {
        float_input: { dtype: 'DT_FLOAT', tensor_shape: shape(2, 4), float_val: X.flat() },
      },
    });
    expect(typed.model_spec).toMatchObject({
      name: 'iris',
      version: { value: '2' },
      signature_name: 'serving_default',
    });
    const outputs = typed.outputs as Record<string, Record<string, unknown>>;
    expect(outputs.label).toMatchObject({
      dtype: 'DT_INT64',
      tensor_shape: { dim: [{ size: '2' }] },
      int64_val: ['0', '2'],
    });
    const raw = await tf.Predict({
      model_spec: { name: 'iris', version: { value: 1 } },
      inputs: {
        float_input: {
          dtype: 'DT_FLOAT',
          tensor_shape: shape(2, 4),
          tensor_content: Buffer.from(new Float32Array(X.flat()).buffer),
        },
      },
      output_filter: ['probabilities'],
    });
    expect(Object.keys(raw.outputs as object)).toEqual(['probabilities']);
    const probs = (raw.outputs as Record<string, { tensor_content: Buffer; float_val: number[] }>)
      .probabilities!;
    expect(probs.float_val).toEqual([]);
    expect(probs.tensor_content).toHaveLength(2 * 3 * 4);
    expect((raw.model_spec as { version: { value: string } }).version.value).toBe('1');
  });

  it('serves a version label, and a single value fills the tensor as in TensorFlow', async () => {
    const res = await tf.Predict({
      model_spec: { name: 'iris', version_label: 'stable' },
      inputs: { float_input: { dtype: 'DT_FLOAT', tensor_shape: shape(3, 4), float_val: [1] } },
    });
    expect((res.model_spec as { version: { value: string } }).version.value).toBe('1');
    const probs = (res.outputs as Record<string, { tensor_shape: unknown; float_val: number[] }>)
      .probabilities!;
    expect(probs.tensor_shape).toEqual({ dim: [{ size: '3' }, { size: '3' }] });
    expect(probs.float_val.slice(0, 3)).toEqual(probs.float_val.slice(3, 6));
  });

  it('takes and returns DT_STRING and exact DT_INT64', async () => {
    const res = await tf.Predict({
      model_spec: { name: 'counts' },
      inputs: {
        species: {
          dtype: 'DT_STRING',
          tensor_shape: shape(2, 1),
          string_val: [Buffer.from('virginica'), Buffer.from('setosa')],
        },
        count: {
          dtype: 'DT_INT64',
          tensor_shape: shape(2, 1),
          int64_val: ['4611686018427387904', '-5'],
        },
      },
    });
    const out = res.outputs as Record<string, { string_val: Buffer[]; int64_val: string[] }>;
    expect(out.species_echo!.string_val.map(String)).toEqual(['virginica', 'setosa']);
    expect(out.species_id!.int64_val).toEqual(['2', '0']);
    expect(out.count_plus!.int64_val).toHaveLength(2);
  });

  it('round-trips DT_BOOL, DT_INT32 and DT_DOUBLE through typed fields', async () => {
    const inputs: Record<string, object> = {};
    const meta = (await tf.GetModelMetadata({
      model_spec: { name: 'types' },
      metadata_field: ['signature_def'],
    })) as { metadata: { signature_def: { type_url: string; value: Buffer } } };
    // Decoded independently of the server's encoder, from the vendored protos.
    const root = new protobuf.Root();
    root.resolvePath = (_o, target) =>
      join(
        import.meta.dirname,
        '..',
        'protos',
        target.startsWith('tensorflow_serving') ? 'tensorflow-serving' : 'tensorflow',
        target,
      );
    root.loadSync('tensorflow_serving/apis/get_model_metadata.proto', { keepCase: true });
    const type = root.lookupType('tensorflow.serving.SignatureDefMap');
    const map = type.toObject(type.decode(meta.metadata.signature_def.value), {
      enums: String,
      longs: String,
    }) as {
      signature_def: Record<
        string,
        {
          inputs: Record<string, { dtype: string; tensor_shape: { dim: { size: string }[] } }>;
          method_name: string;
        }
      >;
    };
    expect(meta.metadata.signature_def.type_url).toBe(
      'type.googleapis.com/tensorflow.serving.SignatureDefMap',
    );
    const sig = map.signature_def.serving_default!;
    expect(sig.method_name).toBe('tensorflow/serving/predict');
    expect(sig.inputs.in_float64).toMatchObject({
      dtype: 'DT_DOUBLE',
      tensor_shape: { dim: [{ size: '-1' }, { size: '2' }] },
    });
    const values: Record<string, [string, string, unknown[]]> = {
      bool: ['DT_BOOL', 'bool_val', [true, false, false, true]],
      int32: ['DT_INT32', 'int_val', [-2147483648, 2147483647, 0, 1]],
      float64: ['DT_DOUBLE', 'double_val', [0.1, -1e300, 2, 3]],
      int8: ['DT_INT8', 'int_val', [-128, 127, 0, 1]],
      uint8: ['DT_UINT8', 'int_val', [0, 255, 1, 2]],
      int16: ['DT_INT16', 'int_val', [-1, 2, 0, 1]],
      uint16: ['DT_UINT16', 'int_val', [0, 65535, 1, 2]],
      uint32: ['DT_UINT32', 'uint32_val', [0, 4294967295, 1, 2]],
      int64: ['DT_INT64', 'int64_val', ['-9223372036854775808', '1', '0', '1']],
      uint64: ['DT_UINT64', 'uint64_val', ['18446744073709551615', '1', '0', '1']],
      float16: ['DT_HALF', 'half_val', [0x3c00, 0xc000, 0, 0x7bff]],
      float32: ['DT_FLOAT', 'float_val', [0.5, -1.5, 2, 3]],
      string: ['DT_STRING', 'string_val', ['a', 'ü', '', 'z'].map((s) => Buffer.from(s))],
    };
    for (const [t, [dtype, field, v]] of Object.entries(values))
      inputs[`in_${t}`] = { dtype, tensor_shape: shape(2, 2), [field]: v };
    const res = await tf.Predict({ model_spec: { name: 'types' }, inputs });
    const out = res.outputs as Record<string, Record<string, unknown>>;
    for (const [t, [dtype, field, v]] of Object.entries(values)) {
      expect(out[`out_${t}`]!.dtype).toBe(dtype);
      expect(out[`out_${t}`]![field]).toEqual(v);
    }
  });

  it('GetModelStatus lists versions with their states, by version and by label', async () => {
    expect(await models.GetModelStatus({ model_spec: { name: 'iris' } })).toEqual({
      model_version_status: [
        { version: '2', state: 'AVAILABLE', status: { error_code: 'OK', error_message: '' } },
        { version: '1', state: 'AVAILABLE', status: { error_code: 'OK', error_message: '' } },
      ],
    });
    const one = await models.GetModelStatus({
      model_spec: { name: 'iris', version_label: 'stable' },
    });
    expect((one.model_version_status as { version: string }[]).map((v) => v.version)).toEqual([
      '1',
    ]);
    await expect(
      models.GetModelStatus({ model_spec: { name: 'iris', version: { value: 9 } } }),
    ).rejects.toMatchObject({
      code: status.NOT_FOUND,
      details: "Could not find version 9 of model 'iris'",
    });
  });

  it.each([
    [
      'an unknown model',
      { model_spec: { name: 'nope' }, inputs: {} },
      status.NOT_FOUND,
      "model 'nope' is not in the repository",
    ],
    [
      'an unknown version',
      { model_spec: { name: 'iris', version: { value: 7 } }, inputs: {} },
      status.NOT_FOUND,
      'version 7 is not available',
    ],
    ['no model name', { inputs: {} }, status.INVALID_ARGUMENT, 'model_spec.name is missing'],
    [
      'another signature',
      { model_spec: { name: 'iris', signature_name: 'predict' } },
      status.INVALID_ARGUMENT,
      'Serving signature name: "predict" not found',
    ],
    [
      'a missing input',
      { model_spec: { name: 'iris' }, inputs: {} },
      status.INVALID_ARGUMENT,
      "missing input 'float_input' (DT_FLOAT)",
    ],
    [
      'the wrong dtype',
      {
        model_spec: { name: 'iris' },
        inputs: {
          float_input: { dtype: 'DT_DOUBLE', tensor_shape: shape(1, 4), double_val: [1, 2, 3, 4] },
        },
      },
      status.INVALID_ARGUMENT,
      "input 'float_input': wrong dtype: expected DT_FLOAT, received DT_DOUBLE",
    ],
    [
      'the wrong shape',
      {
        model_spec: { name: 'iris' },
        inputs: {
          float_input: { dtype: 'DT_FLOAT', tensor_shape: shape(1, 5), float_val: [1, 2, 3, 4, 5] },
        },
      },
      status.INVALID_ARGUMENT,
      "input 'float_input': wrong shape: expected [-1, 4]",
    ],
    [
      'too many values',
      {
        model_spec: { name: 'iris' },
        inputs: {
          float_input: { dtype: 'DT_FLOAT', tensor_shape: shape(1, 4), float_val: [1, 2, 3, 4, 5] },
        },
      },
      status.INVALID_ARGUMENT,
      'float_val has 5 values but shape [1, 4] holds 4',
    ],
    [
      'no values',
      {
        model_spec: { name: 'iris' },
        inputs: { float_input: { dtype: 'DT_FLOAT', tensor_shape: shape(1, 4) } },
      },
      status.INVALID_ARGUMENT,
      'no values: send 4 in float_val or tensor_content',
    ],
    [
      'values in the wrong field',
      {
        model_spec: { name: 'iris' },
        inputs: {
          float_input: { dtype: 'DT_FLOAT', tensor_shape: shape(1, 4), int_val: [1, 2, 3, 4] },
        },
      },
      status.INVALID_ARGUMENT,
      'its values go in float_val (or tensor_content), not int_val',
    ],
    [
      'tensor_content of the wrong size',
      {
        model_spec: { name: 'iris' },
        inputs: {
          float_input: {
            dtype: 'DT_FLOAT',
            tensor_shape: shape(2, 4),
            tensor_content: Buffer.alloc(30),
          },
        },
      },
      status.INVALID_ARGUMENT,
      'tensor_content has 30 bytes, but 8 float32 elements take 32',
    ],
    [
      'no tensor_shape',
      {
        model_spec: { name: 'iris' },
        inputs: { float_input: { dtype: 'DT_FLOAT', float_val: [1] } },
      },
      status.INVALID_ARGUMENT,
      'has no tensor_shape',
    ],
    [
      'an unknown output_filter',
      {
        model_spec: { name: 'iris' },
        inputs: { float_input: { dtype: 'DT_FLOAT', tensor_shape: shape(1, 4), float_val: [1] } },
        output_filter: ['logits'],
      },
      status.INVALID_ARGUMENT,
      "output_filter names 'logits'",
    ],
  ])('Predict with %s is %s', async (_what, request, code, details) => {
    await expect(tf.Predict(request)).rejects.toMatchObject({
      code,
      details: expect.stringContaining(details),
    });
  });

  it('says Classify and Regress need tf.Example inputs, and GetModelMetadata takes only signature_def', async () => {
    await expect(tf.Classify({ model_spec: { name: 'iris' } })).rejects.toMatchObject({
      code: status.UNIMPLEMENTED,
      details: expect.stringContaining('use Predict'),
    });
    await expect(
      tf.GetModelMetadata({ model_spec: { name: 'iris' }, metadata_field: ['graph'] }),
    ).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT,
      details: 'metadata_field must be ["signature_def"]: \'graph\' is not supported',
    });
  });
});
