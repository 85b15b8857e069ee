import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adjustPValues } from './correction.js';
import { categoricalPsi, kolmogorovSf, sketchKs } from './drift.js';
import { parsePredictions } from './prediction-file.js';
import { macroScores } from './slice-metrics.js';
import { compareSlices } from './slices.js';

// Expected values computed by __reference__/reference.py with numpy, scipy and scikit-learn
// (versions in the JSON); regenerate both with the command in its docstring.
const dir = new URL('./__reference__/', import.meta.url);
const ref = JSON.parse(readFileSync(new URL('reference.json', dir), 'utf8')) as {
  corrections: { p: number[]; holm: number[]; bh: number[] };
  slices: Array<{
    column: string;
    value: string;
    rows: number;
    mcnemar_p: number;
    holm: number;
    bh: number;
    [metric: string]: unknown;
  }>;
  macro: { label: number[]; prediction: number[]; [k: string]: unknown };
  kolmogorov: { z: number[]; sf: number[] };
  ks: { base_quantiles: number[]; head_quantiles: number[]; n: number; statistic: number };
  categorical_psi: { base: Record<string, number>; head: Record<string, number>; psi: number };
};

describe('multiple-testing corrections against their definitions', () => {
  it('Holm equals closed testing with Bonferroni', () => {
    const adjusted = adjustPValues(ref.corrections.p, 'holm');
    adjusted.forEach((p, i) => expect(p).toBeCloseTo(ref.corrections.holm[i]!, 12));
  });

  it('Benjamini–Hochberg equals the smallest level that rejects', () => {
    const adjusted = adjustPValues(ref.corrections.p, 'bh');
    adjusted.forEach((p, i) => expect(p).toBeCloseTo(ref.corrections.bh[i]!, 12));
  });

  it('leaves untested slices out of the family', () => {
    expect(adjustPValues([0.01, null, 0.04], 'holm')).toEqual([0.02, null, 0.04]);
  });
});

describe('per-slice metrics against scikit-learn and scipy', () => {
  const read = (name: string) =>
    parsePredictions(readFileSync(new URL(name, dir), 'utf8'), name, ['region', 'device']);
  const result = compareSlices(read('slices-base.csv'), read('slices-head.csv'), {
    columns: ['region', 'device'],
    bootstrap: { resamples: 300 },
  });

  it.each(ref.slices.map((s) => [`${s.column}=${s.value}`, s] as const))(
    '%s',
    (_name, expected) => {
      if (result.kind === 'skipped') throw new Error(result.reason);
      const slice = result.slices.find(
        (s) => s.column === expected.column && s.value === expected.value,
      )!;
      expect(slice.rows).toBe(expected.rows);
      for (const name of ['accuracy', 'precision', 'recall', 'f1']) {
        const metric = slice.metrics.find((m) => m.name === name)!;
        const [base, head] = expected[name] as [number, number];
        expect(metric.base).toBeCloseTo(base, 12);
        expect(metric.head).toBeCloseTo(head, 12);
      }
      const accuracy = slice.metrics.find((m) => m.name === 'accuracy')!;
      expect(accuracy.test).toBe('mcnemar');
      expect(accuracy.pValue).toBeCloseTo(expected.mcnemar_p, 12);
      expect(accuracy.adjusted).toBeCloseTo(expected.holm, 12);
    },
  );

  it('corrects with Benjamini–Hochberg when asked', () => {
    const bh = compareSlices(read('slices-base.csv'), read('slices-head.csv'), {
      columns: ['region', 'device'],
      correction: 'bh',
      bootstrap: { resamples: 300 },
    });
    if (bh.kind === 'skipped') throw new Error(bh.reason);
    for (const expected of ref.slices) {
      const slice = bh.slices.find(
        (s) => s.column === expected.column && s.value === expected.value,
      )!;
      expect(slice.metrics[0]!.adjusted).toBeCloseTo(expected.bh, 12);
    }
  });

  it('macro precision, recall and F1 match scikit-learn', () => {
    const label = Int32Array.from(ref.macro.label);
    const prediction = Int32Array.from(ref.macro.prediction);
    const all = Uint32Array.from(label, (_, i) => i);
    for (const score of macroScores(3)) {
      expect(score.of(all, label, prediction)).toBeCloseTo(ref.macro[score.name] as number, 12);
    }
  });
});

describe('drift statistics against scipy and numpy', () => {
  it('the Kolmogorov tail matches scipy.stats.kstwobign.sf', () => {
    ref.kolmogorov.z.forEach((z, i) =>
      expect(kolmogorovSf(z)).toBeCloseTo(ref.kolmogorov.sf[i]!, 10),
    );
  });

  it('the KS statistic from 21-quantile sketches is within 0.03 of scipy on the raw samples', () => {
    const { statistic } = sketchKs(
      { quantiles: ref.ks.base_quantiles, n: ref.ks.n },
      { quantiles: ref.ks.head_quantiles, n: ref.ks.n },
    );
    expect(Math.abs(statistic - ref.ks.statistic)).toBeLessThan(0.03);
  });

  it('categorical PSI over exact counts matches numpy', () => {
    const top = (counts: Record<string, number>) =>
      Object.entries(counts).sort((a, b) => b[1] - a[1]);
    const total = (counts: Record<string, number>) =>
      Object.values(counts).reduce((a, b) => a + b, 0);
    const { base, head } = ref.categorical_psi;
    const value = categoricalPsi(
      { top: top(base), total: total(base) },
      { top: top(head), total: total(head), complete: true },
    );
    expect(value).toBeCloseTo(ref.categorical_psi.psi, 12);
  });
});
