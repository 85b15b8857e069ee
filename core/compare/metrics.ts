import type { Policy } from '../policy/schema.js';
import type { RunRecord } from '../run-record/schema.js';
import type { MetricInterval, Significance } from '../stats/predictions.js';
import { metricDirection } from './direction.js';
import type { MetricDiff } from './types.js';

/** Virtual metrics derived from `model` so rules such as `{ metric: model.bytes, max: 50MB }` work. */
const MODEL_METRICS = ['model.bytes', 'model.latency_p50_ms', 'model.latency_p95_ms'] as const;

/**
 * A record's own entry: names come from untrusted runs and policies, and `constructor`
 * or `__proto__` must not find `Object.prototype`'s members.
 */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * The value of a metric in a run: a reported metric, or a virtual one derived from the
 * model, the stage timings or the run timing. `undefined` when the run does not have it.
 */
export function metricValue(run: RunRecord, name: string): number | undefined {
  const reported = own(run.metrics, name);
  if (reported !== undefined) return reported;
  switch (name) {
    case 'model.bytes':
      return run.model?.bytes;
    case 'model.latency_p50_ms':
      return run.model?.latency?.p50Ms;
    case 'model.latency_p95_ms':
      return run.model?.latency?.p95Ms;
    case 'run.duration_ms':
      return run.timings.durationMs;
  }
  const stage = /^stage\.(.+)\.duration_ms$/.exec(name);
  if (stage) return own(run.stages, stage[1]!)?.durationMs;
  return undefined;
}

function isVirtual(run: RunRecord | null, name: string): boolean {
  return run ? own(run.metrics, name) === undefined : true;
}

export function compareMetrics(
  base: RunRecord | null,
  head: RunRecord,
  history: readonly RunRecord[],
  policy: Policy,
  ruleMetrics: readonly string[],
  significance: Significance | null,
): MetricDiff[] {
  const names = new Set<string>([
    ...Object.keys(head.metrics),
    ...Object.keys(base?.metrics ?? {}),
  ]);
  for (const name of MODEL_METRICS) {
    if ((base && metricValue(base, name) !== undefined) || metricValue(head, name) !== undefined)
      names.add(name);
  }
  for (const name of ruleMetrics) names.add(name);
  const intervals = significance && significance.kind !== 'skipped' ? significance.metrics : [];
  const diffs: MetricDiff[] = [];
  for (const name of names) {
    const b = base ? (metricValue(base, name) ?? null) : null;
    const h = metricValue(head, name) ?? null;
    // A rule metric that neither side has stays in the table: the gate will say it is missing.
    const { direction, source } = metricDirection(name, policy);
    diffs.push({
      name,
      base: b,
      head: h,
      ...delta(b, h),
      direction,
      directionSource: source,
      change: changeOf(b, h, direction, base !== null),
      virtual: isVirtual(head, name) && isVirtual(base, name),
      history: history.map((run) => metricValue(run, name) ?? null),
      significance: matchInterval(name, intervals, b, h),
    });
  }
  const order = new Map(ruleMetrics.map((name, i) => [name, i]));
  return diffs.sort((a, b) => {
    const ra = order.get(a.name) ?? Number.POSITIVE_INFINITY;
    const rb = order.get(b.name) ?? Number.POSITIVE_INFINITY;
    if (ra !== rb) return ra - rb;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
}

function delta(
  base: number | null,
  head: number | null,
): { delta: number | null; deltaPct: number | null } {
  if (base === null || head === null) return { delta: null, deltaPct: null };
  const d = head - base;
  return { delta: d, deltaPct: base === 0 ? null : (d / Math.abs(base)) * 100 };
}

function changeOf(
  base: number | null,
  head: number | null,
  direction: 'higher' | 'lower',
  hasBase: boolean,
): MetricDiff['change'] {
  if (head === null) return base === null ? 'missing' : 'removed';
  if (base === null) return hasBase ? 'added' : 'no-base';
  const tolerance = 1e-12 * Math.max(Math.abs(base), Math.abs(head), 1);
  if (Math.abs(head - base) <= tolerance) return 'same';
  return head > base === (direction === 'higher') ? 'better' : 'worse';
}

const INTERVAL_ALIASES: Record<string, string> = {
  accuracy: 'accuracy',
  acc: 'accuracy',
  error_rate: 'error_rate',
  error: 'error_rate',
  err: 'error_rate',
  brier: 'brier',
  brier_score: 'brier',
  log_loss: 'log_loss',
  logloss: 'log_loss',
  mae: 'mae',
  mse: 'mse',
  rmse: 'rmse',
};

/**
 * Per-example intervals describe the top-level metric of the same name (`accuracy`,
 * `eval.accuracy`) — but only when the values recomputed from the predictions agree
 * with the recorded ones; otherwise the predictions describe some other evaluation.
 */
function matchInterval(
  name: string,
  intervals: readonly MetricInterval[],
  base: number | null,
  head: number | null,
): MetricInterval | null {
  if (name.startsWith('model.') || name.startsWith('stage.') || name.startsWith('run.'))
    return null;
  const last = name.toLowerCase().split(/[./]/).at(-1) ?? '';
  const wanted = own(INTERVAL_ALIASES, last);
  const interval = intervals.find((candidate) => candidate.name === wanted);
  if (!interval) return null;
  const agrees = (recorded: number | null, recomputed: number): boolean =>
    recorded === null ||
    Math.abs(recorded - recomputed) <= Math.max(1e-3, 0.005 * Math.abs(recorded));
  return agrees(base, interval.base) && agrees(head, interval.head) ? interval : null;
}

export function guessPrimary(metrics: readonly MetricDiff[]): string | null {
  for (const preferred of ['accuracy', 'f1', 'auc', 'roc_auc', 'r2', 'rmse', 'loss']) {
    const hit = metrics.find((m) => m.name === preferred || m.name.endsWith(`.${preferred}`));
    if (hit) return hit.name;
  }
  return metrics.find((m) => !m.virtual)?.name ?? null;
}
