import { metricRules, type Policy } from '../policy/schema.js';
import type { RunRecord, TensorInfo } from '../run-record/schema.js';
import type { MetricInterval, Significance } from '../stats/predictions.js';
import type { SliceComparison } from '../stats/slices.js';
import { metricDirection } from './direction.js';
import { compareProfiles } from './profiles.js';
import type {
  Comparison,
  DepDiff,
  HistoryPoint,
  Leaderboard,
  MetricDiff,
  ModelDiff,
  ParamDiff,
  RunSummary,
  SignatureChange,
  StageDiff,
  StatDiff,
} from './types.js';

export interface CompareOptions {
  /**
   * Earlier runs of the base branch, oldest first, for sparklines and the chart. The base
   * run is appended when it is not among them.
   */
  history?: readonly RunRecord[];
  /** Result of `pairedSignificance` on the two runs' predictions, when both saved them. */
  significance?: Significance | null;
  /** Result of `compareSlices` when the head's predictions declare slice columns. */
  slices?: SliceComparison | null;
  /** Extra notes to carry into the report (e.g. why there is no baseline). */
  notes?: readonly string[];
  /**
   * Why the head's metrics cannot be trusted, when they cannot — e.g. they come from a
   * fork's workflow, which runs the fork's code, and trusted evaluation is off.
   */
  unverified?: string | null;
}

/** Virtual metrics derived from `model` so rules such as `{ metric: model.bytes, max: 50MB }` work. */
export const MODEL_METRICS = [
  'model.bytes',
  'model.latency_p50_ms',
  'model.latency_p95_ms',
] as const;

/** Cap on leaves read from one statistics file: stats come from untrusted runs. */
const MAX_STAT_LEAVES = 5000;

/**
 * Compares a head run with a base run (or with nothing, when there is no baseline).
 * Pure: all I/O (reading records, predictions, history) happens in the caller.
 */
export function compare(
  base: RunRecord | null,
  head: RunRecord,
  policy: Policy,
  options: CompareOptions = {},
): Comparison {
  const history = historyRuns(base, options.history ?? [], policy.report.history);
  const ruleMetrics = metricRules(policy.gate.rules).map((rule) => rule.metric);
  const significance = options.significance ?? null;
  const metrics = compareMetrics(base, head, history, policy, ruleMetrics, significance);
  const primaryMetric =
    policy.report.primary ?? ruleMetrics[0] ?? policy.report.chart[0] ?? guessPrimary(metrics);
  const notes = [...(options.notes ?? [])];
  if (significance?.kind === 'skipped') notes.push(`No significance test: ${significance.reason}.`);
  if (head.git.dirty) notes.push('The head run was made with uncommitted changes.');
  return {
    base: base ? summary(base) : null,
    head: summary(head),
    metrics,
    ...compareParams(base, head),
    stages: compareStages(base, head),
    model: compareModel(base, head),
    candidates: leaderboard(base, head, primaryMetric, policy),
    data: compareData(base, head),
    significance,
    slices: options.slices ?? null,
    history: history.map((run): HistoryPoint => ({
      id: run.id,
      commit: run.git.commit,
      createdAt: run.createdAt,
    })),
    primaryMetric,
    unverified: options.unverified ?? null,
    notes,
  };
}

function summary(run: RunRecord): RunSummary {
  return {
    id: run.id,
    commit: run.git.commit,
    branch: run.git.branch,
    dirty: run.git.dirty,
    createdAt: run.createdAt,
    status: run.status,
    event: run.event,
    durationMs: run.timings.durationMs,
    runUrl: run.ci?.runUrl ?? null,
    repository: run.ci?.repository ?? null,
  };
}

function historyRuns(
  base: RunRecord | null,
  history: readonly RunRecord[],
  limit: number,
): RunRecord[] {
  const runs = history.filter((run) => run.id !== base?.id);
  if (base) runs.push(base);
  return limit === 0 ? [] : runs.slice(-limit);
}

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

