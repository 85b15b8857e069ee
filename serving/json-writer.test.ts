import { describe, expect, it } from 'vitest';
import type { OutputView } from './batching/batcher.js';
import { writeJson } from './json-response.js';
import { toHalfBits } from './half-float.js';
import { mulberry32 as random } from '../core/stats/random.js';

const text = (write: Parameters<typeof writeJson>[0]): string => writeJson(write).toString('utf8');
const float32Text = (v: number): string => text((w) => w.float32(v));

/** The fewest significant digits that read back as the float32 `v`, the slow and obvious way. */
function shortestFloat32(v: number): string {
  for (let p = 1; p <= 9; p++) {
    const x = Number(v.toPrecision(p));
    if (Math.fround(x) === v) return String(x);
  }
  throw new Error(`no 9-digit form for ${v}`);
}

const view = (
  type: string,
  data: ArrayLike<unknown>,
  dims: number[],
  start = 0,
  end = start + dims.reduce((a, b) => a * b, 1),
): OutputView => ({
  type,
  data,
  dims,
  start,
  end,
});

describe('float32', () => {
  it.each([
    [0.5, '0.5'],
    [0.1, '0.1'],
    [1, '1'],
    [-2.5, '-2.5'],
    [100, '100'],
    [123456789, '123456790'],
    [16777216, '16777216'],
    [0.000001, '0.000001'],
    [1e-7, '1e-7'],
    [1e21, '1e+21'],
    [1.4514144e-8, '1.4514144e-8'],
    [0.9815861582756042, '0.98158616'],
    [3.4028234663852886e38, '3.4028235e+38'],
    [1.401298464324817e-45, '1e-45'],
    [-0, '0'],
    [NaN, 'null'],
    [Infinity, 'null'],
    [-Infinity, 'null'],
  ])('%s → %s', (value, expected) => {
    expect(float32Text(Math.fround(value))).toBe(expected);
  });

  it('reads back as the same float32, in as few digits as possible, over every magnitude', () => {
    const next = random(42);
    const bits = new Uint32Array(1);
    const asFloat = new Float32Array(bits.buffer);
    for (let i = 0; i < 20_000; i++) {
      // Half uniform bit patterns (all exponents, subnormals), half log-uniform magnitudes around 1.
      if (i % 2 === 0) bits[0] = Math.floor(next() * 2 ** 32);
      else asFloat[0] = (next() < 0.5 ? -1 : 1) * 10 ** (next() * 40 - 20);
      const v = asFloat[0]!;
      if (!Number.isFinite(v) || v === 0) continue;
      const t = float32Text(v);
      expect(Math.fround(JSON.parse(t) as number), t).toBe(v);
      expect(t, `${v}`).toBe(v < 0 ? `-${shortestFloat32(-v)}` : shortestFloat32(v));
    }
  });
});

describe('numbers, integers, booleans, strings', () => {
  it('writes float64 and small integers as JSON.stringify does, non-finite as null', () => {
    for (const v of [
      0,
      -0,
      1,
      -1,
      7,
      10,
      99,
      2147483647,
      -2147483648,
      2 ** 31,
      0.1,
      -1e308,
      5e-324,
      1e21,
      123.456,
      NaN,
      Infinity,
      -Infinity,
    ]) {
      expect(text((w) => w.number(v))).toBe(JSON.stringify(v));
    }
  });

  it('writes int64 and uint64 as exact digits', () => {
    const data = new BigInt64Array([
      0n,
      -1n,
      2n ** 31n,
      -(2n ** 63n),
      2n ** 63n - 1n,
      2n ** 53n + 1n,
    ]);
    expect(text((w) => w.flat(view('int64', data, [6])))).toBe(
      '[0,-1,2147483648,-9223372036854775808,9223372036854775807,9007199254740993]',
    );
    const unsigned = new BigUint64Array([2n ** 64n - 1n, 3n]);
    expect(text((w) => w.flat(view('uint64', unsigned, [2])))).toBe('[18446744073709551615,3]');
    // Within 2^53 a client's JSON.parse reads the same value.
    expect(JSON.parse(text((w) => w.bigint(-(2n ** 53n) + 1n)))).toBe(-(2 ** 53) + 1);
  });

  it('escapes strings as JSON.stringify does', () => {
    const strings = [
      'plain',
      '',
      '"quoted"',
      'back\\slash',
      'line\nbreak\ttab\u0000nul\u001f',
      'ünïcødé ✓ 😀',
      '\ud800 lone surrogate',
      '</script>',
    ];
    const data = text((w) => w.flat(view('string', strings, [strings.length])));
    expect(data).toBe(JSON.stringify(strings));
    expect(JSON.parse(data)).toEqual(strings);
    expect(text((w) => w.key('naïve "key"').raw('1'))).toBe('"naïve \\"key\\"":1');
  });

  it('writes booleans and float16', () => {
    expect(text((w) => w.flat(view('bool', new Uint8Array([1, 0, 2]), [3])))).toBe(
      '[true,false,true]',
    );
    const halves = new Uint16Array([0.5, -2, 65504, 0.0999755859375].map(toHalfBits));
    expect(text((w) => w.flat(view('float16', halves, [4])))).toBe(
      '[0.5,-2,65504,0.0999755859375]',
    );
  });
});

describe('tensors', () => {
  // A batch of 3 rows × [2, 2]; the request owns rows 1 and 2.
  const data = Float32Array.from({ length: 12 }, (_, i) => i + 0.5);
  const mine = view('float32', data, [2, 2, 2], 4, 12);

  it('nests a slice of a batch by its dims', () => {
    expect(JSON.parse(text((w) => w.nested(mine)))).toEqual([
      [
        [4.5, 5.5],
        [6.5, 7.5],
      ],
      [
        [8.5, 9.5],
        [10.5, 11.5],
      ],
    ]);
  });

  it('writes flat data and single rows', () => {
    expect(text((w) => w.flat(mine))).toBe('[4.5,5.5,6.5,7.5,8.5,9.5,10.5,11.5]');
    expect(text((w) => w.row(mine, 1))).toBe('[[8.5,9.5],[10.5,11.5]]');
    const labels = view('int64', new BigInt64Array([7n, 8n, 9n]), [2], 1, 3);
    expect(text((w) => w.row(labels, 1))).toBe('9');
  });

  it('writes a scalar tensor as a bare value', () => {
    expect(text((w) => w.nested(view('float32', new Float32Array([0.25]), [])))).toBe('0.25');
  });

  it('grows past its scratch buffer, and each result is a copy of its own', () => {
    const big = Float32Array.from({ length: 200_000 }, (_, i) => i / 7);
    const large = writeJson((w) => w.flat(view('float32', big, [big.length])));
    expect(large.length).toBeGreaterThan(1024 * 1024);
    const small = writeJson((w) => w.raw('[1,2,3]'));
    expect(small.toString()).toBe('[1,2,3]');
    // Small results share 128 KiB slabs (these fill three): none may overwrite another.
    const many = Array.from({ length: 20_000 }, (_, i) => writeJson((w) => w.raw(`{"i":${i}}`)));
    many.forEach((b, i) => expect(b.toString()).toBe(`{"i":${i}}`));
    expect(small.toString()).toBe('[1,2,3]');
    const parsed = JSON.parse(large.toString()) as number[];
    expect(parsed).toHaveLength(big.length);
    parsed.forEach((x, i) => {
      if (Math.fround(x) !== big[i])
        throw new Error(`element ${i}: ${x} does not read back as ${big[i]}`);
    });
  });
});
