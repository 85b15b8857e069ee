// Classification metrics over class indices and predicted probabilities.

export function confusionMatrix(y, predicted, classes) {
  const m = classes.map(() => classes.map(() => 0));
  y.forEach((actual, i) => m[actual][predicted[i]]++);
  return m;
}

export function accuracy(y, predicted) {
  return y.filter((actual, i) => actual === predicted[i]).length / y.length;
}

/** Unweighted mean of the per-class F1 scores (a class never seen nor predicted scores 0). */
export function macroF1(y, predicted, classes) {
  const m = confusionMatrix(y, predicted, classes);
  const f1 = classes.map((_, c) => {
    const tp = m[c][c];
    const fp = m.reduce((s, row, r) => s + (r === c ? 0 : row[c]), 0);
    const fn = m[c].reduce((s, v, p) => s + (p === c ? 0 : v), 0);
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  return f1.reduce((a, b) => a + b, 0) / classes.length;
}

/** Mean cross-entropy of the true class, probabilities clipped to [1e-15, 1]. */
export function logLoss(y, probabilities) {
  const sum = y.reduce(
    (s, actual, i) => s - Math.log(Math.max(probabilities[i][actual], 1e-15)),
    0,
  );
  return sum / y.length;
}

/** The q-quantile (0..1) of `values` by linear interpolation between order statistics. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
