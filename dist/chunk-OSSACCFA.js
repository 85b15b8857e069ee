import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  metricValue
} from "./chunk-TCP67NLO.js";
import {
  _default,
  _enum,
  _null,
  array,
  boolean,
  literal,
  nullable,
  number,
  object,
  optional,
  record,
  string,
  union
} from "./chunk-JK3JTSK4.js";

// core/run-artifact/history.ts
var RUN_HISTORY_SCHEMA = "cd4ml/run-history@1";
var HistoryEntry = object({
  /** The run's id (`RunRecord.id`). */
  id: string(),
  /** The commit it ran on; null when it ran outside git. */
  commit: nullable(string()),
  /** The branch it ran on, when known. */
  branch: _default(nullable(string()), null),
  /** ISO 8601 time the run finished (`RunRecord.createdAt`). */
  createdAt: string(),
  /** `success` or `failed`; only successful runs are carried forward. */
  status: _enum(["success", "failed"]),
  /** Flattened metric values (reported and virtual). */
  metrics: record(string(), number()),
  /** Flattened params, when the writer kept them (optional: they can be large). */
  params: optional(
    record(string(), union([string(), number(), boolean(), _null()]))
  )
});
var RunHistory = object({
  schema: literal(RUN_HISTORY_SCHEMA),
  runs: array(HistoryEntry)
});
var VIRTUAL_METRICS = [
  "model.bytes",
  "model.latency_p50_ms",
  "model.latency_p95_ms",
  "run.duration_ms"
];
function toHistoryEntry(record2, options = {}) {
  const metrics = { ...record2.metrics };
  for (const name of VIRTUAL_METRICS) {
    const value = metricValue(record2, name);
    if (value !== void 0 && !Object.hasOwn(metrics, name)) metrics[name] = value;
  }
  return {
    id: record2.id,
    commit: record2.git.commit,
    branch: record2.git.branch,
    createdAt: record2.createdAt,
    status: record2.status,
    metrics,
    ...options.params ? { params: { ...record2.params } } : {}
  };
}

export {
  RUN_HISTORY_SCHEMA,
  HistoryEntry,
  RunHistory,
  toHistoryEntry
};
//# sourceMappingURL=chunk-OSSACCFA.js.map
