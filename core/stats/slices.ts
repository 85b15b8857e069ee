import { type BootstrapOptions, pairedBootstrapTests } from './bootstrap.js';
import { type Correction, adjustPValues } from './correction.js';
import { mcnemar } from './mcnemar.js';
import { type Pair, isRegression, pairRows, withinBudget } from './predictions.js';
import type { PredictionRow } from './prediction-file.js';
import { classCounts, macroScores, positiveScores, type ClassCodes } from './slice-metrics.js';

export interface SliceOptions {
  /** Slice columns of the predictions file, e.g. `region`, `device`. */
  columns: readonly string[];
  /** Slices with fewer paired rows are reported but not tested (default 30). */
  minRows?: number;
  /** Correction across the tested slices of one metric (default `holm`). */
  correction?: Correction;
  bootstrap?: BootstrapOptions;
}

/** One metric of one slice, base vs head on the slice's paired examples. */
export interface SliceMetric {
  name: string;
  base: number;
  head: number;
  delta: number;
  /** `mcnemar` (exact) for accuracy and error rate, `bootstrap` otherwise; null when not tested. */
  test: 'mcnemar' | 'bootstrap' | null;
  pValue: number | null;
  /** `pValue` after the correction across every tested slice of this metric. */
  adjusted: number | null;
}

export interface SliceResult {
  column: string;
  value: string;
  /** Paired examples in the slice. */
  rows: number;
  /** `rows ≥ minRows`: small slices are shown, never tested or gated. */
  tested: boolean;
  metrics: SliceMetric[];
}

export type SliceComparison =
  | {
      kind: 'classification' | 'regression';
      columns: string[];
      minRows: number;
      correction: Correction;
      /** Bootstrap resamples per slice (fewer on big sets, as for the overall test). */
      resamples: number;
      slices: SliceResult[];
      /** Slice values beyond `MAX_SLICE_VALUES` of a column, folded into no slice. */
      dropped: Array<{ column: string; values: number }>;
    }
  | { kind: 'skipped'; reason: string };

/** A column with more values than this is not a slice column (an id, say): the rest is dropped. */
const MAX_SLICE_VALUES = 1000;
const SLICE_DEFAULTS = { minRows: 30, correction: 'holm' } as const;

/**
 * Per-slice comparison of base and head predictions, paired by id: each metric the
 * predictions allow, per value of each slice column, with McNemar's exact test for
 * accuracy, a paired bootstrap for the rest, and the p-values corrected across slices.
 */
export function compareSlices(
  base: readonly PredictionRow[],
  head: readonly PredictionRow[],
  options: SliceOptions,
): SliceComparison {
  const paired = pairRows(base, head);
  if ('skipped' in paired) return { kind: 'skipped', reason: paired.skipped };
  const minRows = options.minRows ?? SLICE_DEFAULTS.minRows;
  const correction = options.correction ?? SLICE_DEFAULTS.correction;
  const { pairs } = paired;
  // Each column's slices partition the set: one column costs one full-set bootstrap.
  const bootstrap = withinBudget(options.bootstrap ?? {}, pairs.length * options.columns.length);
  const regression = isRegression(pairs);
  const codes = regression ? null : classCounts(pairs);
  const slices: SliceResult[] = [];
  const dropped: Array<{ column: string; values: number }> = [];
  options.columns.forEach((column, c) => {
    const groups = groupBy(pairs, c);
    if (groups.size > MAX_SLICE_VALUES)
      dropped.push({ column, values: groups.size - MAX_SLICE_VALUES });
    for (const [value, members] of [...groups].slice(0, MAX_SLICE_VALUES)) {
      const tested = members.length >= minRows;
      const metrics = regression
        ? regressionMetrics(members, tested, bootstrap)
        : classificationMetrics(members, codes!, tested, bootstrap);
      slices.push({ column, value, rows: members.length, tested, metrics });
    }
  });
  correct(slices, correction);
  return {
    kind: regression ? 'regression' : 'classification',
    columns: [...options.columns],
    minRows,
    correction,
    resamples: bootstrap.resamples ?? 2000,
    slices,
    dropped,
  };
}

