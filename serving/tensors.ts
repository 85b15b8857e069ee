import { BadRequest } from './http-error.js';

/**
 * JSON values <-> onnxruntime tensors. Everything a client sends is checked here
 * against the model's signature, so that no malformed value ever reaches native
 * code: dtype, rank, fixed dimensions, ragged arrays, numeric ranges.
 */

/** The tensor element types onnxruntime-node takes and returns (excluding 4-bit types). */
export type ElementType =
  | 'bool'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'float16'
  | 'float32'
  | 'float64'
  | 'string';

const ELEMENT_TYPES: readonly ElementType[] = [
  'bool',
  'int8',
  'uint8',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'int64',
  'uint64',
  'float16',
  'float32',
  'float64',
  'string',
];

export function isElementType(t: string): t is ElementType {
  return (ELEMENT_TYPES as readonly string[]).includes(t);
}

/** A dimension of a signature: a number when fixed, a name or null when dynamic. */
export type Dim = number | string | null;

export interface TensorSpec {
  name: string;
  type: ElementType;
  shape: Dim[];
}

export type TensorData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | string[];

/** The typed array that holds each non-string element type (float16 and bool as their bits). */
export const ARRAY_OF = {
  bool: Uint8Array,
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int64: BigInt64Array,
  uint64: BigUint64Array,
  float16: Uint16Array,
  float32: Float32Array,
  float64: Float64Array,
} as const;

/** `n` zero elements of `type` (empty strings for string tensors). */
export function zeros(type: ElementType, n: number): TensorData {
  return type === 'string' ? new Array<string>(n).fill('') : new ARRAY_OF[type](n);
}

/** A validated input, ready to become an `ort.Tensor`. */
export interface HostTensor {
  type: ElementType;
  data: TensorData;
  dims: number[];
}

/** KServe V2 datatype names. */
const V2_BY_TYPE: Record<ElementType, string> = {
  bool: 'BOOL',
  int8: 'INT8',
  uint8: 'UINT8',
  int16: 'INT16',
  uint16: 'UINT16',
  int32: 'INT32',
  uint32: 'UINT32',
  int64: 'INT64',
  uint64: 'UINT64',
  float16: 'FP16',
  float32: 'FP32',
  float64: 'FP64',
  string: 'BYTES',
};
const TYPE_BY_V2 = new Map(Object.entries(V2_BY_TYPE).map(([k, v]) => [v, k as ElementType]));

/** A tensor's KServe V2 metadata: name, datatype, and shape with -1 for a dynamic dimension. */
export function v2TensorMeta(s: TensorSpec): { name: string; datatype: string; shape: number[] } {
  return {
    name: s.name,
    datatype: toV2Datatype(s.type),
    shape: s.shape.map((d) => (typeof d === 'number' ? d : -1)),
  };
}

export function toV2Datatype(t: ElementType): string {
  return V2_BY_TYPE[t];
}
export function fromV2Datatype(d: string): ElementType | undefined {
  return TYPE_BY_V2.get(d);
}

/** TensorFlow dtype names, for TF Serving metadata. */
const TF_BY_TYPE: Record<ElementType, string> = {
  bool: 'DT_BOOL',
  int8: 'DT_INT8',
  uint8: 'DT_UINT8',
  int16: 'DT_INT16',
  uint16: 'DT_UINT16',
  int32: 'DT_INT32',
  uint32: 'DT_UINT32',
  int64: 'DT_INT64',
  uint64: 'DT_UINT64',
  float16: 'DT_HALF',
  float32: 'DT_FLOAT',
  float64: 'DT_DOUBLE',
  string: 'DT_STRING',
};
export function toTfDtype(t: ElementType): string {
  return TF_BY_TYPE[t];
}

const FLOAT32_MAX = 3.4028234663852886e38;
const FLOAT16_MAX = 65504;
/**
 * The element types whose values are JSON numbers stored as they are: [lowest, highest,
 * integers only]. (float16 is stored as its bits; int64 and uint64 as BigInts.)
 */
