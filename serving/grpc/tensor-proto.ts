import type { OutputView } from '../batching/batcher.js';
import { BadRequest } from '../http-error.js';
import { toTfDtype } from '../dtype-names.js';
import { checkShape, toTypedData } from '../tensor-checks.js';
import type { ElementType, HostTensor, TensorSpec } from '../tensors.js';
import { elementCount, fromRaw, parseDims, toArray, toRaw } from './raw.js';

/**
 * tensorflow.TensorProto <-> tensors. Numbers come in `tensor_content` (raw little-endian
 * bytes) or in the typed field of their dtype; strings in `string_val`. As TensorFlow
 * reads a TensorProto, fewer typed values than the shape holds repeat the last one (so a
 * single value fills the tensor); no values at all is an error here, where TensorFlow
 * would quietly use zeros.
 */

export interface TensorProto {
  dtype?: string;
  tensor_shape?: { dim: { size?: string }[]; unknown_rank?: boolean };
  tensor_content?: Buffer;
  half_val: number[];
  float_val: number[];
  double_val: number[];
  int_val: number[];
  int64_val: string[];
  uint32_val: number[];
  uint64_val: string[];
  bool_val: boolean[];
  string_val: Buffer[];
}

type ValField = Exclude<keyof TensorProto, 'dtype' | 'tensor_shape' | 'tensor_content'>;

/** The typed field TensorFlow keeps each dtype in (8- and 16-bit integers share int_val). */
const FIELD_OF: Record<ElementType, ValField> = {
  bool: 'bool_val',
  int8: 'int_val',
  uint8: 'int_val',
  int16: 'int_val',
  uint16: 'int_val',
  int32: 'int_val',
  uint32: 'uint32_val',
  int64: 'int64_val',
  uint64: 'uint64_val',
  float16: 'half_val',
  float32: 'float_val',
  float64: 'double_val',
  string: 'string_val',
};
const VAL_FIELDS = [...new Set(Object.values(FIELD_OF))];

function dimsOf(spec: TensorSpec, proto: TensorProto): number[] {
  const shape = proto.tensor_shape;
  if (!shape || shape.unknown_rank)
    throw new BadRequest(
      `input '${spec.name}': the TensorProto has no tensor_shape: send its dimensions (e.g. tf.make_tensor_proto does)`,
    );
  return parseDims(
    shape.dim.map((d) => d.size ?? '0'),
    `input '${spec.name}'`,
  );
}

/** A TensorProto sent for `spec` as a validated tensor. */
export function fromTensorProto(spec: TensorSpec, proto: TensorProto): HostTensor {
  const dtype = toTfDtype(spec.type);
  if (proto.dtype !== dtype)
    throw new BadRequest(
      `input '${spec.name}': wrong dtype: expected ${dtype}, received ${String(proto.dtype ?? 'DT_INVALID').slice(0, 24)}`,
    );
  const dims = dimsOf(spec, proto);
  checkShape(spec, dims);
  const n = elementCount(dims, `input '${spec.name}'`);
  const field = FIELD_OF[spec.type];
  const content = proto.tensor_content;
  if (content && content.length > 0 && spec.type !== 'string') {
    return {
      type: spec.type,
      data: fromRaw(spec.type, n, content, `input '${spec.name}': tensor_content`),
      dims,
    };
  }
  const other = VAL_FIELDS.find((f) => f !== field && proto[f].length > 0);
  if (other)
    throw new BadRequest(
      `input '${spec.name}' is ${dtype}: its values go in ${field} (or tensor_content), not ${other}`,
    );
  const values: unknown[] = proto[field];
  if (values.length === 0 && n > 0)
    throw new BadRequest(
      `input '${spec.name}': no values: send ${n} in ${field} or tensor_content`,
    );
  if (values.length > n)
    throw new BadRequest(
      `input '${spec.name}': ${field} has ${values.length} values but shape [${dims.join(', ')}] holds ${n}`,
    );
  const filled =
    values.length === n
      ? values
      : [...values, ...new Array<unknown>(n - values.length).fill(values.at(-1))];
  if (spec.type === 'float16') {
    // half_val holds the IEEE 754 binary16 bits, as the tensor stores them.
    const bits = new Uint16Array(n);
    for (let i = 0; i < n; i++) bits[i] = Number(filled[i]) & 0xffff;
    return { type: spec.type, data: bits, dims };
  }
  const plain = spec.type === 'string' ? filled.map((b) => (b as Buffer).toString('utf8')) : filled;
  return { type: spec.type, data: toTypedData(spec, plain), dims };
}

/** An output as a TensorProto: tensor_content when `raw` (and not a string), else the typed field. */
export function toTensorProto(type: ElementType, view: OutputView, raw: boolean): object {
  const proto: Record<string, unknown> = {
    dtype: toTfDtype(type),
    tensor_shape: { dim: view.dims.map((size) => ({ size })) },
  };
  if (type === 'string')
    proto.string_val = toArray(view).map((s) => Buffer.from(String(s), 'utf8'));
  else if (raw) proto.tensor_content = toRaw(view);
  else {
    const values = toArray(view);
    proto[FIELD_OF[type]] = type === 'bool' ? values.map((v) => v !== 0 && v !== false) : values;
  }
  return proto;
}
