import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);

// core/compare/direction.ts
var LOWER_IS_BETTER = /* @__PURE__ */ new Set([
  "loss",
  "logloss",
  "error",
  "err",
  "errors",
  "rmse",
  "mse",
  "mae",
  "mape",
  "smape",
  "rmsle",
  "wer",
  "cer",
  "brier",
  "perplexity",
  "ppl",
  "latency",
  "time",
  "duration",
  "seconds",
  "secs",
  "sec",
  "ms",
  "size",
  "bytes",
  "memory",
  "mem",
  "fpr",
  "fnr",
  "far",
  "frr",
  "eer",
  "cost",
  "regret",
  "divergence",
  "kl",
  "distance",
  "drift"
]);
function metricDirection(name, policy) {
  const configured = policy && Object.hasOwn(policy.metrics, name) ? policy.metrics[name]?.direction : void 0;
  if (configured) return { direction: configured, source: "policy" };
  const parts = name.toLowerCase().split(/[^a-z0-9]+|(?<=[a-z])(?=\d)/).filter(Boolean);
  return {
    direction: parts.some((part) => LOWER_IS_BETTER.has(part)) ? "lower" : "higher",
    source: "name"
  };
}

// core/compare/metrics.ts
var MODEL_METRICS = ["model.bytes", "model.latency_p50_ms", "model.latency_p95_ms"];
function own(record, key) {
  return Object.hasOwn(record, key) ? record[key] : void 0;
}
function metricValue(run, name) {
  const reported = own(run.metrics, name);
  if (reported !== void 0) return reported;
  switch (name) {
    case "model.bytes":
      return run.model?.bytes;
    case "model.latency_p50_ms":
      return run.model?.latency?.p50Ms;
    case "model.latency_p95_ms":
      return run.model?.latency?.p95Ms;
    case "run.duration_ms":
      return run.timings.durationMs;
  }
  const stage = /^stage\.(.+)\.duration_ms$/.exec(name);
  if (stage) return own(run.stages, stage[1])?.durationMs;
  return void 0;
}
function isVirtual(run, name) {
  return run ? own(run.metrics, name) === void 0 : true;
}
function compareMetrics(base, head, history, policy, ruleMetrics, significance) {
  const names = /* @__PURE__ */ new Set([
    ...Object.keys(head.metrics),
    ...Object.keys(base?.metrics ?? {})
  ]);
  for (const name of MODEL_METRICS) {
    if (base && metricValue(base, name) !== void 0 || metricValue(head, name) !== void 0)
      names.add(name);
  }
  for (const name of ruleMetrics) names.add(name);
  const intervals = significance && significance.kind !== "skipped" ? significance.metrics : [];
  const diffs = [];
  for (const name of names) {
    const b = base ? metricValue(base, name) ?? null : null;
    const h = metricValue(head, name) ?? null;
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
      significance: matchInterval(name, intervals, b, h)
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
function delta(base, head) {
  if (base === null || head === null) return { delta: null, deltaPct: null };
  const d = head - base;
  return { delta: d, deltaPct: base === 0 ? null : d / Math.abs(base) * 100 };
}
function changeOf(base, head, direction, hasBase) {
  if (head === null) return base === null ? "missing" : "removed";
  if (base === null) return hasBase ? "added" : "no-base";
  const tolerance = 1e-12 * Math.max(Math.abs(base), Math.abs(head), 1);
  if (Math.abs(head - base) <= tolerance) return "same";
  return head > base === (direction === "higher") ? "better" : "worse";
}
var INTERVAL_ALIASES = {
  accuracy: "accuracy",
  acc: "accuracy",
  error_rate: "error_rate",
  error: "error_rate",
  err: "error_rate",
  brier: "brier",
  brier_score: "brier",
  log_loss: "log_loss",
  logloss: "log_loss",
  mae: "mae",
  mse: "mse",
  rmse: "rmse"
};
function matchInterval(name, intervals, base, head) {
  if (name.startsWith("model.") || name.startsWith("stage.") || name.startsWith("run."))
    return null;
  const last = name.toLowerCase().split(/[./]/).at(-1) ?? "";
  const wanted = own(INTERVAL_ALIASES, last);
  const interval = intervals.find((candidate) => candidate.name === wanted);
  if (!interval) return null;
  const agrees = (recorded, recomputed) => recorded === null || Math.abs(recorded - recomputed) <= Math.max(1e-3, 5e-3 * Math.abs(recorded));
  return agrees(base, interval.base) && agrees(head, interval.head) ? interval : null;
}
function guessPrimary(metrics) {
  for (const preferred of ["accuracy", "f1", "auc", "roc_auc", "r2", "rmse", "loss"]) {
    const hit = metrics.find((m) => m.name === preferred || m.name.endsWith(`.${preferred}`));
    if (hit) return hit.name;
  }
  return metrics.find((m) => !m.virtual)?.name ?? null;
}

export {
  metricDirection,
  own,
  metricValue,
  compareMetrics,
  guessPrimary
};
//# sourceMappingURL=chunk-TCP67NLO.js.map
