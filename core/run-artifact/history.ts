import * as z from '../yaml/zod.js';
import { metricValue } from '../compare/metrics.js';
import type { RunRecord } from '../run-record/schema.js';

/** Version tag of `cd4ml-history.json`, the base branch's recent runs carried in a run artifact. */
export const RUN_HISTORY_SCHEMA = 'cd4ml/run-history@1';

/**
 * One earlier run of the base branch as the trend needs it: who it was and its numbers.
 * `metrics` holds the run's reported metrics plus the virtual ones a policy can name
 * (`model.bytes`, `model.latency_p50_ms`, `model.latency_p95_ms`, `run.duration_ms`), so a
 * trend over them needs no full record.
 */
export const HistoryEntry = z.object({
  /** The run's id (`RunRecord.id`). */
  id: z.string(),
  /** The commit it ran on; null when it ran outside git. */
  commit: z.nullable(z.string()),
  /** The branch it ran on, when known. */
  branch: z._default(z.nullable(z.string()), null),
  /** ISO 8601 time the run finished (`RunRecord.createdAt`). */
  createdAt: z.string(),
  /** `success` or `failed`; only successful runs are carried forward. */
  status: z.enum(['success', 'failed']),
  /** Flattened metric values (reported and virtual). */
  metrics: z.record(z.string(), z.number()),
  /** Flattened params, when the writer kept them (optional: they can be large). */
  params: z.optional(
    z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  ),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** The file `cd4ml-history.json`: entries oldest first, the run that wrote it last. */
export const RunHistory = z.object({
  schema: z.literal(RUN_HISTORY_SCHEMA),
  runs: z.array(HistoryEntry),
});
export type RunHistory = z.infer<typeof RunHistory>;

/** Virtual metrics a history entry keeps besides the reported ones (policies name them). */
const VIRTUAL_METRICS = [
  'model.bytes',
  'model.latency_p50_ms',
  'model.latency_p95_ms',
  'run.duration_ms',
] as const;

/** A run as one history entry: its reported metrics plus the virtual ones it has. */
export function toHistoryEntry(
  record: RunRecord,
  options: { params?: boolean } = {},
): HistoryEntry {
  const metrics: Record<string, number> = { ...record.metrics };
  for (const name of VIRTUAL_METRICS) {
    const value = metricValue(record, name);
    if (value !== undefined && !Object.hasOwn(metrics, name)) metrics[name] = value;
  }
  return {
    id: record.id,
    commit: record.git.commit,
    branch: record.git.branch,
    createdAt: record.createdAt,
    status: record.status,
    metrics,
    ...(options.params ? { params: { ...record.params } } : {}),
  };
}
