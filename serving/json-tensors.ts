import { BadRequest } from './http-error.js';
import {
  MAX_RANK,
  NUMBER_RANGES,
  checkShape,
  fitsSignature,
  flatten,
  isB64,
  toTypedData,
} from './tensor-checks.js';
import type { PlainNumberType } from './tensor-checks.js';
import { ARRAY_OF } from './tensors.js';
import type { HostTensor, TensorData, TensorSpec } from './tensors.js';

/** JSON values (nested rows, or KServe's flat data with a shape) to validated tensors. */

const FAST_MAX_ELEMENTS = 1 << 20;

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
  refuseB64(spec, flat);
  checkShape(spec, shape);
  return { type: spec.type, data: toTypedData(spec, flat), dims: shape };
}

/**
 * `{"b64": …}` is TF Serving's form for bytes, so only a string input takes it; said before
 * the shape check, which would otherwise count each object as one element of the wrong shape.
 */
function refuseB64(spec: TensorSpec, flat: readonly unknown[]): void {
  if (spec.type === 'string') return;
  const at = flat.findIndex(isB64);
  if (at >= 0)
    throw new BadRequest(
      `input '${spec.name}' is ${spec.type}: element ${at} is {"b64": …}, which carries bytes for string (DT_STRING) inputs only; send its values as numbers`,
    );
}

/** Flat (or nested) data plus an explicit shape, as KServe V2 sends it. */
export function fromFlat(spec: TensorSpec, shape: readonly number[], value: unknown): HostTensor {
  const fast = fastNumeric(spec, value, shape);
  if (fast) return fast;
  const { shape: nestedShape, flat } = flatten(spec.name, value);
  refuseB64(spec, flat);
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
