/** McNemar's test on the discordant pairs of two classifiers scored on the same examples. */
export interface McNemarResult {
  /** Examples the base got right and the head got wrong. */
  baseOnly: number;
  /** Examples the head got right and the base got wrong. */
  headOnly: number;
  /** Continuity-corrected chi-square statistic (1 degree of freedom), for reference. */
  chiSquare: number;
  /** Two-sided exact binomial p-value on the discordant pairs. */
  pValue: number;
}

/**
 * McNemar's test. Uses the exact binomial form (what statsmodels does by default),
 * which is valid for any number of discordant pairs; the sum runs in log space so
 * it does not underflow for large counts. With no discordant pairs the models agree
 * everywhere and p = 1.
 */
export function mcnemar(baseOnly: number, headOnly: number): McNemarResult {
  const n = baseOnly + headOnly;
  if (n === 0) return { baseOnly, headOnly, chiSquare: 0, pValue: 1 };
  const chiSquare = (Math.abs(baseOnly - headOnly) - 1) ** 2 / n;
  const k = Math.min(baseOnly, headOnly);
  // log P(X = i) for X ~ Binomial(n, 1/2), accumulated with log-sum-exp.
  let logChoose = 0;
  let logSum = Number.NEGATIVE_INFINITY;
  const logHalfN = n * Math.log(0.5);
  for (let i = 0; i <= k; i++) {
    if (i > 0) logChoose += Math.log(n - i + 1) - Math.log(i);
    logSum = logAddExp(logSum, logChoose + logHalfN);
  }
  const pValue = Math.min(1, 2 * Math.exp(logSum));
  return { baseOnly, headOnly, chiSquare, pValue };
}

function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  const max = Math.max(a, b);
  return max + Math.log(Math.exp(a - max) + Math.exp(b - max));
}