/** Pairs by the head's value of slice column `c`, largest slices first. */
function groupBy(pairs: readonly Pair[], c: number): Map<string, Pair[]> {
  const groups = new Map<string, Pair[]>();
  for (const pair of pairs) {
    const value = pair[1].slices?.[c] ?? pair[0].slices?.[c] ?? '';
    let group = groups.get(value);
    if (!group) groups.set(value, (group = []));
    group.push(pair);
  }
  return new Map([...groups].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)));
}

function classificationMetrics(
  pairs: readonly Pair[],
  codes: ClassCodes,
  tested: boolean,
  bootstrap: BootstrapOptions,
): SliceMetric[] {
  const n = pairs.length;
  const label = new Int32Array(n);
  const basePred = new Int32Array(n);
  const headPred = new Int32Array(n);
  let baseOnly = 0;
  let headOnly = 0;
  let baseRight = 0;
  let headRight = 0;
  pairs.forEach(([b, h], i) => {
    label[i] = codes.code(b.label);
    basePred[i] = codes.code(b.prediction);
    headPred[i] = codes.code(h.prediction);
    const bOk = basePred[i] === label[i];
    const hOk = headPred[i] === label[i];
    if (bOk) baseRight++;
    if (hOk) headRight++;
    if (bOk && !hOk) baseOnly++;
    if (!bOk && hOk) headOnly++;
  });
  const p = tested ? mcnemar(baseOnly, headOnly).pValue : null;
  const test = tested ? ('mcnemar' as const) : null;
  const accuracy = (right: number): number => right / n;
  const metrics: SliceMetric[] = [
    metric('accuracy', accuracy(baseRight), accuracy(headRight), test, p),
    metric('error_rate', 1 - accuracy(baseRight), 1 - accuracy(headRight), test, p),
  ];
  const scores = codes.positive === null ? macroScores(codes.size) : positiveScores(codes.positive);
  const all = Uint32Array.from({ length: n }, (_, i) => i);
  const statistics = scores.map(
    (score) => (indices: Uint32Array) =>
      score.of(indices, label, headPred) - score.of(indices, label, basePred),
  );
  const tests = tested ? pairedBootstrapTests(n, statistics, bootstrap) : [];
  scores.forEach((score, s) => {
    metrics.push(
      metric(
        score.name,
        score.of(all, label, basePred),
        score.of(all, label, headPred),
        tested ? 'bootstrap' : null,
        tests[s]?.pValue ?? null,
      ),
    );
  });
  return metrics;
}

function regressionMetrics(
  pairs: readonly Pair[],
  tested: boolean,
  bootstrap: BootstrapOptions,
): SliceMetric[] {
  const n = pairs.length;
  const baseAbs = new Float64Array(n);
  const diff = new Float64Array(n);
  let baseSum = 0;
  let headSum = 0;
  pairs.forEach(([b, h], i) => {
    baseAbs[i] = Math.abs(Number(b.prediction) - Number(b.label));
    const headAbs = Math.abs(Number(h.prediction) - Number(h.label));
    diff[i] = headAbs - baseAbs[i];
    baseSum += baseAbs[i];
    headSum += headAbs;
  });
  const meanDiff = (indices: Uint32Array): number => {
    let sum = 0;
    for (const i of indices) sum += diff[i]!;
    return sum / indices.length;
  };
  const p = tested ? pairedBootstrapTests(n, [meanDiff], bootstrap)[0]!.pValue : null;
  return [metric('mae', baseSum / n, headSum / n, tested ? 'bootstrap' : null, p)];
}

function metric(
  name: string,
  base: number,
  head: number,
  test: SliceMetric['test'],
  pValue: number | null,
): SliceMetric {
  return { name, base, head, delta: head - base, test, pValue, adjusted: null };
}

/** Corrects each metric's p-values across the tested slices (the family is one metric's slices). */
function correct(slices: SliceResult[], method: Correction): void {
  const names = new Set(slices.flatMap((s) => s.metrics.map((m) => m.name)));
  for (const name of names) {
    const cells = slices.flatMap((s) => s.metrics.filter((m) => m.name === name));
    const adjusted = adjustPValues(
      cells.map((m) => m.pValue),
      method,
    );
    cells.forEach((m, i) => (m.adjusted = adjusted[i]!));
  }
}
