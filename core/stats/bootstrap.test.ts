import { describe, expect, it } from 'vitest';
import {
  meanDeltaStatistic,
  pairedBootstrap,
  pairedBootstrapMany,
  pairedMeanDelta,
  percentile,
} from './bootstrap.js';
import { mulberry32 } from './random.js';

describe('mulberry32', () => {
  it('matches an independent Python implementation of the same generator', () => {
    // Computed with a line-by-line Python port of mulberry32 (/usr/bin/python3), seed 42.
    const random = mulberry32(42);
    expect([random(), random(), random()]).toEqual([
      0.6011037519201636, 0.44829055899754167, 0.8524657934904099,
    ]);
  });
});

describe('pairedMeanDelta', () => {
  it('reproduces a numpy computation of the same seeded bootstrap (grid values)', () => {
    // Python: base[i] = 0 if i%4==0 else 1, head[i] = 0 if i%5==0 else 1 (n=40),
    // resample indices floor(mulberry32(7)()*n), B=1000, np.percentile(deltas, [2.5, 97.5]).
    const base = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? 0 : 1));
    const head = Array.from({ length: 40 }, (_, i) => (i % 5 === 0 ? 0 : 1));
    const ci = pairedMeanDelta(base, head, { seed: 7, resamples: 1000 });
    expect(ci.estimate).toBeCloseTo(0.05, 12);
    expect(ci.low).toBeCloseTo(-0.15, 12);
    expect(ci.high).toBeCloseTo(0.225, 12);
  });

  it('reproduces numpy with interpolated percentiles (continuous values)', () => {
    // Python: base = |sin(i)|, head = 0.5*|cos(i)|, n=25, seed 2024, B=999 (percentile positions
    // fall between order statistics, so numpy's linear interpolation is exercised).
    const base = Array.from({ length: 25 }, (_, i) => Math.abs(Math.sin(i)));
    const head = Array.from({ length: 25 }, (_, i) => Math.abs(Math.cos(i)) * 0.5);
    const ci = pairedMeanDelta(base, head, { seed: 2024, resamples: 999 });
    expect(ci.estimate).toBeCloseTo(-0.31109623462622943, 12);
    expect(ci.low).toBeCloseTo(-0.4937689209910769, 12);
    expect(ci.high).toBeCloseTo(-0.11900055615514571, 12);
  });

  it('agrees with the normal approximation on a large sample', () => {
    // 2,000 examples; the head fixes 100 and breaks 40 → delta 0.03; var of d ≈ (140/2000 − 0.03²).
    const n = 2000;
    const base = Array.from({ length: n }, (_, i) => (i < 100 ? 0 : 1));
    const head = Array.from({ length: n }, (_, i) => (i >= 100 && i < 140 ? 0 : 1));
    const ci = pairedMeanDelta(base, head, { seed: 1, resamples: 4000 });
    const sd = Math.sqrt((140 / n - 0.03 ** 2) / n);
    expect(ci.estimate).toBeCloseTo(0.03, 12);
    expect(ci.low).toBeCloseTo(0.03 - 1.96 * sd, 2);
    expect(ci.high).toBeCloseTo(0.03 + 1.96 * sd, 2);
  });

  it('is deterministic for a seed and changes with it', () => {
    const base = [1, 0, 1, 1, 0, 1, 0, 1];
    const head = [1, 1, 1, 0, 1, 1, 0, 1];
    expect(pairedMeanDelta(base, head, { seed: 3 })).toEqual(
      pairedMeanDelta(base, head, { seed: 3 }),
    );
    expect(pairedMeanDelta(base, head, { seed: 3 }).low).not.toBe(
      pairedMeanDelta(base, head, { seed: 4, resamples: 50 }).low,
    );
  });

  it('gives several statistics over shared resamples exactly their separate intervals', () => {
    const a = Array.from({ length: 60 }, (_, i) => Math.abs(Math.sin(i)));
    const b = Array.from({ length: 60 }, (_, i) => Math.abs(Math.cos(i)));
    const c = Array.from({ length: 60 }, (_, i) => (i % 7) / 7);
    const options = { seed: 11, resamples: 300 };
    const [ab, ac] = pairedBootstrapMany(
      60,
      [meanDeltaStatistic(a, b), meanDeltaStatistic(a, c)],
      options,
    );
    expect(ab).toEqual(pairedMeanDelta(a, b, options));
    expect(ac).toEqual(pairedMeanDelta(a, c, options));
  });

  it('rejects unpaired or empty samples', () => {
    expect(() => pairedMeanDelta([1, 0], [1])).toThrow(RangeError);
    expect(() => pairedBootstrap(0, () => 0)).toThrow(RangeError);
  });
});

describe('percentile', () => {
  it.each([
    [0, 1],
    [1, 5],
    [0.5, 3],
    [0.1, 1.4],
  ])('q=%s → %s', (q, expected) => {
    expect(percentile([1, 2, 3, 4, 5], q)).toBeCloseTo(expected, 12);
  });
});
