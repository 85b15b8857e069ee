import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  metricRules
} from "./chunk-KCQC2NFU.js";

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

// core/stats/drift.ts
var FLOOR = 1e-4;
function psi(base, head) {
  let sum = 0;
  for (let i = 0; i < base.length; i++) {
    const b = Math.max(base[i], FLOOR);
    const h = Math.max(head[i] ?? 0, FLOOR);
    sum += (h - b) * Math.log(h / b);
  }
  return sum;
}
function sketchCdf(quantiles, x) {
  const k = quantiles.length;
  if (k === 0) return Number.NaN;
  if (x < quantiles[0]) return 0;
  if (x >= quantiles[k - 1]) return 1;
  let lo = 0;
  let hi = k - 1;
  while (lo < hi) {
    const mid = lo + hi + 1 >> 1;
    if (quantiles[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  const a = quantiles[lo];
  const b = quantiles[lo + 1];
  const step = 1 / (k - 1);
  return lo * step + (b > a ? (x - a) / (b - a) * step : 0);
}
function numericPsi(baseQuantiles, headQuantiles) {
  const edges = [...new Set(baseQuantiles.slice(1, -1))];
  const shares = (quantiles) => {
    const cdf = edges.map((e) => sketchCdf(quantiles, e));
    return [...cdf, 1].map((c, i) => c - (i === 0 ? 0 : cdf[i - 1]));
  };
  return psi(shares(baseQuantiles), shares(headQuantiles));
}
function categoricalPsi(base, head) {
  const headCounts = new Map(head.top.map(([v, c]) => [v, c]));
  const kept = base.top.filter(([v]) => head.complete || headCounts.has(v));
  const b = kept.map(([, c]) => c / base.total);
  const h = kept.map(([v]) => (headCounts.get(v) ?? 0) / head.total);
  b.push(Math.max(0, 1 - b.reduce((s, x) => s + x, 0)));
  h.push(Math.max(0, 1 - h.reduce((s, x) => s + x, 0)));
  return psi(b, h);
}
function sketchKs(base, head) {
  let d = 0;
  for (const x of [...base.quantiles, ...head.quantiles]) {
    d = Math.max(d, Math.abs(sketchCdf(base.quantiles, x) - sketchCdf(head.quantiles, x)));
  }
  const en = base.n * head.n / (base.n + head.n);
  return { statistic: d, pValue: kolmogorovSf(d * Math.sqrt(en)) };
}
function kolmogorovSf(z) {
  if (z <= 0) return 1;
  if (z < 1.18) {
    const w = Math.exp(-Math.PI * Math.PI / (8 * z * z));
    const sum2 = w + w ** 9 + w ** 25 + w ** 49;
    return 1 - Math.sqrt(2 * Math.PI) / z * sum2;
  }
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = (k % 2 === 1 ? 1 : -1) * Math.exp(-2 * k * k * z * z);
    sum += term;
    if (Math.abs(term) < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

// core/compare/profiles.ts
var NUMERIC = /* @__PURE__ */ new Set(["integer", "number"]);
function compareProfiles(base, head) {
  return Object.entries(head).map(([path, entry]) => profileDiff(path, base?.[path] ?? null, entry)).sort((a, b) => worstPsi(b) - worstPsi(a) || (a.path < b.path ? -1 : 1));
}
function profileDiff(path, base, head) {
  if ("error" in head)
    return { path, baseRows: null, headRows: null, columns: [], error: `head: ${head.error}` };
  if (base && "error" in base)
    return { path, baseRows: null, headRows: head.rows, columns: [], error: `base: ${base.error}` };
  const baseColumns = new Map((base?.columns ?? []).map((c) => [c.name, c]));
  const columns = head.columns.map(
    (h) => columnDiff(base ? baseColumns.get(h.name) ?? null : h, h, base?.rows ?? 0, head.rows, !base)
  );
  for (const b of base?.columns ?? []) {
    if (!head.columns.some((h) => h.name === b.name))
      columns.push(columnDiff(b, null, base.rows, head.rows, false));
  }
  columns.sort((a, b) => rank(b) - rank(a));
  return { path, baseRows: base?.rows ?? null, headRows: head.rows, columns, error: null };
}
function columnDiff(b, h, baseRows, headRows, noBase) {
  const rate = (c, rows) => c && rows > 0 ? c.nulls / rows : null;
  const change = !b ? "added" : !h ? "removed" : b.type !== h.type ? "retyped" : "same";
  const diff = {
    name: (h ?? b).name,
    change,
    baseType: noBase ? null : b?.type ?? null,
    headType: h?.type ?? null,
    baseNullRate: noBase ? null : rate(b, baseRows),
    headNullRate: rate(h, headRows),
    psi: null,
    ks: null
  };
  if (noBase || !b || !h || change !== "same") return diff;
  diff.psi = drift(b, h, baseRows, headRows);
  if (NUMERIC.has(h.type) && b.quantiles && h.quantiles)
    diff.ks = sketchKs(
      { quantiles: b.quantiles, n: baseRows - b.nulls },
      { quantiles: h.quantiles, n: headRows - h.nulls }
    );
  return diff;
}
function drift(b, h, baseRows, headRows) {
  const baseTotal = baseRows - b.nulls;
  const headTotal = headRows - h.nulls;
  if (baseTotal <= 0 || headTotal <= 0) return null;
  if (b.top && h.top && (b.other === 0 || !NUMERIC.has(b.type)))
    return categoricalPsi(
      { top: b.top, total: baseTotal },
      { top: h.top, total: headTotal, complete: h.other === 0 }
    );
  if (b.quantiles && h.quantiles) return numericPsi(b.quantiles, h.quantiles);
  return null;
}
function rank(c) {
  if (c.change !== "same") return 1e9;
  const nullMove = Math.abs((c.headNullRate ?? 0) - (c.baseNullRate ?? 0));
  return (c.psi ?? 0) * 1e3 + nullMove;
}
function worstPsi(d) {
  if (d.error) return 1e12;
  return Math.max(0, ...d.columns.map(rank));
}

// core/compare/compare.ts
var MODEL_METRICS = [
  "model.bytes",
  "model.latency_p50_ms",
  "model.latency_p95_ms"
];
var MAX_STAT_LEAVES = 5e3;
function compare(base, head, policy, options = {}) {
  const history = historyRuns(base, options.history ?? [], policy.report.history);
  const ruleMetrics = metricRules(policy.gate.rules).map((rule) => rule.metric);
  const significance = options.significance ?? null;
  const metrics = compareMetrics(base, head, history, policy, ruleMetrics, significance);
  const primaryMetric = policy.report.primary ?? ruleMetrics[0] ?? policy.report.chart[0] ?? guessPrimary(metrics);
  const notes = [...options.notes ?? []];
  if (significance?.kind === "skipped") notes.push(`No significance test: ${significance.reason}.`);
  if (head.git.dirty) notes.push("The head run was made with uncommitted changes.");
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
    history: history.map((run) => ({
      id: run.id,
      commit: run.git.commit,
      createdAt: run.createdAt
    })),
    primaryMetric,
    unverified: options.unverified ?? null,
    notes
  };
}
function summary(run) {
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
    repository: run.ci?.repository ?? null
  };
}
function historyRuns(base, history, limit) {
  const runs = history.filter((run) => run.id !== base?.id);
  if (base) runs.push(base);
  return limit === 0 ? [] : runs.slice(-limit);
}
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
function compareParams(base, head) {
  const params = [];
  if (!base)
    return {
      params,
      paramCounts: { base: 0, head: Object.keys(head.params).length, unchanged: 0 }
    };
  let unchanged = 0;
  for (const name of sortedKeys(base.params, head.params)) {
    const inBase = Object.hasOwn(base.params, name);
    const inHead = Object.hasOwn(head.params, name);
    const b = inBase ? base.params[name] : void 0;
    const h = inHead ? head.params[name] : void 0;
    if (inBase && inHead && b === h) unchanged++;
    else
      params.push({
        name,
        base: b,
        head: h,
        change: !inBase ? "added" : !inHead ? "removed" : "changed"
      });
  }
  return {
    params,
    paramCounts: {
      base: Object.keys(base.params).length,
      head: Object.keys(head.params).length,
      unchanged
    }
  };
}
function compareStages(base, head) {
  const names = [.../* @__PURE__ */ new Set([...Object.keys(head.stages), ...Object.keys(base?.stages ?? {})])];
  return names.map((name) => {
    const b = base ? own(base.stages, name) : void 0;
    const h = own(head.stages, name);
    return {
      name,
      base: b ? { status: b.status, durationMs: b.durationMs, attempts: b.attempts } : null,
      head: h ? {
        status: h.status,
        durationMs: h.durationMs,
        attempts: h.attempts,
        ...h.reason ? { reason: h.reason } : {}
      } : null,
      deltaMs: b && h ? h.durationMs - b.durationMs : null,
      ...h?.checks ? { checks: h.checks } : {}
    };
  });
}
function compareModel(base, head) {
  const b = base?.model ?? null;
  const h = head.model;
  if (!b && !h) return null;
  const signature = b && h ? [
    ...signatureChanges("input", b.inputs, h.inputs),
    ...signatureChanges("output", b.outputs, h.outputs)
  ] : [];
  return {
    base: b,
    head: h,
    changed: b?.sha256 !== h?.sha256,
    signature,
    breaking: signature.some((change) => change.breaking)
  };
}
function signatureChanges(side, base, head) {
  const changes = [];
  const headByName = new Map(head.map((t) => [t.name, t]));
  const baseByName = new Map(base.map((t) => [t.name, t]));
  for (const b of base) {
    const h = headByName.get(b.name);
    if (!h)
      changes.push({ side, name: b.name, kind: "removed", base: b, head: null, breaking: true });
    else if (b.type !== h.type)
      changes.push({ side, name: b.name, kind: "type", base: b, head: h, breaking: true });
    else if (JSON.stringify(b.shape) !== JSON.stringify(h.shape))
      changes.push({ side, name: b.name, kind: "shape", base: b, head: h, breaking: true });
  }
  for (const h of head) {
    if (!baseByName.has(h.name))
      changes.push({
        side,
        name: h.name,
        kind: "added",
        base: null,
        head: h,
        breaking: side === "input"
      });
  }
  return changes;
}
function candidateMetricKey(candidates, name) {
  const keys = [
    ...new Set(Object.values(candidates).flatMap((c) => Object.keys(c.metrics)))
  ].sort();
  const last = name.split(".").at(-1);
  return keys.find((key) => key === name) ?? keys.find((key) => key.split(".").at(-1) === last) ?? keys.find((key) => {
    const tail = key.split(".").at(-1);
    return tail.endsWith(last) && /^[._-]$/.test(tail.charAt(tail.length - last.length - 1));
  }) ?? null;
}
function leaderboard(base, head, primary, policy) {
  const entries = Object.entries(head.candidates);
  if (entries.length === 0) return null;
  const metric = primary ? candidateMetricKey(head.candidates, primary) ?? primary : null;
  const direction = metric ? metricDirection(metric, policy).direction : "higher";
  const rows = entries.map(([name, candidate]) => {
    const baseCandidate = base ? own(base.candidates, name) : void 0;
    return {
      name,
      stage: candidate.stage,
      value: metric ? own(candidate.metrics, metric) ?? null : null,
      baseValue: metric && baseCandidate ? own(baseCandidate.metrics, metric) ?? null : null,
      champion: head.champion === name,
      baseChampion: base?.champion === name,
      metrics: candidate.metrics,
      params: candidate.params
    };
  });
  rows.sort((a, b) => {
    if (a.value === null || b.value === null)
      return a.value === null ? b.value === null ? 0 : 1 : -1;
    return direction === "higher" ? b.value - a.value : a.value - b.value;
  });
  return { metric, direction, rows };
}
function compareData(base, head) {
  const deps = [];
  let unchangedDeps = 0;
  const stats = [];
  let unchangedStats = 0;
  const profiles = compareProfiles(base ? base.profiles ?? {} : null, head.profiles ?? {});
  if (!base) return { deps, unchangedDeps, stats, unchangedStats, profiles };
  for (const path of sortedKeys(base.deps, head.deps)) {
    const b = own(base.deps, path) ?? null;
    const h = own(head.deps, path) ?? null;
    if (b && h && b.hash === h.hash) unchangedDeps++;
    else deps.push({ path, base: b, head: h, change: !b ? "added" : !h ? "removed" : "changed" });
  }
  for (const file of sortedKeys(base.stats, head.stats)) {
    const b = flatten(own(base.stats, file));
    const h = flatten(own(head.stats, file));
    for (const key of [.../* @__PURE__ */ new Set([...b.keys(), ...h.keys()])].sort()) {
      const bv = b.get(key);
      const hv = h.get(key);
      if (bv === hv) {
        unchangedStats++;
        continue;
      }
      const numeric = typeof bv === "number" && typeof hv === "number";
      stats.push({
        file,
        key,
        base: bv,
        head: hv,
        delta: numeric ? hv - bv : null,
        deltaPct: numeric && bv !== 0 ? (hv - bv) / Math.abs(bv) * 100 : null
      });
    }
  }
  return { deps, unchangedDeps, stats, unchangedStats, profiles };
}
function sortedKeys(a, b) {
  return [.../* @__PURE__ */ new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}
function flatten(value) {
  const leaves = /* @__PURE__ */ new Map();
  const walk = (node, prefix, depth) => {
    if (leaves.size >= MAX_STAT_LEAVES || depth > 16) return;
    if (node === null || typeof node === "number" || typeof node === "string" || typeof node === "boolean") {
      leaves.set(prefix || "(value)", node);
      return;
    }
    if (typeof node !== "object") return;
    for (const [key, child] of Object.entries(node))
      walk(child, prefix ? `${prefix}.${key}` : key, depth + 1);
  };
  walk(value, "", 0);
  return leaves;
}

export {
  compare,
  metricValue
};
//# sourceMappingURL=chunk-6GPZFL5S.js.map