const NUMBER_RANGES = {
  float32: [-FLOAT32_MAX, FLOAT32_MAX, false],
  float64: [-Number.MAX_VALUE, Number.MAX_VALUE, false],
  int8: [-128, 127, true],
  uint8: [0, 255, true],
  int16: [-32768, 32767, true],
  uint16: [0, 65535, true],
  int32: [-2147483648, 2147483647, true],
  uint32: [0, 4294967295, true],
} as const;
type PlainNumberType = keyof typeof NUMBER_RANGES;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const DECIMAL = /^-?\d{1,20}$/;
const MAX_RANK = 32;
const FAST_MAX_ELEMENTS = 1 << 20;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string')
    return `the string ${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v)}`;
  if (typeof v === 'number') return Number.isFinite(v) ? `the number ${v}` : `${v}`;
  return `a ${typeof v}`;
}

function shapeText(shape: readonly Dim[]): string {
  return `[${shape.map((d) => (typeof d === 'number' ? String(d) : -1)).join(', ')}]`;
}

/**
 * Flattens a nested JSON array in row-major order, inferring its shape and
 * rejecting ragged arrays. Scalars have shape [].
 */
export function flatten(input: string, value: unknown): { shape: number[]; flat: unknown[] } {
  const shape: number[] = [];
  let probe: unknown = value;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    // Deeper than any tensor: refuse before recursing over it.
    if (shape.length > MAX_RANK)
      throw new BadRequest(
        `input '${input}': nested more than ${MAX_RANK} levels deep; no model input has that many dimensions`,
      );
    if (probe.length === 0) break;
    probe = probe[0];
  }
  if (shape.length === 0) return { shape, flat: [value] };
  const flat: unknown[] = [];
  const rank = shape.length;
  // Hot path: no per-element allocation; the error path rebuilds the location.
  const walk = (v: unknown, depth: number): boolean => {
    if (depth === rank) {
      if (Array.isArray(v)) return false;
      flat.push(v);
      return true;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) return false;
    for (let i = 0; i < v.length; i++) if (!walk(v[i], depth + 1)) return false;
    return true;
  };
  if (!walk(value, 0)) throw raggedError(input, value, shape);
  return { shape, flat };
}

function raggedError(input: string, value: unknown, shape: readonly number[]): BadRequest {
  const rank = shape.length;
  const find = (v: unknown, depth: number, path: string): BadRequest | undefined => {
    if (depth === rank) {
      if (Array.isArray(v)) {
        return new BadRequest(
          `input '${input}': ragged array: element ${path} is an array but elements before it are scalars (shape ${shapeText(shape)})`,
        );
      }
      return undefined;
    }
    if (!Array.isArray(v)) {
      return new BadRequest(
        `input '${input}': ragged array: expected an array of length ${shape[depth]} at ${path || 'the top level'}, received ${describe(v)}`,
      );
    }
    if (v.length !== shape[depth]) {
      return new BadRequest(
        `input '${input}': ragged array: expected length ${shape[depth]} at ${path || 'the top level'}, received length ${v.length}`,
      );
    }
    for (let i = 0; i < v.length; i++) {
      const e = find(v[i], depth + 1, `${path}[${i}]`);
      if (e) return e;
    }
    return undefined;
  };
  return find(value, 0, '') ?? new BadRequest(`input '${input}': ragged array`);
}

/** Checks `dims` against the signature; the error names the input, expected and received shapes. */
export function checkShape(spec: TensorSpec, dims: readonly number[]): void {
  if (!fitsSignature(spec, dims)) {
    throw new BadRequest(
      `input '${spec.name}': wrong shape: expected ${shapeText(spec.shape)} (-1 is any size), received [${dims.join(', ')}]`,
    );
  }
}

function typeError(spec: TensorSpec, index: number, v: unknown, what: string): BadRequest {
  return new BadRequest(
    `input '${spec.name}': wrong dtype at element ${index}: expected ${what} (${spec.type}), received ${describe(v)}`,
  );
}

