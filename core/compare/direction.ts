import type { Direction, Policy } from '../policy/schema.js';

/**
 * Names whose metric is better when lower. Matched on word-ish parts of the name so
 * `eval.val_loss`, `latency_p95_ms` and `model.bytes` are caught while `accuracy`,
 * `f1` or `recall` (and names that merely contain "mae" inside a word) are not.
 */
const LOWER_IS_BETTER = new Set([
  'loss',
  'logloss',
  'error',
  'err',
  'errors',
  'rmse',
  'mse',
  'mae',
  'mape',
  'smape',
  'rmsle',
  'wer',
  'cer',
  'brier',
  'perplexity',
  'ppl',
  'latency',
  'time',
  'duration',
  'seconds',
  'secs',
  'sec',
  'ms',
  'size',
  'bytes',
  'memory',
  'mem',
  'fpr',
  'fnr',
  'far',
  'frr',
  'eer',
  'cost',
  'regret',
  'divergence',
  'kl',
  'distance',
  'drift',
]);

/** Whether a higher or lower value of a metric is better: the policy's say, else the name's. */
export function metricDirection(
  name: string,
  policy?: Policy,
): { direction: Direction; source: 'policy' | 'name' } {
  const configured =
    policy && Object.hasOwn(policy.metrics, name) ? policy.metrics[name]?.direction : undefined;
  if (configured) return { direction: configured, source: 'policy' };
  const parts = name
    .toLowerCase()
    .split(/[^a-z0-9]+|(?<=[a-z])(?=\d)/)
    .filter(Boolean);
  return {
    direction: parts.some((part) => LOWER_IS_BETTER.has(part)) ? 'lower' : 'higher',
    source: 'name',
  };
}
