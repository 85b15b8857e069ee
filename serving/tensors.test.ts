import { describe, expect, it } from 'vitest';
import { HttpError } from './http-error.js';
import { fromHalfBits, toHalfBits } from './half-float.js';
import { fromFlat, fromNested } from './json-tensors.js';
import { checkShape, flatten, toTypedData } from './tensor-checks.js';
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
    expect(
      flatten('x', [
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
    ).toEqual({ shape: [3, 2], flat: [1, 2, 3, 4, 5, 6] });
    expect(flatten('x', 7)).toEqual({ shape: [], flat: [7] });
    expect(flatten('x', [])).toEqual({ shape: [0], flat: [] });
  });
  it.each([
    [[[1, 2], [3]], "input 'x': ragged array: expected length 2 at [1], received length 1"],
    [
      [[1, 2], 3],
      "input 'x': ragged array: expected an array of length 2 at [1], received the number 3",
    ],
    [
      [1, [2]],
      "input 'x': ragged array: element [1] is an array but elements before it are scalars (shape [2])",
    ],
  ])('rejects ragged %j', (value, message) => {
    expect(error(() => flatten('x', value))).toBe(message);
  });
});

describe('fromNested', () => {
  it('builds typed data and checks the signature', () => {
    const t = fromNested(f32, [[1, 2, 3, 4]]);
    expect(t.dims).toEqual([1, 4]);
    expect(Array.from(t.data as Float32Array)).toEqual([1, 2, 3, 4]);
    expect(error(() => fromNested(f32, [1, 2, 3, 4]))).toBe(
      "input 'x': wrong shape: expected [-1, 4] (-1 is any size), received [4]",
    );
    expect(error(() => fromNested(f32, [[1, 2, 3, '4']]))).toBe(
      `input 'x': wrong dtype at element 3: expected a number (float32), received the string "4"`,
    );
    expect(error(() => fromNested(f32, [[1, 2, 3, 1e39]]))).toMatch(
      /outside the finite range of float32/,
    );
    // NaN and ±Infinity are float values (Python's json.dumps writes them).
    const nonFinite = fromNested(f32, [[NaN, Infinity, -Infinity, 1]]).data as Float32Array;
    expect(Array.from(nonFinite)).toEqual([NaN, Infinity, -Infinity, 1]);
  });
  it('takes int64 beyond 2^53 only as decimal strings', () => {
    const spec: TensorSpec = { name: 'n', type: 'int64', shape: [null] };
    expect(Array.from(fromNested(spec, [1, '9223372036854775807']).data as BigInt64Array)).toEqual([
      1n,
      9223372036854775807n,
    ]);
    expect(error(() => fromNested(spec, [2 ** 60]))).toMatch(
      /beyond 2\^53 .* send it as a decimal string, e.g. "1152921504606846976"/,
    );
    expect(error(() => fromNested(spec, ['9223372036854775808']))).toMatch(
      /outside the range of int64/,
    );
    expect(error(() => fromNested(spec, [1.5]))).toMatch(/expected an integer \(int64\)/);
  });
});