function compareMetrics(
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

function guessPrimary(metrics: readonly MetricDiff[]): string | null {
  for (const preferred of ['accuracy', 'f1', 'auc', 'roc_auc', 'r2', 'rmse', 'loss']) {
    const hit = metrics.find((m) => m.name === preferred || m.name.endsWith(`.${preferred}`));
    if (hit) return hit.name;
  }
  return metrics.find((m) => !m.virtual)?.name ?? null;
}

function compareParams(
  base: RunRecord | null,
  head: RunRecord,
): Pick<Comparison, 'params' | 'paramCounts'> {
  const params: ParamDiff[] = [];
  if (!base)
    return {
      params,
      paramCounts: { base: 0, head: Object.keys(head.params).length, unchanged: 0 },
    };
  let unchanged = 0;
  for (const name of sortedKeys(base.params, head.params)) {
    const inBase = Object.hasOwn(base.params, name);
    const inHead = Object.hasOwn(head.params, name);
    const b = inBase ? base.params[name] : undefined;
    const h = inHead ? head.params[name] : undefined;
    if (inBase && inHead && b === h) unchanged++;
    else
      params.push({
        name,
        base: b,
        head: h,
        change: !inBase ? 'added' : !inHead ? 'removed' : 'changed',
      });
  }
  return {
    params,
    paramCounts: {
      base: Object.keys(base.params).length,
      head: Object.keys(head.params).length,
      unchanged,
    },
  };
}

function compareStages(base: RunRecord | null, head: RunRecord): StageDiff[] {
  const names = [...new Set([...Object.keys(head.stages), ...Object.keys(base?.stages ?? {})])];
  return names.map((name) => {
    const b = base ? own(base.stages, name) : undefined;
    const h = own(head.stages, name);
    return {
      name,
      base: b ? { status: b.status, durationMs: b.durationMs, attempts: b.attempts } : null,
      head: h
        ? {
            status: h.status,
            durationMs: h.durationMs,
            attempts: h.attempts,
            ...(h.reason ? { reason: h.reason } : {}),
          }
        : null,
      deltaMs: b && h ? h.durationMs - b.durationMs : null,
      ...(h?.checks ? { checks: h.checks } : {}),
    };
  });
}

function compareModel(base: RunRecord | null, head: RunRecord): ModelDiff | null {
  const b = base?.model ?? null;
  const h = head.model;
  if (!b && !h) return null;
  const signature =
    b && h
      ? [
          ...signatureChanges('input', b.inputs, h.inputs),
          ...signatureChanges('output', b.outputs, h.outputs),
        ]
      : [];
  return {
    base: b,
    head: h,
    changed: b?.sha256 !== h?.sha256,
    signature,
    breaking: signature.some((change) => change.breaking),
  };
}

function signatureChanges(
  side: 'input' | 'output',
  base: readonly TensorInfo[],
  head: readonly TensorInfo[],
): SignatureChange[] {
  const changes: SignatureChange[] = [];
  const headByName = new Map(head.map((t) => [t.name, t]));
  const baseByName = new Map(base.map((t) => [t.name, t]));
  for (const b of base) {
    const h = headByName.get(b.name);
    if (!h)
      changes.push({ side, name: b.name, kind: 'removed', base: b, head: null, breaking: true });
    else if (b.type !== h.type)
      changes.push({ side, name: b.name, kind: 'type', base: b, head: h, breaking: true });
    else if (JSON.stringify(b.shape) !== JSON.stringify(h.shape))
      changes.push({ side, name: b.name, kind: 'shape', base: b, head: h, breaking: true });
  }
  for (const h of head) {
    // A new input breaks every existing client (it must now be sent); a new output breaks none.
    if (!baseByName.has(h.name))
      changes.push({
        side,
        name: h.name,
        kind: 'added',
        base: null,
        head: h,
        breaking: side === 'input',
      });
  }
  return changes;
}

/**
 * The candidates' own name for the primary metric: the same key, else the same last
 * segment (`eval.accuracy` ~ `accuracy`), else a prefixed variant (`val_accuracy`) —
 * train stages usually score candidates on a validation split under such a name.
 */
function candidateMetricKey(
  candidates: Record<string, { metrics: Record<string, number> }>,
  name: string,
): string | null {
  const keys = [
    ...new Set(Object.values(candidates).flatMap((c) => Object.keys(c.metrics))),
  ].sort();
  const last = name.split('.').at(-1)!;
  return (
    keys.find((key) => key === name) ??
    keys.find((key) => key.split('.').at(-1) === last) ??
    keys.find((key) => {
      const tail = key.split('.').at(-1)!;
      return tail.endsWith(last) && /^[._-]$/.test(tail.charAt(tail.length - last.length - 1));
    }) ??
    null
  );
}

function leaderboard(
  base: RunRecord | null,
  head: RunRecord,
  primary: string | null,
  policy: Policy,
): Leaderboard | null {
  const entries = Object.entries(head.candidates);
  if (entries.length === 0) return null;
  const metric = primary ? (candidateMetricKey(head.candidates, primary) ?? primary) : null;
  const direction = metric ? metricDirection(metric, policy).direction : 'higher';
  const rows = entries.map(([name, candidate]) => {
    const baseCandidate = base ? own(base.candidates, name) : undefined;
    return {
      name,
      stage: candidate.stage,
      value: metric ? (own(candidate.metrics, metric) ?? null) : null,
      baseValue: metric && baseCandidate ? (own(baseCandidate.metrics, metric) ?? null) : null,
      champion: head.champion === name,
      baseChampion: base?.champion === name,
      metrics: candidate.metrics,
      params: candidate.params,
    };
  });
  rows.sort((a, b) => {
    if (a.value === null || b.value === null)
      return a.value === null ? (b.value === null ? 0 : 1) : -1;
    return direction === 'higher' ? b.value - a.value : a.value - b.value;
  });
  return { metric, direction, rows };
}

function compareData(base: RunRecord | null, head: RunRecord): Comparison['data'] {
  const deps: DepDiff[] = [];
  let unchangedDeps = 0;
  const stats: StatDiff[] = [];
  let unchangedStats = 0;
  const profiles = compareProfiles(base ? (base.profiles ?? {}) : null, head.profiles ?? {});
  if (!base) return { deps, unchangedDeps, stats, unchangedStats, profiles };
  for (const path of sortedKeys(base.deps, head.deps)) {
    const b = own(base.deps, path) ?? null;
    const h = own(head.deps, path) ?? null;
    if (b && h && b.hash === h.hash) unchangedDeps++;
    else deps.push({ path, base: b, head: h, change: !b ? 'added' : !h ? 'removed' : 'changed' });
  }
  for (const file of sortedKeys(base.stats, head.stats)) {
    const b = flatten(own(base.stats, file));
    const h = flatten(own(head.stats, file));
    for (const key of [...new Set([...b.keys(), ...h.keys()])].sort()) {
      const bv = b.get(key);
      const hv = h.get(key);
      if (bv === hv) {
        unchangedStats++;
        continue;
      }
      const numeric = typeof bv === 'number' && typeof hv === 'number';
      stats.push({
        file,
        key,
        base: bv,
        head: hv,
        delta: numeric ? hv - bv : null,
        deltaPct: numeric && bv !== 0 ? ((hv - bv) / Math.abs(bv)) * 100 : null,
      });
    }
  }
  return { deps, unchangedDeps, stats, unchangedStats, profiles };
}

/** The keys of two records, each once, sorted. */
function sortedKeys(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

type Leaf = number | string | boolean | null;

/** Leaves of a statistics document as dotted keys (`features.age.mean`), capped. */
function flatten(value: unknown): Map<string, Leaf> {
  const leaves = new Map<string, Leaf>();
  const walk = (node: unknown, prefix: string, depth: number): void => {
    if (leaves.size >= MAX_STAT_LEAVES || depth > 16) return;
    if (
      node === null ||
      typeof node === 'number' ||
      typeof node === 'string' ||
      typeof node === 'boolean'
    ) {
      leaves.set(prefix || '(value)', node);
      return;
    }
    if (typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node))
      walk(child, prefix ? `${prefix}.${key}` : key, depth + 1);
  };
  walk(value, '', 0);
  return leaves;
}
