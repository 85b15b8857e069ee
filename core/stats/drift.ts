/**
 * Drift between a base and a head distribution, from their profiles (quantile sketches
 * and value counts), never from the raw rows.
 *
 * The population stability index (PSI) sums, over bins, (head share − base share) ×
 * ln(head share / base share). The bins are the base's: its quantiles for numbers, its
 * most frequent values (and "everything else") for categories. 0 means the same shape;
 * by the usual rule of thumb under 0.1 is stable, 0.1–0.25 a moderate shift and over 0.25
 * a large one.
 */

/** Shares below this are floored, so an empty bin adds a large but finite term. */
const FLOOR = 1e-4;

/** PSI over matching bins given as shares (each array sums to 1). */
function psi(base: readonly number[], head: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < base.length; i++) {
    const b = Math.max(base[i]!, FLOOR);
    const h = Math.max(head[i] ?? 0, FLOOR);
    sum += (h - b) * Math.log(h / b);
  }
  return sum;
}

/**
 * The CDF a quantile sketch implies at `x`: `quantiles[i]` is the value at probability
 * i/(k−1) (the smallest value whose CDF reaches it). Right-continuous, so a value many
 * quantiles share (a point mass) gets the largest of their probabilities; linear between.
 */
function sketchCdf(quantiles: readonly number[], x: number): number {
  const k = quantiles.length;
  if (k === 0) return Number.NaN;
  if (x < quantiles[0]!) return 0;
  if (x >= quantiles[k - 1]!) return 1;
  // Last index whose value is ≤ x.
  let lo = 0;
  let hi = k - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (quantiles[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  const a = quantiles[lo]!;
  const b = quantiles[lo + 1]!;
  const step = 1 / (k - 1);
  return lo * step + (b > a ? ((x - a) / (b - a)) * step : 0);
}

/** PSI of numbers over the base's quantile bins (its distinct quantile values as edges). */
export function numericPsi(
  baseQuantiles: readonly number[],
  headQuantiles: readonly number[],
): number {
  const edges = [...new Set(baseQuantiles.slice(1, -1))];
  const shares = (quantiles: readonly number[]): number[] => {
    const cdf = edges.map((e) => sketchCdf(quantiles, e));
    return [...cdf, 1].map((c, i) => c - (i === 0 ? 0 : cdf[i - 1]!));
  };
  return psi(shares(baseQuantiles), shares(headQuantiles));
}

/**
 * PSI of categories over the base's top values plus one bin for every other value. A base
 * value missing from the head's top list is counted in "other" on both sides when the head
 * list is incomplete (its count is unknown, not zero).
 */
export function categoricalPsi(
  base: { top: ReadonlyArray<readonly [string, number]>; total: number },
  head: { top: ReadonlyArray<readonly [string, number]>; total: number; complete: boolean },
): number {
  const headCounts = new Map(head.top.map(([v, c]) => [v, c]));
  const kept = base.top.filter(([v]) => head.complete || headCounts.has(v));
  const b = kept.map(([, c]) => c / base.total);
  const h = kept.map(([v]) => (headCounts.get(v) ?? 0) / head.total);
  b.push(Math.max(0, 1 - b.reduce((s, x) => s + x, 0)));
  h.push(Math.max(0, 1 - h.reduce((s, x) => s + x, 0)));
  return psi(b, h);
}

/**
 * Two-sample Kolmogorov–Smirnov test from two quantile sketches: D is the largest gap
 * between the CDFs the sketches imply (at every sketch point), p the asymptotic
 * Kolmogorov distribution's tail at D·√(nm/(n+m)). An approximation: the sketches
 * resolve the CDFs to about a twentieth, so a tiny D on huge samples is not meaningful.
 */
export function sketchKs(
  base: { quantiles: readonly number[]; n: number },
  head: { quantiles: readonly number[]; n: number },
): { statistic: number; pValue: number } {
  let d = 0;
  for (const x of [...base.quantiles, ...head.quantiles]) {
    d = Math.max(d, Math.abs(sketchCdf(base.quantiles, x) - sketchCdf(head.quantiles, x)));
  }
  const en = (base.n * head.n) / (base.n + head.n);
  return { statistic: d, pValue: kolmogorovSf(d * Math.sqrt(en)) };
}

/** P(K > z) for the Kolmogorov distribution (scipy's `kstwobign.sf`). */
export function kolmogorovSf(z: number): number {
  if (z <= 0) return 1;
  if (z < 1.18) {
    // Small z: the theta-function form converges fast where the alternating series does not.
    const w = Math.exp((-Math.PI * Math.PI) / (8 * z * z));
    const sum = w + w ** 9 + w ** 25 + w ** 49;
    return 1 - (Math.sqrt(2 * Math.PI) / z) * sum;
  }
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = (k % 2 === 1 ? 1 : -1) * Math.exp(-2 * k * k * z * z);
    sum += term;
    if (Math.abs(term) < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}
