import { mulberry32 } from './random.js';

export interface BootstrapOptions {
  /** Number of resamples; 2,000 keeps a 95% interval's ends stable to about a tenth of its width. */
  resamples?: number;
  /** PRNG seed, so the same pair of runs always gives the same interval. */
  seed?: number;
  /** Two-sided confidence level, e.g. 0.95. */
  confidence?: number;
}

/** A bootstrap confidence interval for a difference `head − base`. */
export interface Interval {
  /** The statistic on the full sample (not the bootstrap mean). */
  estimate: number;
  low: number;
  high: number;
  confidence: number;
  resamples: number;
  seed: number;
  /** Number of paired examples. */
  n: number;
}

export const BOOTSTRAP_DEFAULTS = { resamples: 2000, seed: 20240601, confidence: 0.95 } as const;

/**
 * Seeded paired bootstrap: resamples example indices with replacement and evaluates
 * `statistic` (which must compute `head − base` on the given indices) on each
 * resample; the interval is the percentile interval with linear interpolation
 * (numpy's default), so it can be checked against an independent implementation.
 *
 * Pairing matters: both models are scored on the same resampled examples, so the
 * variance shared by the two (hard examples are hard for both) cancels out.
 */
export function pairedBootstrap(
  n: number,
  statistic: (indices: Uint32Array) => number,
  options: BootstrapOptions = {},
): Interval {
  return pairedBootstrapMany(n, [statistic], options)[0]!;
}

/**
 * `pairedBootstrap` for several statistics over the same resamples: the indices are
 * drawn once per resample, so each interval is exactly what `pairedBootstrap` would give
 * with the same seed, at the cost of one resampling instead of one per statistic.
 */
export function pairedBootstrapMany(
  n: number,
  statistics: ReadonlyArray<(indices: Uint32Array) => number>,
  options: BootstrapOptions = {},
): Interval[] {
  return pairedBootstrapTests(n, statistics, options).map((test) => test.interval);
}

/** A bootstrap interval with the two-sided p-value of "no change". */
export interface BootstrapTest {
  interval: Interval;
  /**
   * Two-sided bootstrap p-value of `head − base = 0`: twice the share of resamples on the
   * far side of zero (counting the full sample once, so it is never 0), at most 1.
   */
  pValue: number;
}

/** `pairedBootstrapMany`, with each statistic's bootstrap p-value. */
export function pairedBootstrapTests(
  n: number,
  statistics: ReadonlyArray<(indices: Uint32Array) => number>,
  options: BootstrapOptions = {},
): BootstrapTest[] {
  const resamples = options.resamples ?? BOOTSTRAP_DEFAULTS.resamples;
  const seed = options.seed ?? BOOTSTRAP_DEFAULTS.seed;
  const confidence = options.confidence ?? BOOTSTRAP_DEFAULTS.confidence;
  if (n <= 0) throw new RangeError('bootstrap needs at least one example');
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  const estimates = statistics.map((statistic) => statistic(all));
  const random = mulberry32(seed);
  const indices = new Uint32Array(n);
  const values = statistics.map(() => new Float64Array(resamples));
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) indices[i] = Math.floor(random() * n);
    for (let s = 0; s < statistics.length; s++) values[s]![r] = statistics[s]!(indices);
  }
  const alpha = (1 - confidence) / 2;
  return values.map((samples, s) => {
    let below = 0;
    let above = 0;
    for (const v of samples) {
      if (v <= 0) below++;
      if (v >= 0) above++;
    }
    samples.sort();
    return {
      interval: {
        estimate: estimates[s]!,
        low: percentile(samples, alpha),
        high: percentile(samples, 1 - alpha),
        confidence,
        resamples,
        seed,
        n,
      },
      pValue: Math.min(1, (2 * (Math.min(below, above) + 1)) / (resamples + 1)),
    };
  });
}

/** The statistic "mean of head − base over the resampled examples". */
export function meanDeltaStatistic(
  base: ArrayLike<number>,
  head: ArrayLike<number>,
): (indices: Uint32Array) => number {
  if (base.length !== head.length) throw new RangeError('paired samples must have the same length');
  const diff = new Float64Array(base.length);
  for (let i = 0; i < base.length; i++) diff[i] = head[i]! - base[i]!;
  return (indices) => {
    let sum = 0;
    for (const i of indices) sum += diff[i]!;
    return sum / indices.length;
  };
}

/**
 * Paired bootstrap of the difference of means of per-example values (e.g. 1/0 for a
 * correct/incorrect prediction gives the accuracy delta).
 */
export function pairedMeanDelta(
  base: ArrayLike<number>,
  head: ArrayLike<number>,
  options: BootstrapOptions = {},
): Interval {
  return pairedBootstrap(base.length, meanDeltaStatistic(base, head), options);
}

/** `q`-quantile of sorted values with linear interpolation between order statistics. */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = q * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower]!;
  const b = sorted[upper]!;
  return a + (b - a) * (position - lower);
}