/** Builds typed data for `spec` from flat JSON elements, validating each element. */
export function toTypedData(spec: TensorSpec, flat: readonly unknown[]): TensorData {
  const n = flat.length;
  switch (spec.type) {
    case 'float32':
    case 'float64':
    case 'float16': {
      const max = spec.type === 'float16' ? FLOAT16_MAX : NUMBER_RANGES[spec.type][1];
      const out = new ARRAY_OF[spec.type](n);
      for (let i = 0; i < n; i++) {
        const v = flat[i];
        if (typeof v !== 'number') throw typeError(spec, i, v, 'a number');
        // NaN and ±Infinity are values of every float type (Python's json.dumps writes them,
        // TF Serving takes them); a finite number the type cannot hold is an error.
        if (Number.isFinite(v) && Math.abs(v) > max) {
          throw new BadRequest(
            `input '${spec.name}': element ${i} is ${v}, outside the finite range of ${spec.type}`,
          );
        }
        out[i] = spec.type === 'float16' ? toHalfBits(v) : v;
      }
      return out;
    }
    case 'int8':
    case 'uint8':
    case 'int16':
    case 'uint16':
    case 'int32':
    case 'uint32': {
      const [lo, hi] = NUMBER_RANGES[spec.type];
      const out = new ARRAY_OF[spec.type](n);
      for (let i = 0; i < n; i++) {
        const v = flat[i];
        if (typeof v !== 'number' || !Number.isInteger(v))
          throw typeError(spec, i, v, 'an integer');
        if (v < lo || v > hi)
          throw new BadRequest(
            `input '${spec.name}': element ${i} is ${v}, outside the range of ${spec.type} [${lo}, ${hi}]`,
          );
        out[i] = v;
      }
      return out;
    }
    case 'int64':
    case 'uint64': {
      const out = spec.type === 'int64' ? new BigInt64Array(n) : new BigUint64Array(n);
      const [lo, hi] = spec.type === 'int64' ? [INT64_MIN, INT64_MAX] : [0n, UINT64_MAX];
      for (let i = 0; i < n; i++) {
        const v = flat[i];
        let b: bigint;
        if (typeof v === 'number' && Number.isSafeInteger(v)) b = BigInt(v);
        // Beyond 2^53 a JSON number has already lost precision, so exact values come as decimal strings.
        else if (typeof v === 'string' && DECIMAL.test(v)) b = BigInt(v);
        else if (typeof v === 'number' && Number.isInteger(v)) {
          throw new BadRequest(
            `input '${spec.name}': element ${i} is ${v}, beyond 2^53 where JSON numbers are inexact; send it as a decimal string, e.g. "${BigInt(v)}"`,
          );
        } else throw typeError(spec, i, v, 'an integer');
        if (b < lo || b > hi)
          throw new BadRequest(
            `input '${spec.name}': element ${i} is ${b}, outside the range of ${spec.type}`,
          );
        out[i] = b;
      }
      return out;
    }
    case 'bool': {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const v = flat[i];
        if (typeof v !== 'boolean') throw typeError(spec, i, v, 'true or false');
        out[i] = v ? 1 : 0;
      }
      return out;
    }
    case 'string': {
      const out: string[] = new Array<string>(n);
      for (let i = 0; i < n; i++) {
        const v = flat[i];
        if (typeof v === 'string') out[i] = v;
        else if (isB64(v)) out[i] = fromB64(spec, i, v.b64);
        else throw typeError(spec, i, v, 'a string or {"b64": …}');
      }
      return out;
    }
  }
}

const BASE64 =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

/** TF Serving's `{"b64": "..."}`: bytes for a DT_STRING input, base64-encoded. */
export function isB64(v: unknown): v is { b64: unknown } {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.hasOwn(v, 'b64') &&
    Object.keys(v).length === 1
  );
}

function fromB64(spec: TensorSpec, index: number, b64: unknown): string {
  if (typeof b64 !== 'string' || !BASE64.test(b64))
    throw new BadRequest(
      `input '${spec.name}': element ${index}: {"b64": …} must hold standard base64 (A–Z, a–z, 0–9, +, /, = padding), received ${describe(b64)}`,
    );
  return Buffer.from(b64, 'base64').toString('utf8');
}

/** The shape of a nested array from its first elements; undefined when deeper than any tensor or empty somewhere. */
function probeShape(value: unknown[]): number[] | undefined {
  const shape: number[] = [];
  let probe: unknown = value;
  while (Array.isArray(probe)) {
    if (probe.length === 0 || shape.length === MAX_RANK) return undefined;
    shape.push(probe.length);
    probe = probe[0];
  }
  return shape;
}

function fitsSignature(spec: TensorSpec, dims: readonly number[]): boolean {
  if (spec.shape.length !== dims.length) return false;
  for (let i = 0; i < dims.length; i++) {
    const d = spec.shape[i];
    if (typeof d === 'number' && d !== dims[i]) return false;
  }
  return true;
}

