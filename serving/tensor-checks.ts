import { BadRequest } from './http-error.js';
import { toHalfBits } from './half-float.js';
import { ARRAY_OF } from './tensors.js';
import type { Dim, TensorData, TensorSpec } from './tensors.js';

/**
 * Every value a client sends is checked here against the model's signature, so that
 * no malformed value ever reaches native code: dtype, rank, fixed dimensions, ragged
 * arrays, numeric ranges.
 */

const FLOAT32_MAX = 3.4028234663852886e38;
const FLOAT16_MAX = 65504;
/**
 * The element types whose values are JSON numbers stored as they are: [lowest, highest,
 * integers only]. (float16 is stored as its bits; int64 and uint64 as BigInts.)
 */
export const NUMBER_RANGES = {
  float32: [-FLOAT32_MAX, FLOAT32_MAX, false],
  float64: [-Number.MAX_VALUE, Number.MAX_VALUE, false],
  int8: [-128, 127, true],
  uint8: [0, 255, true],
  int16: [-32768, 32767, true],
  uint16: [0, 65535, true],
  int32: [-2147483648, 2147483647, true],
  uint32: [0, 4294967295, true],
} as const;
export type PlainNumberType = keyof typeof NUMBER_RANGES;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const DECIMAL = /^-?\d{1,20}$/;
export const MAX_RANK = 32;

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
  switch (spec.type) {
    case 'float32':
    case 'float64':
    case 'float16':
      return toFloats(spec, spec.type, flat);
    case 'int8':
    case 'uint8':
    case 'int16':
    case 'uint16':
    case 'int32':
    case 'uint32':
      return toSmallInts(spec, spec.type, flat);
    case 'int64':
    case 'uint64':
      return toBigInts(spec, spec.type, flat);
    case 'bool':
      return toBools(spec, flat);
    case 'string':
      return toStrings(spec, flat);
  }
}

function toFloats(
  spec: TensorSpec,
  type: 'float32' | 'float64' | 'float16',
  flat: readonly unknown[],
): TensorData {
  const n = flat.length;
  const max = type === 'float16' ? FLOAT16_MAX : NUMBER_RANGES[type][1];
  const out = new ARRAY_OF[type](n);
  for (let i = 0; i < n; i++) {
    const v = flat[i];
    if (typeof v !== 'number') throw typeError(spec, i, v, 'a number');
    // NaN and ±Infinity are values of every float type (Python's json.dumps writes them,
    // TF Serving takes them); a finite number the type cannot hold is an error.
    if (Number.isFinite(v) && Math.abs(v) > max) {
      throw new BadRequest(
        `input '${spec.name}': element ${i} is ${v}, outside the finite range of ${type}`,
      );
    }
    out[i] = type === 'float16' ? toHalfBits(v) : v;
  }
  return out;
}

function toSmallInts(
  spec: TensorSpec,
  type: 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32',
  flat: readonly unknown[],
): TensorData {
  const n = flat.length;
  const [lo, hi] = NUMBER_RANGES[type];
  const out = new ARRAY_OF[type](n);
  for (let i = 0; i < n; i++) {
    const v = flat[i];
    if (typeof v !== 'number' || !Number.isInteger(v)) throw typeError(spec, i, v, 'an integer');
    if (v < lo || v > hi)
      throw new BadRequest(
        `input '${spec.name}': element ${i} is ${v}, outside the range of ${type} [${lo}, ${hi}]`,
      );
    out[i] = v;
  }
  return out;
}

function toBigInts(
  spec: TensorSpec,
  type: 'int64' | 'uint64',
  flat: readonly unknown[],
): TensorData {
  const n = flat.length;
  const out = type === 'int64' ? new BigInt64Array(n) : new BigUint64Array(n);
  const [lo, hi] = type === 'int64' ? [INT64_MIN, INT64_MAX] : [0n, UINT64_MAX];
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
        `input '${spec.name}': element ${i} is ${b}, outside the range of ${type}`,
      );
    out[i] = b;
  }
  return out;
}

function toBools(spec: TensorSpec, flat: readonly unknown[]): TensorData {
  const n = flat.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = flat[i];
    if (typeof v !== 'boolean') throw typeError(spec, i, v, 'true or false');
    out[i] = v ? 1 : 0;
  }
  return out;
}

function toStrings(spec: TensorSpec, flat: readonly unknown[]): TensorData {
  const n = flat.length;
  const out: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const v = flat[i];
    if (typeof v === 'string') out[i] = v;
    else if (isB64(v)) out[i] = fromB64(spec, i, v.b64);
    else throw typeError(spec, i, v, 'a string or {"b64": …}');
  }
  return out;
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

/** Whether `dims` has the signature's rank and matches each fixed dimension. */
export function fitsSignature(spec: TensorSpec, dims: readonly number[]): boolean {
  if (spec.shape.length !== dims.length) return false;
  for (let i = 0; i < dims.length; i++) {
    const d = spec.shape[i];
    if (typeof d === 'number' && d !== dims[i]) return false;
  }
  return true;
}