describe('fromNested: the one-pass path agrees with flatten + toTypedData', () => {
  // The reference: the general path, step by step.
  const reference = (spec: TensorSpec, value: unknown) => {
    const { shape, flat } = flatten(spec.name, value);
    checkShape(spec, shape);
    return { type: spec.type, data: toTypedData(spec, flat), dims: shape };
  };
  const rows = (n: number, f: (i: number, j: number) => number) =>
    Array.from({ length: n }, (_, i) => [0, 1, 2].map((j) => f(i, j)));
  it.each([
    ['float32', rows(5, (i, j) => (i - 2) * 1.1 + j / 3)],
    ['float64', rows(5, (i, j) => (i - 2) * 1e300 + j)],
    ['int8', rows(3, (i, j) => [-128, 127, 5][(i + j) % 3]!)],
    ['uint8', rows(3, (i, j) => [0, 255, 7][(i + j) % 3]!)],
    ['int16', rows(3, (i, j) => [-32768, 32767, 0][(i + j) % 3]!)],
    ['uint16', rows(3, (i, j) => [0, 65535, 9][(i + j) % 3]!)],
    ['int32', rows(3, (i, j) => [-2147483648, 2147483647, 1][(i + j) % 3]!)],
    ['uint32', rows(3, (i, j) => [0, 4294967295, 3][(i + j) % 3]!)],
  ] as const)('%s: same data and dims', (type, value) => {
    const spec: TensorSpec = { name: 'x', type, shape: [null, 3] };
    const got = fromNested(spec, value);
    const want = reference(spec, value);
    expect(got.dims).toEqual(want.dims);
    expect(got.data.constructor).toBe(want.data.constructor);
    expect(Array.from(got.data as Float64Array)).toEqual(Array.from(want.data as Float64Array));
  });
  it.each<[string, TensorSpec, unknown, string]>([
    [
      'ragged in the last row',
      f32,
      [
        [1, 2, 3, 4],
        [1, 2, 3],
      ],
      "input 'x': ragged array: expected length 4 at [1], received length 3",
    ],
    [
      'a string in the last row',
      f32,
      [
        [1, 2, 3, 4],
        [1, 2, 3, '4'],
      ],
      `input 'x': wrong dtype at element 7: expected a number (float32), received the string "4"`,
    ],
    [
      'overflow in the last row',
      f32,
      [
        [1, 2, 3, 4],
        [1, 2, 3, 1e39],
      ],
      "input 'x': element 7 is 1e+39, outside the finite range of float32",
    ],
    [
      'a fraction for an integer',
      { name: 'x', type: 'int32', shape: [null] },
      [1, 2.5],
      "input 'x': wrong dtype at element 1: expected an integer (int32), received the number 2.5",
    ],
    [
      'int8 out of range',
      { name: 'x', type: 'int8', shape: [null] },
      [1, 128],
      "input 'x': element 1 is 128, outside the range of int8 [-128, 127]",
    ],
    [
      'a fixed dimension',
      { name: 'x', type: 'float32', shape: [null, 3] },
      [[1, 2, 3, 4]],
      "input 'x': wrong shape: expected [-1, 3] (-1 is any size), received [1, 4]",
    ],
  ])('%s: the general path names it', (_case, spec, value, message) => {
    expect(error(() => fromNested(spec, value))).toBe(message);
  });
  it('does not trust the first row to size a ragged array', () => {
    // 100,000 rows × a first row of 100,000 would be 10^10 elements, more than a typed array can hold; the array holds 199,999.
    const value: unknown[] = [
      Array.from({ length: 100_000 }, () => 1),
      ...Array.from({ length: 99_999 }, () => [1]),
    ];
    const spec: TensorSpec = { name: 'x', type: 'float32', shape: [null, null] };
    expect(error(() => fromNested(spec, value))).toBe(
      "input 'x': ragged array: expected length 100000 at [1], received length 1",
    );
  });
});

describe('fromFlat', () => {
  it('checks element count and nested shape', () => {
    expect(fromFlat(f32, [2, 4], [1, 2, 3, 4, 5, 6, 7, 8]).dims).toEqual([2, 4]);
    expect(error(() => fromFlat(f32, [2, 4], [1, 2, 3]))).toBe(
      "input 'x': data has 3 elements but shape [2, 4] needs 8",
    );
    expect(error(() => fromFlat(f32, [1, 4], [[[1, 2, 3, 4]]]))).toMatch(
      /nested data has shape \[1, 1, 4\]/,
    );
    expect(
      Array.from(
        fromFlat(
          f32,
          [2, 4],
          [
            [1, 2, 3, 4],
            [5, 6, 7, 8],
          ],
        ).data as Float32Array,
      ),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(error(() => fromFlat(f32, [2, 4], [[1, 2, 3, 4, 5, 6, 7, 8]]))).toBe(
      "input 'x': nested data has shape [1, 8] but the request says [2, 4]",
    );
    expect(error(() => fromFlat(f32, [2, 2], [1, 2, 3, 4]))).toBe(
      "input 'x': wrong shape: expected [-1, 4] (-1 is any size), received [2, 2]",
    );
    expect(error(() => fromFlat(f32, [1, 4], [1, 2, 3, 1e39]))).toBe(
      "input 'x': element 3 is 1e+39, outside the finite range of float32",
    );
    // A declared size the data does not have is never allocated.
    expect(error(() => fromFlat(f32, [1_000_000_000, 4], [1, 2, 3, 4]))).toBe(
      "input 'x': data has 4 elements but shape [1000000000, 4] needs 4000000000",
    );
  });
});

describe('float16', () => {
  it('converts both ways', () => {
    for (const v of [0, 1, -2, 0.5, 65504, 6.103515625e-5, 5.960464477539063e-8])
      expect(fromHalfBits(toHalfBits(v))).toBe(v);
    expect(fromHalfBits(toHalfBits(0.1))).toBeCloseTo(0.1, 3);
  });
});