/** The typed arrays that hold JavaScript numbers (not BigInts, not strings). */
type NumericArray = Exclude<TensorData, BigInt64Array | BigUint64Array | string[]>;

/** Copies a nested array of numbers within [lo, hi] (integers if `integer`) into `out` from `at`; -1 at the first surprise. */
function fill(
  out: NumericArray,
  v: unknown[],
  shape: readonly number[],
  depth: number,
  at: number,
  lo: number,
  hi: number,
  integer: boolean,
): number {
  const size = shape[depth]!;
  if (v.length !== size) return -1;
  if (depth === shape.length - 1) {
    for (let i = 0; i < size; i++) {
      const x = v[i];
      // The range test is false for NaN and ±Infinity as well.
      if (typeof x !== 'number' || !(x >= lo && x <= hi) || (integer && !Number.isInteger(x)))
        return -1;
      out[at++] = x;
    }
    return at;
  }
  for (let i = 0; i < size; i++) {
    const child = v[i];
    if (!Array.isArray(child)) return -1;
    at = fill(out, child, shape, depth + 1, at, lo, hi, integer);
    if (at < 0) return -1;
  }
  return at;
}

/**
 * The common case in one pass, without an intermediate flat array: a
 * well-formed nested array of in-range numbers for a float32/float64 or
 * 8–32-bit integer input, whose shape fits the signature, goes straight into
 * its typed array. Anything else returns undefined, and the general path
 * (flatten, checkShape, toTypedData) handles it or names the exact error.
 * `dims` is the tensor's shape: the nesting itself, or what a KServe request declares.
 */
function fastNumeric(
  spec: TensorSpec,
  value: unknown,
  dims?: readonly number[],
): HostTensor | undefined {
  if (!Array.isArray(value)) return undefined;
  const nesting = probeShape(value);
  if (!nesting) return undefined;
  const shape = dims ?? nesting;
  if (!fitsSignature(spec, shape)) return undefined;
  let n = 1;
  for (const d of shape) n *= d;
  // A ragged array can claim far more elements than it holds: large inputs take the path that counts first.
  if (n > FAST_MAX_ELEMENTS) return undefined;
  if (dims) {
    // KServe: flat data of the declared size, or nested exactly as declared.
    if (nesting.length === 1 ? nesting[0] !== n : nesting.join(',') !== dims.join(','))
      return undefined;
  }
  if (!Object.hasOwn(NUMBER_RANGES, spec.type)) return undefined;
  const type = spec.type as PlainNumberType;
  const [lo, hi, integer] = NUMBER_RANGES[type];
  const out: NumericArray = new ARRAY_OF[type](n);
  if (fill(out, value, nesting, 0, 0, lo, hi, integer) !== n) return undefined;
  return { type: spec.type, data: out, dims: [...shape] };
}

/** A nested JSON value (row-major) to a validated tensor. */
export function fromNested(spec: TensorSpec, value: unknown): HostTensor {
  const fast = fastNumeric(spec, value);
  if (fast) return fast;
  const { shape, flat } = flatten(spec.name, value);
  checkShape(spec, shape);
  return { type: spec.type, data: toTypedData(spec, flat), dims: shape };
}

/** Flat (or nested) data plus an explicit shape, as KServe V2 sends it. */
export function fromFlat(spec: TensorSpec, shape: readonly number[], value: unknown): HostTensor {
  const fast = fastNumeric(spec, value, shape);
  if (fast) return fast;
  const { shape: nestedShape, flat } = flatten(spec.name, value);
  if (nestedShape.length > 1 && nestedShape.join(',') !== shape.join(',')) {
    throw new BadRequest(
      `input '${spec.name}': nested data has shape [${nestedShape.join(', ')}] but the request says [${shape.join(', ')}]`,
    );
  }
  const expected = shape.reduce((a, b) => a * b, 1);
  if (flat.length !== expected) {
    throw new BadRequest(
      `input '${spec.name}': data has ${flat.length} elements but shape [${shape.join(', ')}] needs ${expected}`,
    );
  }
  checkShape(spec, shape);
  return { type: spec.type, data: toTypedData(spec, flat), dims: [...shape] };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 binary16 bits of a finite number (round to nearest even). */
export function toHalfBits(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rem > mid || (rem === mid && half & 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half++;
  return sign | half;
}

export function fromHalfBits(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}
