import { describe, expect, it } from 'vitest';
import { mcnemar } from './mcnemar.js';

describe('mcnemar', () => {
  it.each([
    // Wikipedia's McNemar example (b=121, c=59); p from scipy.stats.binomtest(59, 180, 0.5).
    [121, 59, 4.4344492637551645e-6],
    // Small counts; scipy.stats.binomtest(3, 15, 0.5).pvalue.
    [12, 3, 0.03515625],
    [3, 12, 0.03515625],
    // scipy.stats.binomtest(6, 14, 0.5).pvalue.
    [6, 8, 0.79052734375],
  ])('base-only %i, head-only %i → exact p %f', (b, c, p) => {
    expect(mcnemar(b, c).pValue).toBeCloseTo(p, 12);
  });

  it('gives the continuity-corrected chi-square of the textbook example', () => {
    // (|121 − 59| − 1)² / 180
    expect(mcnemar(121, 59).chiSquare).toBeCloseTo(20.672, 3);
  });

  it('is 1 when the models never disagree, and does not underflow for large counts', () => {
    expect(mcnemar(0, 0).pValue).toBe(1);
    expect(mcnemar(5000, 5000).pValue).toBeCloseTo(1, 6);
    const p = mcnemar(5000, 4000).pValue;
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-20);
  });
});
