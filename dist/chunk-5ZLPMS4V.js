import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  mulberry32
} from "./chunk-TZI6WE27.js";

// core/stats/bootstrap.ts
var BOOTSTRAP_DEFAULTS = { resamples: 2e3, seed: 20240601, confidence: 0.95 };
function pairedBootstrapMany(n, statistics, options = {}) {
  return pairedBootstrapTests(n, statistics, options).map((test) => test.interval);
}
function pairedBootstrapTests(n, statistics, options = {}) {
  const resamples = options.resamples ?? BOOTSTRAP_DEFAULTS.resamples;
  const seed = options.seed ?? BOOTSTRAP_DEFAULTS.seed;
  const confidence = options.confidence ?? BOOTSTRAP_DEFAULTS.confidence;
  if (n <= 0) throw new RangeError("bootstrap needs at least one example");
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  const estimates = statistics.map((statistic) => statistic(all));
  const random = mulberry32(seed);
  const indices = new Uint32Array(n);
  const values = statistics.map(() => new Float64Array(resamples));
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) indices[i] = Math.floor(random() * n);
    for (let s = 0; s < statistics.length; s++) values[s][r] = statistics[s](indices);
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
        estimate: estimates[s],
        low: percentile(samples, alpha),
        high: percentile(samples, 1 - alpha),
        confidence,
        resamples,
        seed,
        n
      },
      pValue: Math.min(1, 2 * (Math.min(below, above) + 1) / (resamples + 1))
    };
  });
}
function meanDeltaStatistic(base, head) {
  if (base.length !== head.length) throw new RangeError("paired samples must have the same length");
  const diff = new Float64Array(base.length);
  for (let i = 0; i < base.length; i++) diff[i] = head[i] - base[i];
  return (indices) => {
    let sum = 0;
    for (const i of indices) sum += diff[i];
    return sum / indices.length;
  };
}
function percentile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  const position = q * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower];
  const b = sorted[upper];
  return a + (b - a) * (position - lower);
}

export {
  BOOTSTRAP_DEFAULTS,
  pairedBootstrapMany,
  pairedBootstrapTests,
  meanDeltaStatistic,
  percentile
};
//# sourceMappingURL=chunk-5ZLPMS4V.js.map
