import { metricRules, type Policy } from '../policy/schema.js';
import type { RunRecord } from '../run-record/schema.js';
import type { Significance } from '../stats/predictions.js';
import type { SliceComparison } from '../stats/slices.js';
import { compareMetrics, guessPrimary } from './metrics.js';
import { compareModel, leaderboard } from './model.js';
import { compareData, compareParams, compareStages } from './run-parts.js';
import type { Comparison, HistoryPoint, RunSummary } from './types.js';

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
