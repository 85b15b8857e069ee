import {
  BOOTSTRAP_DEFAULTS,
  type BootstrapOptions,
  type Interval,
  meanDeltaStatistic,
  pairedBootstrapMany,
} from './bootstrap.js';
import { type McNemarResult, mcnemar } from './mcnemar.js';
import type { PredictionRow } from './prediction-file.js';

/** The paired interval of one per-example metric. */
export interface MetricInterval {
  /** `accuracy`, `error_rate`, `brier`, `log_loss`, `mae`, `mse`, `rmse`. */
  name: string;
  base: number;
  head: number;
  /** Interval of `head − base`. */
  delta: Interval;
}

export type Significance =
  | {
      kind: 'classification' | 'regression';
      /** Examples present in both files (matched by id). */
      paired: number;
      baseRows: number;
      headRows: number;
      metrics: MetricInterval[];
      mcnemar?: McNemarResult;
    }
  | { kind: 'skipped'; reason: string };

/**
 * Paired significance of the head vs the base on the same evaluation set. Rows are
 * matched by id; when the sets differ (few shared ids, or a shared id with a different
 * label) the runs were not evaluated on the same data and no test is made.
 */
export function pairedSignificance(
  base: readonly PredictionRow[],
  head: readonly PredictionRow[],
  requested: BootstrapOptions = {},
): Significance {
  const paired = pairRows(base, head);
  if ('skipped' in paired) return { kind: 'skipped', reason: paired.skipped };
  const { pairs } = paired;
  const options = withinBudget(requested, pairs.length);
  const common = { paired: pairs.length, baseRows: base.length, headRows: head.length };
  if (isRegression(pairs))
    return { kind: 'regression', ...common, metrics: regressionIntervals(pairs, options) };

  const baseCorrect = pairs.map(([b]) => (sameValue(b.label, b.prediction) ? 1 : 0));
  const headCorrect = pairs.map(([, h]) => (sameValue(h.label, h.prediction) ? 1 : 0));
  let baseOnly = 0;
  let headOnly = 0;
  for (let i = 0; i < pairs.length; i++) {
    if (baseCorrect[i] === 1 && headCorrect[i] === 0) baseOnly++;
    if (baseCorrect[i] === 0 && headCorrect[i] === 1) headOnly++;
  }
  const binaryScored = pairs.every(
    ([b, h]) =>
      (b.label === '0' || b.label === '1') && isProbability(b.score) && isProbability(h.score),
  );
  // Every per-example metric is bootstrapped over the same resamples (one pass, not one per metric).
  const columns: Array<[string, number[], number[]]> = [['accuracy', baseCorrect, headCorrect]];
  if (binaryScored) {
    const brier = (row: PredictionRow): number => (row.score! - Number(row.label)) ** 2;
    const logLoss = (row: PredictionRow): number => {
      const p = Math.min(Math.max(row.score!, 1e-15), 1 - 1e-15);
      return row.label === '1' ? -Math.log(p) : -Math.log(1 - p);
    };
    for (const [name, loss] of [
      ['brier', brier],
      ['log_loss', logLoss],
    ] as const) {
      columns.push([name, pairs.map(([row]) => loss(row)), pairs.map(([, row]) => loss(row))]);
    }
  }
  const intervals = pairedBootstrapMany(
    pairs.length,
    columns.map(([, b, h]) => meanDeltaStatistic(b, h)),
    options,
  );
  const metrics: MetricInterval[] = columns.map(([name, b, h], i) => ({
    name,
    base: mean(b),
    head: mean(h),
    delta: intervals[i]!,
  }));
  const accuracy = intervals[0]!;
  metrics.splice(1, 0, {
    name: 'error_rate',
    base: 1 - mean(baseCorrect),
    head: 1 - mean(headCorrect),
    delta: { ...accuracy, estimate: -accuracy.estimate, low: -accuracy.high, high: -accuracy.low },
  });
  return { kind: 'classification', ...common, metrics, mcnemar: mcnemar(baseOnly, headOnly) };
}

export type Pair = [base: PredictionRow, head: PredictionRow];

