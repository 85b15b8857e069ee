import { describe, expect, it } from 'vitest';
import { HttpError } from './http-error.js';
import { flatten, fromFlat, fromHalfBits, fromNested, nest, stringify, toHalfBits, toJsonElements } from './tensors.js';
import type { TensorSpec } from './tensors.js';

const f32: TensorSpec = { name: 'x', type: 'float32', shape: [null, 4] };

function error(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(400);
    return (err as Error).message;
  }
  throw new Error('expected an error');
}

describe('flatten', () => {
  it('infers shapes row-major', () => {
    expect(flatten('x', [[1, 2], [3, 4], [5, 6]])).toEqual({ shape: [3, 2], flat: [1, 2, 3, 4, 5, 6] });
    expect(flatten('x', 7)).toEqual({ shape: [], flat: [7] });
    expect(flatten('x', [])).toEqual({ shape: [0], flat: [] });
  });
  it.each([
    [[[1, 2], [3]], "input 'x': ragged array: expected length 2 at [1], received length 1"],
    [[[1, 2], 3], "input 'x': ragged array: expected an array of length 2 at [1], received the number 3"],
    [[1, [2]], "input 'x': ragged array: element [1] is an array but elements before it are scalars (shape [2])"],
  ])('rejects ragged %j', (value, message) => {
    expect(error(() => flatten('x', value))).toBe(message);
  });
});

describe('fromNested', () => {
  it('builds typed data and checks the signature', () => {
    const t = fromNested(f32, [[1, 2, 3, 4]]);
    expect(t.dims).toEqual([1, 4]);
    expect(Array.from(t.data as Float32Array)).toEqual([1, 2, 3, 4]);
    expect(error(() => fromNested(f32, [1, 2, 3, 4]))).toBe("input 'x': wrong shape: expected [-1, 4] (-1 is any size), received [4]");
    expect(error(() => fromNested(f32, [[1, 2, 3, '4']]))).toBe(`input 'x': wrong dtype at element 3: expected a number (float32), received the string "4"`);
    expect(error(() => fromNested(f32, [[1, 2, 3, 1e39]]))).toMatch(/outside the finite range of float32/);
    expect(error(() => fromNested(f32, [[1, 2, 3, Infinity]]))).toMatch(/element 3 is Infinity/);
  });
  it('takes int64 beyond 2^53 only as decimal strings', () => {
    const spec: TensorSpec = { name: 'n', type: 'int64', shape: [null] };
    expect(Array.from(fromNested(spec, [1, '9223372036854775807']).data as BigInt64Array)).toEqual([1n, 9223372036854775807n]);
    expect(error(() => fromNested(spec, [2 ** 60]))).toMatch(/beyond 2\^53 .* send it as a decimal string, e.g. "1152921504606846976"/);
    expect(error(() => fromNested(spec, ['9223372036854775808']))).toMatch(/outside the range of int64/);
    expect(error(() => fromNested(spec, [1.5]))).toMatch(/expected an integer \(int64\)/);
  });
});

describe('fromFlat', () => {
  it('checks element count and nested shape', () => {
    expect(fromFlat(f32, [2, 4], [1, 2, 3, 4, 5, 6, 7, 8]).dims).toEqual([2, 4]);
    expect(error(() => fromFlat(f32, [2, 4], [1, 2, 3]))).toBe("input 'x': data has 3 elements but shape [2, 4] needs 8");
    expect(error(() => fromFlat(f32, [1, 4], [[[1, 2, 3, 4]]]))).toMatch(/nested data has shape \[1, 1, 4\]/);
  });
});

describe('outputs', () => {
  it('keeps int64 exact in JSON and nests by dims', () => {
    const data = new BigInt64Array([1n, -(2n ** 63n), 2n ** 53n + 1n, 0n]);
    const flat = toJsonElements('int64', data);
    expect(flat[0]).toBe(1);
    expect(stringify({ v: nest(flat, [2, 2]) })).toBe('{"v":[[1,-9223372036854775808],[9007199254740993,0]]}');
    expect(stringify({ s: '__cd4ml_bigint_"' })).toBe('{"s":"__cd4ml_bigint_\\""}');
    expect(toJsonElements('bool', new Uint8Array([1, 0]))).toEqual([true, false]);
  });
  it('converts float16 both ways', () => {
    for (const v of [0, 1, -2, 0.5, 65504, 6.103515625e-5, 5.960464477539063e-8]) expect(fromHalfBits(toHalfBits(v))).toBe(v);
    expect(fromHalfBits(toHalfBits(0.1))).toBeCloseTo(0.1, 3);
  });
});