/**
 * Base and head rows matched by id. When the sets differ (few shared ids, or a shared id
 * with a different label) the runs were not evaluated on the same data: `skipped` says why.
 */
export function pairRows(
  base: readonly PredictionRow[],
  head: readonly PredictionRow[],
): { pairs: Pair[] } | { skipped: string } {
  const byId = new Map<string, PredictionRow>();
  for (const row of base) byId.set(row.id, row);
  const pairs: Pair[] = [];
  for (const row of head) {
    const other = byId.get(row.id);
    if (!other) continue;
    if (!sameValue(other.label, row.label)) {
      return {
        skipped: `example "${row.id}" has label "${other.label}" in the base and "${row.label}" in the head: not the same evaluation set`,
      };
    }
    pairs.push([other, row]);
  }
  const smaller = Math.min(base.length, head.length);
  if (pairs.length === 0 || pairs.length < 0.9 * Math.max(base.length, head.length)) {
    return {
      skipped: `only ${pairs.length} of ${smaller} examples share an id: the runs were not evaluated on the same set`,
    };
  }
  return { pairs };
}

/** Numeric labels and predictions, not all integers: a regression, not class ids. */
export function isRegression(pairs: readonly Pair[]): boolean {
  return (
    pairs.every(
      ([b, h]) => isNumber(b.label) && isNumber(b.prediction) && isNumber(h.prediction),
    ) &&
    pairs.some(
      ([b, h]) =>
        !Number.isInteger(Number(b.label)) ||
        !Number.isInteger(Number(b.prediction)) ||
        !Number.isInteger(Number(h.prediction)),
    )
  );
}

function regressionIntervals(pairs: readonly Pair[], options: BootstrapOptions): MetricInterval[] {
  const baseErr = pairs.map(([b]) => Number(b.prediction) - Number(b.label));
  const headErr = pairs.map(([, h]) => Number(h.prediction) - Number(h.label));
  const baseAbs = baseErr.map(Math.abs);
  const headAbs = headErr.map(Math.abs);
  const baseSq = baseErr.map((e) => e * e);
  const headSq = headErr.map((e) => e * e);
  const rmse = (indices: Uint32Array): number => {
    let b = 0;
    let h = 0;
    for (const i of indices) {
      b += baseSq[i]!;
      h += headSq[i]!;
    }
    return Math.sqrt(h / indices.length) - Math.sqrt(b / indices.length);
  };
  const [mae, mse, rmseDelta] = pairedBootstrapMany(
    pairs.length,
    [meanDeltaStatistic(baseAbs, headAbs), meanDeltaStatistic(baseSq, headSq), rmse],
    options,
  );
  return [
    { name: 'mae', base: mean(baseAbs), head: mean(headAbs), delta: mae! },
    { name: 'mse', base: mean(baseSq), head: mean(headSq), delta: mse! },
    {
      name: 'rmse',
      base: Math.sqrt(mean(baseSq)),
      head: Math.sqrt(mean(headSq)),
      delta: rmseDelta!,
    },
  ];
}

export function isNumber(value: string): boolean {
  return value.trim() !== '' && Number.isFinite(Number(value));
}

function isProbability(value: number | undefined): boolean {
  return value !== undefined && value >= 0 && value <= 1;
}

/** `1` and `1.0` are the same class; `cat` and `Cat` are not. */
function sameValue(a: string, b: string): boolean {
  if (a === b) return true;
  return isNumber(a) && isNumber(b) && Number(a) === Number(b);
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length === 0 ? Number.NaN : sum / values.length;
}

/**
 * Index draws one significance test may make (resamples × examples). Predictions come
 * from untrusted runs: a two-million-row file must not keep the bot busy for minutes, so
 * big evaluation sets get fewer resamples (never under 200); the report shows how many.
 */
const BOOTSTRAP_WORK_BUDGET = 100_000_000;

export function withinBudget(options: BootstrapOptions, n: number): BootstrapOptions {
  const resamples = options.resamples ?? BOOTSTRAP_DEFAULTS.resamples;
  if (n * resamples <= BOOTSTRAP_WORK_BUDGET) return options;
  return { ...options, resamples: Math.max(200, Math.floor(BOOTSTRAP_WORK_BUDGET / n)) };
}
