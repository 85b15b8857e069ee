import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  CsvError,
  parse
} from "./chunk-DF5CTIZP.js";
import {
  STATUS_OF_CONCLUSION,
  evaluatePolicy,
  renderText,
  sliceName,
  sparkline
} from "./chunk-NUBAJKUL.js";
import {
  chooseBaseline,
  walkedHistory
} from "./chunk-QEEBABML.js";
import {
  BOOTSTRAP_DEFAULTS,
  meanDeltaStatistic,
  pairedBootstrapMany,
  pairedBootstrapTests
} from "./chunk-5ZLPMS4V.js";
import "./chunk-TZI6WE27.js";
import {
  RUN_RECORD_SCHEMA
} from "./chunk-KWKVIQUA.js";
import {
  formatDelta,
  formatDuration,
  formatNumber,
  formatP,
  formatPct,
  formatValue,
  unitOf
} from "./chunk-XVQGURII.js";
import {
  POLICY_PATH,
  parsePolicy
} from "./chunk-XFMMFOEL.js";
import "./chunk-P4FB7NFE.js";
import "./chunk-AMI25YWR.js";
import "./chunk-GLCB3FVJ.js";
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";
import {
  defaultPolicy,
  metricRules
} from "./chunk-TA7C4CJ4.js";
import {
  CHANGE_ICON,
  STATUS_ICON,
  details,
  shadowSection,
  table
} from "./chunk-RYFJZ4KU.js";
import {
  REPORT_MARKER,
  code,
  escapeHtml,
  escapeMarkdown,
  escapeMermaid,
  safeUrl
} from "./chunk-F7FDA4KN.js";
import "./chunk-OSSACCFA.js";
import {
  compareMetrics,
  guessPrimary,
  metricDirection,
  own
} from "./chunk-TCP67NLO.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import "./chunk-WARPCWE3.js";

// core/compare/model.ts
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
function signatureChanges(side2, base, head) {
  const changes = [];
  const headByName = new Map(head.map((t) => [t.name, t]));
  const baseByName = new Map(base.map((t) => [t.name, t]));
  for (const b of base) {
    const h = headByName.get(b.name);
    if (!h)
      changes.push({ side: side2, name: b.name, kind: "removed", base: b, head: null, breaking: true });
    else if (b.type !== h.type)
      changes.push({ side: side2, name: b.name, kind: "type", base: b, head: h, breaking: true });
    else if (JSON.stringify(b.shape) !== JSON.stringify(h.shape))
      changes.push({ side: side2, name: b.name, kind: "shape", base: b, head: h, breaking: true });
  }
  for (const h of head) {
    if (!baseByName.has(h.name))
      changes.push({
        side: side2,
        name: h.name,
        kind: "added",
        base: null,
        head: h,
        breaking: side2 === "input"
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
  const metric2 = primary ? candidateMetricKey(head.candidates, primary) ?? primary : null;
  const direction = metric2 ? metricDirection(metric2, policy).direction : "higher";
  const rows = entries.map(([name, candidate]) => {
    const baseCandidate = base ? own(base.candidates, name) : void 0;
    return {
      name,
      stage: candidate.stage,
      value: metric2 ? own(candidate.metrics, metric2) ?? null : null,
      baseValue: metric2 && baseCandidate ? own(baseCandidate.metrics, metric2) ?? null : null,
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
  return { metric: metric2, direction, rows };
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
  const step2 = 1 / (k - 1);
  return lo * step2 + (b > a ? (x - a) / (b - a) * step2 : 0);
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
  const rate2 = (c, rows) => c && rows > 0 ? c.nulls / rows : null;
  const change = !b ? "added" : !h ? "removed" : b.type !== h.type ? "retyped" : "same";
  const diff = {
    name: (h ?? b).name,
    change,
    baseType: noBase ? null : b?.type ?? null,
    headType: h?.type ?? null,
    baseNullRate: noBase ? null : rate2(b, baseRows),
    headNullRate: rate2(h, headRows),
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

// core/compare/run-parts.ts
var MAX_STAT_LEAVES = 5e3;
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

// core/compare/compare.ts
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

// core/report/links.ts
var REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
var SHA = /^[0-9a-f]{7,40}$/;
function resolveLinks(comparison, explicit = {}) {
  const repo = comparison.head.repository && REPO.test(comparison.head.repository) ? comparison.head.repository : null;
  const server = serverOf(comparison.head.runUrl, repo);
  const commitUrl = (sha) => repo && sha && SHA.test(sha) ? `${server}/${repo}/commit/${sha}` : null;
  const base = comparison.base?.commit;
  const head = comparison.head.commit;
  return {
    run: safeUrl(explicit.run) ?? safeUrl(comparison.head.runUrl),
    artifacts: safeUrl(explicit.artifacts),
    baseCommit: safeUrl(explicit.baseCommit) ?? commitUrl(base),
    headCommit: safeUrl(explicit.headCommit) ?? commitUrl(head),
    compare: safeUrl(explicit.compare) ?? (repo && base && head && SHA.test(base) && SHA.test(head) && base !== head ? `${server}/${repo}/compare/${base}...${head}` : null),
    policy: safeUrl(explicit.policy)
  };
}
function serverOf(runUrl, repo) {
  const url = safeUrl(runUrl);
  const at = url && repo ? url.indexOf(`/${repo}/actions/runs/`) : -1;
  return url && at > 0 && /^https?:\/\/[^/]+$/.test(url.slice(0, at)) ? url.slice(0, at) : "https://github.com";
}

// core/report/mermaid.ts
function historyChart(comparison, metric2) {
  const diff = comparison.metrics.find((m) => m.name === metric2);
  if (!diff || diff.head === null) return null;
  const labels = [];
  const values = [];
  comparison.history.forEach((point, i) => {
    const value = diff.history[i];
    if (value === null || value === void 0 || !Number.isFinite(value)) return;
    labels.push(escapeMermaid(point.commit ? point.commit.slice(0, 7) : point.id, 12));
    values.push(value);
  });
  if (values.length === 0) return null;
  labels.push("this PR");
  values.push(diff.head);
  const inMegabytes = unitOf(metric2) === "bytes";
  if (inMegabytes) values.forEach((v, i) => values[i] = v / 1e6);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = max > min ? (max - min) * 0.15 : Math.max(Math.abs(max) * 0.01, 1e-9);
  const low = niceFloor(min - pad, max - min + 2 * pad);
  const high = niceCeil(max + pad, max - min + 2 * pad);
  const bars = values.map((v, i) => i === values.length - 1 ? v : low);
  const name = escapeMermaid(metric2);
  const axis = inMegabytes ? `${name} MB` : name;
  return [
    "```mermaid",
    '%%{init: {"xyChart": {"width": 760, "height": 280, "titleFontSize": 16, "xAxis": {"labelFontSize": 12}, "yAxis": {"labelFontSize": 12, "titleFontSize": 14}}, "themeVariables": {"xyChart": {"plotColorPalette": "#b6d7ff, #0969da"}}}}%%',
    "xychart-beta",
    `  title "${name}: ${values.length === 2 ? "the base run" : `last ${values.length - 1} runs on the base branch`}, then this PR"`,
    `  x-axis [${labels.map((l) => `"${l}"`).join(", ")}]`,
    `  y-axis "${axis}" ${num(low)} --> ${num(high)}`,
    `  bar [${bars.map(num).join(", ")}]`,
    `  line [${values.map(num).join(", ")}]`,
    "```"
  ].join("\n");
}
function step(span) {
  return 10 ** (Math.floor(Math.log10(span || 1)) - 1);
}
function niceFloor(value, span) {
  const s = step(span);
  return Math.floor(value / s) * s;
}
function niceCeil(value, span) {
  const s = step(span);
  return Math.ceil(value / s) * s;
}
function num(value) {
  return String(Number(value.toPrecision(6)));
}

// core/report/markdown/model.ts
function signatureWords(kind, base, head) {
  const desc = (t) => t ? `${escapeMarkdown(t.type, 20)} \\[${t.shape.map((d) => escapeMarkdown(String(d ?? "?"), 20)).join(", ")}\\]` : "\u2014";
  switch (kind) {
    case "added":
      return `added: ${desc(head)}`;
    case "removed":
      return `removed (was ${desc(base)})`;
    default:
      return `changed: ${desc(base)} \u2192 ${desc(head)}`;
  }
}
function tensorRows(tensors, side2) {
  return tensors.map((t) => [
    side2,
    code(t.name, 60),
    code(t.type, 20),
    code(`[${t.shape.map((d) => String(d ?? "?")).join(", ")}]`, 80)
  ]);
}
function sizeTable({ base, head }) {
  const row = (label, name, b, h) => {
    const d = b !== null && b !== void 0 && h !== null && h !== void 0 ? h - b : null;
    const pct = d !== null && b ? d / Math.abs(b) * 100 : null;
    return [
      label,
      formatValue(name, b),
      formatValue(name, h),
      formatDelta(name, d),
      formatPct(pct)
    ];
  };
  return table(
    ["", "Base", "Head", "\u0394", "\u0394%"],
    "|:--|--:|--:|--:|--:|",
    [
      row("Size", "model.bytes", base?.bytes, head?.bytes),
      row("Latency p50", "model.latency_p50_ms", base?.latency?.p50Ms, head?.latency?.p50Ms),
      row("Latency p95", "model.latency_p95_ms", base?.latency?.p95Ms, head?.latency?.p95Ms)
    ],
    4e3,
    (r) => r
  );
}
function modelSummary(model) {
  const { base, head } = model;
  const size = base && head ? `${formatValue("model.bytes", base.bytes)} \u2192 ${formatValue("model.bytes", head.bytes)}` : formatValue("model.bytes", head?.bytes ?? base?.bytes);
  const p95 = head?.latency ? `, p95 ${formatDuration(head.latency.p95Ms)}` : "";
  const signature = model.breaking ? ", \u{1F4A5} breaking signature change" : model.signature.length > 0 ? ", signature extended" : base && head ? ", same signature" : "";
  return `<b>Model</b>: ${size}${p95}${signature}`;
}
var modelSection = ({ comparison }, budget) => {
  const model = comparison.model;
  if (!model) return null;
  const { base, head } = model;
  const lines = [sizeTable(model)];
  lines.push(
    "",
    `**File:** ${head ? code(head.path, 100) : "\u2014"} \xB7 sha256 ${head ? code(head.sha256.slice(0, 12), 12) : "\u2014"}${model.changed ? base ? ` (was ${code(base.sha256.slice(0, 12), 12)})` : "" : " (unchanged)"}`
  );
  if (head) {
    lines.push("", "**Signature**", "");
    lines.push(
      table(
        ["", "Name", "Type", "Shape"],
        "|:--|:--|:--|:--|",
        [...tensorRows(head.inputs, "input"), ...tensorRows(head.outputs, "output")],
        Math.max(1e3, budget / 2),
        (r) => r
      )
    );
  }
  if (model.signature.length > 0) {
    lines.push("", "**Signature changes**", "");
    for (const change of model.signature.slice(0, 50)) {
      lines.push(
        `- ${change.breaking ? "\u{1F4A5} **breaking**: " : ""}${change.side} ${code(change.name, 60)} ${signatureWords(change.kind, change.base, change.head)}`
      );
    }
  }
  return details(modelSummary(model), lines.join("\n"));
};

// core/report/markdown/alerts.ts
function alertsOf(comparison) {
  const alerts = [];
  const model = comparison.model;
  if (model?.breaking) {
    const changes = model.signature.filter((c) => c.breaking).slice(0, 5).map((c) => `${c.side} ${code(c.name, 60)} ${signatureWords(c.kind, c.base, c.head)}`);
    alerts.push(
      [
        "> [!CAUTION]",
        `> **Breaking change to the model signature.** Clients of the current model will fail against this one:`,
        ...changes.map((c) => `> - ${c}`)
      ].join("\n")
    );
  }
  if (comparison.unverified) {
    alerts.push(
      `> [!WARNING]
> **Unverified metrics:** ${escapeMarkdown(comparison.unverified, 300)}. The numbers below are what the pull request's own workflow reported.`
    );
  }
  if (comparison.head.status === "failed")
    alerts.push("> [!WARNING]\n> **The head run failed**: its metrics are incomplete.");
  const data = dataAlert(comparison);
  if (data) alerts.push(data);
  return alerts.length > 0 ? alerts.join("\n\n") : null;
}
function dataAlert(comparison) {
  const deps = comparison.data.deps;
  const rows = comparison.data.stats.filter(
    (s) => /(^|\.)(rows|row_count|n_rows|num_rows)(\.|$)/.test(s.key) && typeof s.base === "number" && typeof s.head === "number"
  ).slice(0, 3);
  if (deps.length === 0 && rows.length === 0) return null;
  const what = [];
  if (deps.length > 0)
    what.push(
      `${deps.length} data dep${deps.length === 1 ? "" : "s"} changed (${deps.slice(0, 3).map((d) => code(d.path, 60)).join(", ")}${deps.length > 3 ? ", \u2026" : ""})`
    );
  for (const r of rows) {
    what.push(
      `${escapeMarkdown(r.key, 60)} ${formatNumber(r.base)} \u2192 ${formatNumber(r.head)} (${formatPct(r.deltaPct)})`
    );
  }
  return `> [!NOTE]
> **The data moved:** ${what.join("; ")}. See *Data* below.`;
}

// core/report/markdown/all-metrics.ts
var allMetricsSection = ({ comparison, maxRows }, budget) => {
  if (comparison.metrics.length <= maxRows) return null;
  return details(
    `<b>All metrics</b> (${comparison.metrics.length.toLocaleString("en-US")})`,
    table(
      ["", "Metric", "Base", "Head", "\u0394", "\u0394%"],
      "|:-:|:--|--:|--:|--:|--:|",
      comparison.metrics,
      budget - 300,
      (m) => [
        CHANGE_ICON[m.change],
        escapeMarkdown(m.name, 80),
        formatValue(m.name, m.base),
        formatValue(m.name, m.head),
        formatDelta(m.name, m.delta),
        formatPct(m.deltaPct)
      ]
    )
  );
};

// core/report/markdown/baseline.ts
var short = (sha) => code(sha.slice(0, 7), 7);
var baselineSection = ({ baseline }, budget) => {
  if (!baseline) return null;
  const lines = [startLine(baseline), usedLine(baseline)];
  if (baseline.searched) lines.push(`Searched: ${escapeMarkdown(baseline.searched, 600)}.`);
  let body = lines.join("\n\n");
  if (baseline.skipped.length > 0) {
    const skipped = table(
      ["Run", "Commit", "Skipped because"],
      "|:--|:--|:--|",
      baseline.skipped,
      budget - body.length - 400,
      (s) => [escapeMarkdown(s.label, 120), short(s.commit), escapeMarkdown(s.reason, 300)]
    );
    body += `

${skipped}`;
  }
  const used = baseline.used;
  const summary2 = used ? `<b>Baseline</b>: ${escapeMarkdown(used.label, 120)} at ${short(used.commit)}${baseline.skipped.length > 0 ? `, ${baseline.skipped.length} skipped` : ""}` : "<b>Baseline</b>: none found";
  return details(summary2, body, !used);
};
function startLine(search) {
  if (!search.head)
    return `Base commit ${short(search.base)}${search.branch ? ` (\`${escapeMarkdown(search.branch, 100)}\`)` : ""}.`;
  const base = `${search.branch ? `\`${escapeMarkdown(search.branch, 100)}\` ` : ""}${short(search.base)}`;
  return search.start ? `Base commit ${short(search.start)}: the merge-base of the head ${short(search.head)} and ${base}.` : `The head ${short(search.head)} and ${base} have no merge-base.`;
}
function usedLine(search) {
  const used = search.used;
  if (!used) {
    return search.start ? `No usable run at the base commit or within ${search.depth - 1} first parents before it (${search.walked} commit${search.walked === 1 ? "" : "s"} looked at): run the pipeline on a push there to get a baseline.` : "No baseline.";
  }
  const url = safeUrl(used.url);
  const run = url ? `[${escapeMarkdown(used.label, 120)}](${url})` : escapeMarkdown(used.label, 120);
  const where = used.distance === 0 ? "at the base commit" : `at ${short(used.commit)}, ${used.distance} first parent${used.distance === 1 ? "" : "s"} before the base commit (none nearer was usable)`;
  return `Used ${run}, ${where}: the newest trusted, clean, successful run there.`;
}

// core/report/markdown/candidates.ts
var candidatesSection = ({ comparison }, budget) => {
  const board = comparison.candidates;
  if (!board || board.rows.length === 0) return null;
  const metric2 = board.metric ?? "score";
  const champion = board.rows.find((r) => r.champion);
  const rows = board.rows.map((r, i) => [
    String(i + 1),
    `${r.champion ? "\u{1F3C6} " : ""}${code(r.name, 60)}${r.champion ? " **champion**" : ""}${r.baseChampion && !r.champion ? " <sub>base champion</sub>" : ""}`,
    r.value === null ? "\u2014" : formatValue(metric2, r.value),
    r.baseValue === null ? "\u2014" : formatValue(metric2, r.baseValue),
    r.value !== null && r.baseValue !== null ? formatDelta(metric2, r.value - r.baseValue) : "\u2014",
    escapeMarkdown(
      Object.entries(r.params).slice(0, 4).map(([k, v]) => `${k}=${String(v)}`).join(", "),
      120
    )
  ]);
  const summary2 = `<b>Candidates</b>: ${board.rows.length} trained${champion ? `, champion ${escapeHtml(champion.name, 60)}` : ""} (ranked by ${escapeHtml(metric2, 60)}, ${board.direction} is better)`;
  return details(
    summary2,
    table(
      ["#", "Candidate", escapeMarkdown(metric2, 60), "Base", "\u0394", "Params"],
      "|--:|:--|--:|--:|--:|:--|",
      rows,
      budget - 400,
      (r) => r
    )
  );
};

// core/report/markdown/data-profiles.ts
var LARGE_PSI = 0.25;
var MODERATE_PSI = 0.1;
var rate = (r) => r === null ? "\u2014" : `${formatNumber(r * 100)}%`;
function driftCell(c) {
  if (c.psi === null) return "\u2014";
  const mark = c.psi >= LARGE_PSI ? "\u{1F534} " : c.psi >= MODERATE_PSI ? "\u{1F7E0} " : "";
  return `${mark}${formatNumber(c.psi)}`;
}
function changeCell(c) {
  if (c.change === "retyped") return `retyped ${c.baseType} \u2192 ${c.headType}`;
  if (c.change === "same") return c.headType ?? "\u2014";
  return `${c.change} (${c.baseType ?? c.headType})`;
}
function rowsLine(d) {
  const rows = (n) => n === null ? "\u2014" : n.toLocaleString("en-US");
  const pct = d.baseRows !== null && d.headRows !== null && d.baseRows > 0 ? ` (${formatPct((d.headRows - d.baseRows) / d.baseRows * 100)})` : "";
  const changed = d.columns.filter((c) => c.change !== "same");
  const schema = changed.length > 0 ? changed.map((c) => `${c.change} ${code(c.name, 40)}`).join(", ") : d.baseRows === null ? "no base profile" : "same columns";
  return `**${code(d.path, 120)}**: ${rows(d.baseRows)} \u2192 ${rows(d.headRows)} rows${pct} \xB7 ${d.columns.length} columns \xB7 ${schema}`;
}
function profileTables(profiles, budget) {
  const parts = [];
  let used = 0;
  for (const d of profiles) {
    if (used > budget - 500) {
      parts.push("", `> \u2702\uFE0F More data files not shown (size limit).`);
      break;
    }
    if (d.error) {
      const text2 = `**${code(d.path, 120)}**: \u26A0\uFE0F no profile: ${escapeMarkdown(d.error, 300)}`;
      parts.push("", text2);
      used += text2.length;
      continue;
    }
    const text = [
      rowsLine(d),
      "",
      table(
        ["Column", "Type", "Nulls base \u2192 head", "Drift (PSI)", "KS p"],
        "|:--|:--|--:|--:|--:|",
        d.columns,
        Math.min(8e3, budget - used),
        (c) => [
          code(c.name, 60),
          changeCell(c),
          `${rate(c.baseNullRate)} \u2192 ${rate(c.headNullRate)}`,
          driftCell(c),
          c.ks ? formatP(c.ks.pValue) : "\u2014"
        ]
      )
    ].join("\n");
    parts.push("", text);
    used += text.length;
  }
  return parts;
}
function worstDrift(profiles) {
  let worst = null;
  for (const d of profiles)
    for (const c of d.columns)
      if (c.psi !== null && (!worst || c.psi > worst.column.psi))
        worst = { path: d.path, column: c };
  return worst;
}

// core/report/markdown/data.ts
function depsTable(data, budget) {
  const { deps, unchangedDeps } = data;
  if (deps.length === 0)
    return unchangedDeps > 0 ? [`All ${unchangedDeps} data deps are unchanged.`] : [];
  const parts = [
    table(
      ["Data dep", "Change", "Base size", "Head size", "\u0394%", "Hash"],
      "|:--|:--|--:|--:|--:|:--|",
      deps,
      budget / 2,
      (d) => [
        code(d.path, 120),
        d.change,
        d.base ? formatValue("bytes", d.base.bytes) : "\u2014",
        d.head ? formatValue("bytes", d.head.bytes) : "\u2014",
        d.base && d.head ? formatPct((d.head.bytes - d.base.bytes) / Math.max(d.base.bytes, 1) * 100) : "\u2014",
        `${d.base ? code(d.base.hash.slice(0, 16), 16) : "\u2014"} \u2192 ${d.head ? code(d.head.hash.slice(0, 16), 16) : "\u2014"}`
      ]
    )
  ];
  if (unchangedDeps > 0)
    parts.push(
      "",
      `<sub>${unchangedDeps} other dep${unchangedDeps === 1 ? "" : "s"} unchanged.</sub>`
    );
  return parts;
}
function statsTable(data, budget) {
  const { stats, unchangedStats } = data;
  if (stats.length === 0) return [];
  const value = (v) => typeof v === "number" ? formatNumber(v) : v === void 0 ? "\u2014" : code(JSON.stringify(v), 60);
  const parts = ["", "**Dataset statistics**", ""];
  parts.push(
    table(
      ["File", "Statistic", "Base", "Head", "\u0394", "\u0394%"],
      "|:--|:--|--:|--:|--:|--:|",
      stats,
      budget / 2,
      (s) => [
        code(s.file, 60),
        code(s.key, 80),
        value(s.base),
        value(s.head),
        s.delta === null ? "\u2014" : formatDelta("", s.delta),
        formatPct(s.deltaPct)
      ]
    )
  );
  if (unchangedStats > 0)
    parts.push("", `<sub>${unchangedStats.toLocaleString("en-US")} statistics unchanged.</sub>`);
  return parts;
}
var dataSection = ({ comparison }, budget) => {
  const { deps, stats, unchangedDeps, profiles } = comparison.data;
  const profiled = profiles.length > 0;
  if (!profiled && (!comparison.base || deps.length === 0 && stats.length === 0 && unchangedDeps === 0))
    return null;
  const parts = comparison.base ? depsTable(comparison.data, budget) : [];
  if (profiled) parts.push(...profileTables(profiles, budget / 2));
  if (comparison.base) parts.push(...statsTable(comparison.data, budget));
  const worst = worstDrift(profiles);
  const drift2 = worst ? `, largest drift ${escapeHtml(worst.column.name, 40)} PSI ${formatNumber(worst.column.psi)}` : "";
  const summary2 = `<b>Data</b>: ${deps.length === 0 ? "deps unchanged" : `${deps.length} dep${deps.length === 1 ? "" : "s"} changed`}${stats.length > 0 ? `, ${stats.length} statistic${stats.length === 1 ? "" : "s"} moved` : ""}${profiled ? `, ${profiles.length} file${profiles.length === 1 ? "" : "s"} profiled${drift2}` : ""}`;
  return details(summary2, parts.join("\n"));
};

// core/report/markdown/footer.ts
function footerOf(links) {
  const items = [];
  if (links.run) items.push(`[Workflow run](${links.run})`);
  if (links.artifacts) items.push(`[Artifacts](${links.artifacts})`);
  if (links.headCommit) items.push(`[Head commit](${links.headCommit})`);
  if (links.baseCommit) items.push(`[Base commit](${links.baseCommit})`);
  if (links.compare) items.push(`[Code diff](${links.compare})`);
  if (links.policy) items.push(`[Gate policy](${links.policy})`);
  const linkLine = items.length > 0 ? `${items.join(" \xB7 ")}

` : "";
  return `
---
${linkLine}<sub>Posted by cd4ml. The gate policy is read from the base branch. This comment is updated on every run.</sub>
`;
}

// core/report/markdown/gate.ts
var gateSection = ({ decision }, budget) => {
  if (decision.reasons.length === 0) return null;
  const rows = decision.reasons.map((r) => [
    STATUS_ICON[r.status],
    r.metric ? code(r.metric, 80) : r.data ? code(r.data, 80) : r.kind,
    escapeMarkdown(r.message.replace(/^[^:]+: /, ""), 400)
  ]);
  const failed = decision.reasons.filter((r) => r.status === "fail").length;
  const summary2 = `<b>Gate rules</b>: ${decision.reasons.length} checked${failed > 0 ? `, ${failed} failed` : ""}`;
  return details(
    summary2,
    table(["", "Metric", "Result"], "|:-:|:--|:--|", rows, budget - 200, (r) => r)
  );
};

// core/report/markdown/header.ts
var CONCLUSION_WORD = { success: "passed", failure: "failed", neutral: "undecided" };
function verdict(comparison, decision) {
  const icon = STATUS_ICON[STATUS_OF_CONCLUSION[decision.conclusion]];
  const word = CONCLUSION_WORD[decision.conclusion];
  const reason = decision.conclusion === "success" && comparison.base === null ? `${decision.summary} (no baseline)` : decision.summary;
  return `### ${icon} Model gate ${word}: ${escapeMarkdown(reason, 300)}`;
}
function shortSha(commit) {
  return commit ? commit.slice(0, 7) : "no commit";
}
function side(label, run, commitUrl) {
  const sha = escapeMarkdown(shortSha(run.commit));
  const commitText = commitUrl ? `[\`${sha}\`](${commitUrl})` : `\`${sha}\``;
  const branch = run.branch ? ` on ${code(run.branch, 60)}` : "";
  return `**${label}** ${commitText}${branch}${run.dirty ? " (uncommitted changes)" : ""}`;
}
function context(comparison, decision, links) {
  const bits = [side("head", comparison.head, links.headCommit)];
  bits.push(
    comparison.base ? `vs ${side("base", comparison.base, links.baseCommit)}` : "vs **no baseline run**"
  );
  const rules = decision.reasons.filter((r) => r.kind === "rule");
  if (rules.length > 0) {
    const count = (status) => rules.filter((r) => r.status === status).length;
    const tally = [`${count("pass")} passed`];
    if (count("fail") > 0) tally.push(`${count("fail")} failed`);
    if (count("neutral") > 0) tally.push(`${count("neutral")} undecided`);
    bits.push(`${rules.length} gate rule${rules.length === 1 ? "" : "s"}: ${tally.join(", ")}`);
  }
  return bits.join(" \xB7 ");
}

// core/report/markdown/metric-table.ts
function ruleCells(decision) {
  const cells2 = /* @__PURE__ */ new Map();
  for (const reason of decision.reasons) {
    if (reason.kind !== "rule" || !reason.metric || reason.scope) continue;
    const lines = reason.checks.map((c) => {
      const limit = c.check.endsWith("_pct") ? `${formatNumber(c.limit)}%` : formatValue(reason.metric, c.limit);
      let note = "";
      if (c.withinNoise) note = " \xB7 within\xA0noise";
      else if (c.status === "neutral") note = " \xB7 no\xA0baseline";
      const name = c.check.replace(/_pct$/, "").replace(/_/g, "\xA0");
      return `${STATUS_ICON[c.status]}\xA0${name}\xA0${limit}${note}`;
    });
    const text = lines.length > 0 ? lines.join("<br>") : `${STATUS_ICON[reason.status]} missing`;
    cells2.set(reason.metric, [...cells2.get(reason.metric) ?? [], text]);
  }
  return new Map([...cells2].map(([k, v]) => [k, v.join("<br>")]));
}
function tableOrder(comparison, gated) {
  const rank2 = (m) => {
    if (gated.has(m.name)) return 0;
    if (m.change === "removed" || m.change === "added") return 1;
    return m.change === "same" ? 3 : 2;
  };
  return [...comparison.metrics].sort((a, b) => {
    const ra = rank2(a);
    const rb = rank2(b);
    if (ra !== rb) return ra - rb;
    if (ra === 0) return 0;
    if (ra === 2) return Math.abs(b.deltaPct ?? 0) - Math.abs(a.deltaPct ?? 0);
    return a.name < b.name ? -1 : 1;
  });
}
function metricRow(m, gate, withTrend) {
  const name = gate ? `**${escapeMarkdown(m.name, 80)}**` : escapeMarkdown(m.name, 80);
  const trend = withTrend ? ` ${sparkline([...m.history, m.head])} |` : "";
  const note = m.change === "added" ? " <sub>new</sub>" : m.change === "removed" ? " <sub>removed</sub>" : "";
  const significance = m.significance ? ` <sub>\xB1${formatValue(m.name, (m.significance.delta.high - m.significance.delta.low) / 2)}</sub>` : "";
  return `| ${CHANGE_ICON[m.change]}\xA0${name}${note} | ${formatValue(m.name, m.base)} | ${formatValue(m.name, m.head)} | ${formatDelta(m.name, m.delta)}${significance} | ${formatPct(m.deltaPct)} |${trend} ${gate ?? ""} |`;
}
function metricTable(comparison, decision, maxRows, budget) {
  if (comparison.metrics.length === 0) return "_No metrics in either run._\n";
  const cells2 = ruleCells(decision);
  const withTrend = comparison.history.length > 0;
  const headerCells = withTrend ? "| Metric | Base | Head | \u0394 | \u0394% | Trend | Gate |" : "| Metric | Base | Head | \u0394 | \u0394% | Gate |";
  const align = withTrend ? "|:--|--:|--:|--:|--:|:--|:--|" : "|:--|--:|--:|--:|--:|:--|";
  const lines = [headerCells, align];
  let size = lines.join("\n").length;
  const ordered = tableOrder(comparison, new Set(cells2.keys()));
  let shown = 0;
  for (const m of ordered) {
    if (shown >= maxRows && !cells2.has(m.name)) break;
    const row = metricRow(m, cells2.get(m.name), withTrend);
    if (size + row.length + 200 > budget) break;
    lines.push(row);
    size += row.length + 1;
    shown++;
  }
  const hidden = ordered.length - shown;
  if (hidden > 0) {
    const unchanged = ordered.slice(shown).filter((m) => m.change === "same").length;
    lines.push(
      "",
      `<sub>${hidden.toLocaleString("en-US")} more metric${hidden === 1 ? "" : "s"}${unchanged > 0 ? ` (${unchanged.toLocaleString("en-US")} unchanged)` : ""} under *All metrics* below.</sub>`
    );
  }
  const legend = withTrend ? `<sub>Trend: ${comparison.history.length === 1 ? "the base run" : `the last ${comparison.history.length} base-branch runs`}, then this PR. \u{1F7E2} better \xB7 \u{1F534} worse \xB7 \u26AA unchanged, by each metric's direction.</sub>` : "";
  return `${lines.join("\n")}
${legend ? `
${legend}
` : ""}`;
}

// core/report/markdown/notes.ts
var notesSection = ({ comparison }, budget) => {
  if (comparison.notes.length === 0) return null;
  const lines = [];
  let size = 0;
  for (const note of comparison.notes) {
    const line = `- ${escapeMarkdown(note, 500)}`;
    if (size + line.length > budget - 200) break;
    lines.push(line);
    size += line.length;
  }
  return `**Notes**

${lines.join("\n")}
`;
};

// core/report/markdown/params.ts
function scalar(value) {
  if (value === void 0) return "\u2014";
  return code(JSON.stringify(value), 120);
}
var paramsSection = ({ comparison }, budget) => {
  if (!comparison.base) return null;
  const { params, paramCounts } = comparison;
  if (params.length === 0)
    return details(
      "<b>Params</b>: unchanged",
      `All ${paramCounts.head.toLocaleString("en-US")} params are the same in both runs.`
    );
  const summary2 = `<b>Params</b>: ${params.length.toLocaleString("en-US")} changed, ${paramCounts.unchanged.toLocaleString("en-US")} unchanged`;
  return details(
    summary2,
    table(["Param", "Base", "Head", ""], "|:--|:--|:--|:--|", params, budget - 400, (p) => [
      code(p.name, 100),
      scalar(p.base),
      scalar(p.head),
      p.change === "changed" ? "" : p.change
    ])
  );
};

// core/report/markdown/significance.ts
var ci = (lo, hi, name) => `${formatDelta(name, lo)} \u2026 ${formatDelta(name, hi)}`;
var excludesZero = (lo, hi) => lo > 0 || hi < 0;
var significanceSection = ({ comparison }, budget) => {
  const s = comparison.significance;
  if (!s) return null;
  if (s.kind === "skipped")
    return details(
      "<b>Significance</b>: not tested",
      `The runs' per-example predictions could not be paired: ${escapeMarkdown(s.reason, 300)}.`
    );
  const accuracy = s.metrics[0];
  const pct = Math.round(accuracy.delta.confidence * 100);
  const headline = `${accuracy.name} ${formatDelta(accuracy.name, accuracy.delta.estimate)}, ${pct}% CI ${ci(accuracy.delta.low, accuracy.delta.high, accuracy.name)}: ${excludesZero(accuracy.delta.low, accuracy.delta.high) ? "a real change" : "within noise"}`;
  const rows = s.metrics.map((m) => [
    code(m.name),
    formatNumber(m.base),
    formatNumber(m.head),
    formatDelta(m.name, m.delta.estimate),
    ci(m.delta.low, m.delta.high, m.name),
    excludesZero(m.delta.low, m.delta.high) ? "**significant**" : "noise"
  ]);
  let body = `Paired bootstrap over the ${s.paired.toLocaleString("en-US")} examples both runs predicted (${s.metrics[0].delta.resamples.toLocaleString("en-US")} resamples, seed ${s.metrics[0].delta.seed}), recomputed from the saved predictions.

`;
  body += table(
    ["Per-example metric", "Base", "Head", "\u0394", `${pct}% CI of \u0394`, ""],
    "|:--|--:|--:|--:|:-:|:--|",
    rows,
    budget - 800,
    (r) => r
  );
  if (s.mcnemar) {
    const m = s.mcnemar;
    body += `

**McNemar's test:** the head fixes ${m.headOnly.toLocaleString("en-US")} example${m.headOnly === 1 ? "" : "s"} the base got wrong and breaks ${m.baseOnly.toLocaleString("en-US")} the base got right; exact p = ${formatP(m.pValue)} (${m.pValue < 0.05 ? "the error rates differ" : "no evidence the error rates differ"} at the 5% level).`;
  }
  return details(`<b>Significance</b>: ${escapeHtml(headline)}`, body);
};

// core/report/markdown/slices.ts
var SHOWN = 8;
var BAR = 10;
var LOWER_IS_BETTER = /* @__PURE__ */ new Set(["error_rate", "mae"]);
function rankedMetric(comparison, decision) {
  const rule = decision.reasons.find((r) => r.scope === "slices" && r.metric);
  if (rule?.metric) return rule.metric;
  return comparison.slices?.kind === "regression" ? "mae" : "accuracy";
}
function rowsOf(comparison, decision, name) {
  const result = comparison.slices;
  if (!result || result.kind === "skipped") return [];
  const failing = new Set(
    decision.reasons.flatMap((r) => r.scope === "slices" ? r.failing ?? [] : [])
  );
  const sign = LOWER_IS_BETTER.has(name) ? -1 : 1;
  return result.slices.flatMap((slice) => {
    const metric2 = slice.metrics.find((m) => m.name === name);
    return metric2 ? [{ slice, metric: metric2, gain: sign * metric2.delta, failed: failing.has(sliceName(slice)) }] : [];
  }).sort(
    (a, b) => Number(b.failed) - Number(a.failed) || Number(b.slice.tested) - Number(a.slice.tested) || a.gain - b.gain || b.slice.rows - a.slice.rows
  );
}
function bar(gain, biggest) {
  if (biggest <= 0 || gain === 0) return "";
  const length = Math.max(1, Math.round(Math.abs(gain) / biggest * BAR));
  return `<code>${(gain < 0 ? "\u{1F7E5}" : "\u{1F7E9}").repeat(length)}</code>`;
}
function cells(row, biggest, withBar) {
  const { slice, metric: metric2 } = row;
  const p = metric2.adjusted === null ? "<sub>not tested</sub>" : formatP(metric2.adjusted);
  const name = `${row.failed ? "\u274C " : ""}${code(slice.column, 40)}\xA0=\xA0${code(slice.value, 60)}`;
  const rows = `${slice.rows.toLocaleString("en-US")}${slice.tested ? "" : " <sub>small</sub>"}`;
  const out = [
    name,
    rows,
    `${formatValue(metric2.name, metric2.base)} \u2192 ${formatValue(metric2.name, metric2.head)}`,
    formatDelta(metric2.name, metric2.delta),
    p
  ];
  if (withBar) out.push(bar(row.gain, biggest));
  return out;
}
var slicesSection = ({ comparison, decision }, budget) => {
  const result = comparison.slices;
  if (!result) return null;
  if (result.kind === "skipped")
    return details(
      "<b>Slices</b>: not compared",
      `The per-slice comparison could not be made: ${escapeMarkdown(result.reason, 400)}.`
    );
  const name = rankedMetric(comparison, decision);
  const rows = rowsOf(comparison, decision, name);
  const failed = rows.filter((r) => r.failed).length;
  const tested = rows.filter((r) => r.slice.tested);
  const biggest = Math.max(0, ...tested.map((r) => Math.abs(r.gain)));
  const header = ["Slice", "Rows", escapeMarkdown(name, 40), "\u0394", `p (${result.correction})`];
  const shown = rows.slice(0, SHOWN);
  const rest = rows.slice(SHOWN);
  let body = table(
    [...header, ""],
    "|:--|--:|:-:|--:|--:|:--|",
    shown,
    Math.min(budget / 2, 6e3),
    (r) => cells(r, biggest, true)
  );
  if (rest.length > 0) {
    body += `

${details(
      `${rest.length.toLocaleString("en-US")} more slice${rest.length === 1 ? "" : "s"}`,
      table(
        header,
        "|:--|--:|:-:|--:|--:|",
        rest,
        Math.min(24e3, budget - body.length - 1500),
        (r) => cells(r, biggest, false)
      )
    )}`;
  }
  const dropped = result.dropped.map(
    (d) => `${code(d.column, 40)} had ${d.values.toLocaleString("en-US")} more values than shown`
  );
  body += `

<sub>${escapeHtml(name)} per value of ${result.columns.map((c) => code(c, 40)).join(", ")}, base vs head on the same examples (paired by id). p: McNemar's exact test for accuracy and error rate, paired bootstrap (${result.resamples.toLocaleString("en-US")} resamples) otherwise, corrected across slices (${result.correction === "holm" ? "Holm" : "Benjamini\u2013Hochberg"}). Slices under ${result.minRows} rows are shown, never gated.${dropped.length > 0 ? ` ${dropped.join("; ")}.` : ""}</sub>`;
  const worst = tested[0];
  const headline = worst ? `, worst ${escapeHtml(sliceName(worst.slice), 80)} ${escapeHtml(formatDelta(name, worst.metric.delta))}` : "";
  const summary2 = `<b>Slices</b>: ${failed > 0 ? `\u274C ${failed} failed of ` : ""}${rows.length.toLocaleString("en-US")} (${tested.length} tested)${headline}`;
  return details(summary2, body, failed > 0);
};

// core/report/markdown/stages.ts
function checksCell(s) {
  if (!s.checks || s.checks.length === 0) return "\u2014";
  const failed = s.checks.filter((c) => c.status === "fail").length;
  return failed > 0 ? `\u274C ${failed} of ${s.checks.length}` : `\u2705 ${s.checks.length}`;
}
function failedChecks(stages, budget) {
  const lines = [];
  let size = 0;
  const failed = stages.flatMap(
    (s) => (s.checks ?? []).filter((c) => c.status === "fail").map((c) => ({ stage: s.name, c }))
  );
  for (const { stage, c } of failed) {
    const line = `- ${code(stage, 80)}: ${escapeMarkdown(c.message, 400)}`;
    if (size + line.length > budget) {
      lines.push(`- \u2026 and ${failed.length - lines.length} more failed checks`);
      break;
    }
    lines.push(line);
    size += line.length + 1;
  }
  return lines.length > 0 ? ["", "**Failed stage checks**", "", ...lines] : [];
}
var stagesSection = ({ comparison }, budget) => {
  if (comparison.stages.length === 0) return null;
  const status = (s) => s ? `${s.status}${s.attempts > 1 ? ` \xD7${s.attempts}` : ""}` : "\u2014";
  const total = comparison.base ? `${formatDuration(comparison.base.durationMs)} \u2192 ${formatDuration(comparison.head.durationMs)}` : formatDuration(comparison.head.durationMs);
  const failed = comparison.stages.filter((s) => s.head?.status === "failed").length;
  const checked = comparison.stages.some((s) => s.checks && s.checks.length > 0);
  const checkFailures = comparison.stages.some((s) => s.checks?.some((c) => c.status === "fail"));
  const summary2 = `<b>Stages</b>: ${comparison.stages.length}, total ${total}${failed > 0 ? `, ${failed} failed` : ""}`;
  const header = ["Stage", "Base", "Head", "Base time", "Head time", "\u0394"];
  const rows = table(
    checked ? [...header, "Checks"] : header,
    checked ? "|:--|:--|:--|--:|--:|--:|:--|" : "|:--|:--|:--|--:|--:|--:|",
    comparison.stages,
    budget / 2,
    (s) => [
      code(s.name, 80),
      status(s.base),
      status(s.head),
      s.base ? formatDuration(s.base.durationMs) : "\u2014",
      s.head ? formatDuration(s.head.durationMs) : "\u2014",
      s.deltaMs === null ? "\u2014" : formatDelta("x_ms", s.deltaMs),
      ...checked ? [checksCell(s)] : []
    ]
  );
  const body = [rows, ...failedChecks(comparison.stages, budget / 2 - 400)].join("\n");
  return details(summary2, body, checkFailures);
};

// core/report/markdown/index.ts
var MAX_REPORT_CHARS = 6e4;
var SECTIONS = [
  shadowSection,
  gateSection,
  baselineSection,
  slicesSection,
  significanceSection,
  candidatesSection,
  paramsSection,
  modelSection,
  dataSection,
  stagesSection,
  allMetricsSection,
  notesSection
];
var CUT_NOTE = "> \u2702\uFE0F Further sections were cut to keep this comment under GitHub's size limit. Run `cd4ml compare --format json` for everything.";
function renderReport(comparison, decision, links = {}, options = {}) {
  const maxChars = options.maxChars ?? MAX_REPORT_CHARS;
  const resolved = resolveLinks(comparison, links);
  const head = [
    REPORT_MARKER,
    verdict(comparison, decision),
    "",
    context(comparison, decision, resolved),
    ""
  ];
  const alerts = alertsOf(comparison);
  if (alerts) head.push(alerts, "");
  const footer = footerOf(resolved);
  const parts = [head.join("\n")];
  let used = parts[0].length + footer.length + 200;
  const remaining = () => maxChars - used;
  const add = (text) => {
    if (!text) return;
    parts.push(text);
    used += text.length + 1;
  };
  const input = {
    comparison,
    decision,
    maxRows: options.maxRows ?? 40,
    ...options.shadow ? { shadow: options.shadow } : {},
    ...options.baseline ? { baseline: options.baseline } : {}
  };
  add(metricTable(comparison, decision, input.maxRows, Math.min(remaining(), 25e3)));
  for (const metric2 of chartedMetrics(comparison, options).slice(0, 3)) {
    const chart = historyChart(comparison, metric2);
    if (chart && chart.length < remaining() - 2e3) add(chart);
  }
  for (const section of SECTIONS) {
    const budget = remaining();
    if (budget < 400) {
      add(CUT_NOTE);
      break;
    }
    add(section(input, budget));
  }
  parts.push(footer);
  let body = parts.join("\n");
  if (body.length > maxChars) {
    const note = "\n\n> \u2702\uFE0F Report cut at the size limit.\n";
    body = body.slice(0, body.lastIndexOf("\n", maxChars - note.length)) + note;
  }
  return body;
}
function chartedMetrics(comparison, options) {
  if (options.chart && options.chart.length > 0) return options.chart;
  return comparison.primaryMetric ? [comparison.primaryMetric] : [];
}

// core/report/json.ts
var COMPARE_JSON_SCHEMA = "cd4ml/compare@1";
function toJson(comparison, decision) {
  return {
    schema: COMPARE_JSON_SCHEMA,
    conclusion: decision.conclusion,
    summary: decision.summary,
    reasons: decision.reasons,
    comparison
  };
}
function renderJson(comparison, decision) {
  return `${JSON.stringify(toJson(comparison, decision), (_key, value) => value === void 0 ? null : value, 2)}
`;
}

// core/stats/mcnemar.ts
function mcnemar(baseOnly, headOnly) {
  const n = baseOnly + headOnly;
  if (n === 0) return { baseOnly, headOnly, chiSquare: 0, pValue: 1 };
  const chiSquare = (Math.abs(baseOnly - headOnly) - 1) ** 2 / n;
  const k = Math.min(baseOnly, headOnly);
  let logChoose = 0;
  let logSum = Number.NEGATIVE_INFINITY;
  const logHalfN = n * Math.log(0.5);
  for (let i = 0; i <= k; i++) {
    if (i > 0) logChoose += Math.log(n - i + 1) - Math.log(i);
    logSum = logAddExp(logSum, logChoose + logHalfN);
  }
  const pValue = Math.min(1, 2 * Math.exp(logSum));
  return { baseOnly, headOnly, chiSquare, pValue };
}
function logAddExp(a, b) {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  const max = Math.max(a, b);
  return max + Math.log(Math.exp(a - max) + Math.exp(b - max));
}

// core/stats/predictions.ts
function pairedSignificance(base, head, requested = {}) {
  const paired = pairRows(base, head);
  if ("skipped" in paired) return { kind: "skipped", reason: paired.skipped };
  const { pairs } = paired;
  const options = withinBudget(requested, pairs.length);
  const common = { paired: pairs.length, baseRows: base.length, headRows: head.length };
  if (isRegression(pairs))
    return { kind: "regression", ...common, metrics: regressionIntervals(pairs, options) };
  const baseCorrect = pairs.map(([b]) => sameValue(b.label, b.prediction) ? 1 : 0);
  const headCorrect = pairs.map(([, h]) => sameValue(h.label, h.prediction) ? 1 : 0);
  let baseOnly = 0;
  let headOnly = 0;
  for (let i = 0; i < pairs.length; i++) {
    if (baseCorrect[i] === 1 && headCorrect[i] === 0) baseOnly++;
    if (baseCorrect[i] === 0 && headCorrect[i] === 1) headOnly++;
  }
  const binaryScored = pairs.every(
    ([b, h]) => (b.label === "0" || b.label === "1") && isProbability(b.score) && isProbability(h.score)
  );
  const columns = [["accuracy", baseCorrect, headCorrect]];
  if (binaryScored) {
    const brier = (row) => (row.score - Number(row.label)) ** 2;
    const logLoss = (row) => {
      const p = Math.min(Math.max(row.score, 1e-15), 1 - 1e-15);
      return row.label === "1" ? -Math.log(p) : -Math.log(1 - p);
    };
    for (const [name, loss] of [
      ["brier", brier],
      ["log_loss", logLoss]
    ]) {
      columns.push([name, pairs.map(([row]) => loss(row)), pairs.map(([, row]) => loss(row))]);
    }
  }
  const intervals = pairedBootstrapMany(
    pairs.length,
    columns.map(([, b, h]) => meanDeltaStatistic(b, h)),
    options
  );
  const metrics = columns.map(([name, b, h], i) => ({
    name,
    base: mean(b),
    head: mean(h),
    delta: intervals[i]
  }));
  const accuracy = intervals[0];
  metrics.splice(1, 0, {
    name: "error_rate",
    base: 1 - mean(baseCorrect),
    head: 1 - mean(headCorrect),
    delta: { ...accuracy, estimate: -accuracy.estimate, low: -accuracy.high, high: -accuracy.low }
  });
  return { kind: "classification", ...common, metrics, mcnemar: mcnemar(baseOnly, headOnly) };
}
function pairRows(base, head) {
  const byId = /* @__PURE__ */ new Map();
  for (const row of base) byId.set(row.id, row);
  const pairs = [];
  for (const row of head) {
    const other = byId.get(row.id);
    if (!other) continue;
    if (!sameValue(other.label, row.label)) {
      return {
        skipped: `example "${row.id}" has label "${other.label}" in the base and "${row.label}" in the head: not the same evaluation set`
      };
    }
    pairs.push([other, row]);
  }
  const smaller = Math.min(base.length, head.length);
  if (pairs.length === 0 || pairs.length < 0.9 * Math.max(base.length, head.length)) {
    return {
      skipped: `only ${pairs.length} of ${smaller} examples share an id: the runs were not evaluated on the same set`
    };
  }
  return { pairs };
}
function isRegression(pairs) {
  return pairs.every(
    ([b, h]) => isNumber(b.label) && isNumber(b.prediction) && isNumber(h.prediction)
  ) && pairs.some(
    ([b, h]) => !Number.isInteger(Number(b.label)) || !Number.isInteger(Number(b.prediction)) || !Number.isInteger(Number(h.prediction))
  );
}
function regressionIntervals(pairs, options) {
  const baseErr = pairs.map(([b]) => Number(b.prediction) - Number(b.label));
  const headErr = pairs.map(([, h]) => Number(h.prediction) - Number(h.label));
  const baseAbs = baseErr.map(Math.abs);
  const headAbs = headErr.map(Math.abs);
  const baseSq = baseErr.map((e) => e * e);
  const headSq = headErr.map((e) => e * e);
  const rmse = (indices) => {
    let b = 0;
    let h = 0;
    for (const i of indices) {
      b += baseSq[i];
      h += headSq[i];
    }
    return Math.sqrt(h / indices.length) - Math.sqrt(b / indices.length);
  };
  const [mae, mse, rmseDelta] = pairedBootstrapMany(
    pairs.length,
    [meanDeltaStatistic(baseAbs, headAbs), meanDeltaStatistic(baseSq, headSq), rmse],
    options
  );
  return [
    { name: "mae", base: mean(baseAbs), head: mean(headAbs), delta: mae },
    { name: "mse", base: mean(baseSq), head: mean(headSq), delta: mse },
    {
      name: "rmse",
      base: Math.sqrt(mean(baseSq)),
      head: Math.sqrt(mean(headSq)),
      delta: rmseDelta
    }
  ];
}
function isNumber(value) {
  return value.trim() !== "" && Number.isFinite(Number(value));
}
function isProbability(value) {
  return value !== void 0 && value >= 0 && value <= 1;
}
function sameValue(a, b) {
  if (a === b) return true;
  return isNumber(a) && isNumber(b) && Number(a) === Number(b);
}
function mean(values) {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length === 0 ? Number.NaN : sum / values.length;
}
var BOOTSTRAP_WORK_BUDGET = 1e8;
function withinBudget(options, n) {
  const resamples = options.resamples ?? BOOTSTRAP_DEFAULTS.resamples;
  if (n * resamples <= BOOTSTRAP_WORK_BUDGET) return options;
  return { ...options, resamples: Math.max(200, Math.floor(BOOTSTRAP_WORK_BUDGET / n)) };
}

// core/stats/prediction-file.ts
var PREDICTION_LIMITS = { bytes: 64 * 1024 * 1024, rows: 2e6 };
function parsePredictions(text, source, sliceColumns = []) {
  if (text.length > PREDICTION_LIMITS.bytes) {
    throw new Cd4mlError(
      "E_RUN_RECORD",
      `predictions file is over the ${PREDICTION_LIMITS.bytes}-byte limit`,
      {
        location: { file: source }
      }
    );
  }
  const records = readCsv(text, source);
  const header = records.shift()?.record.map((h) => h.trim().toLowerCase());
  if (!header)
    throw new Cd4mlError("E_RUN_RECORD", "predictions file is empty", {
      location: { file: source, line: 1 }
    });
  const col = (name) => header.indexOf(name);
  const [id, label, prediction, score] = [col("id"), col("label"), col("prediction"), col("score")];
  if (id < 0 || label < 0 || prediction < 0) {
    throw new Cd4mlError(
      "E_RUN_RECORD",
      `predictions header must name id, label and prediction (found: ${header.join(", ")})`,
      {
        location: { file: source, line: 1 },
        hint: "write a CSV with the header `id,label,prediction` and, for probabilistic classifiers, `score`"
      }
    );
  }
  const sliceIndex = sliceColumns.map((name) => {
    const index = header.indexOf(name.toLowerCase());
    if (index < 0)
      throw new Cd4mlError(
        "E_RUN_RECORD",
        `predictions file has no slice column "${name}" (found: ${header.join(", ")})`,
        {
          location: { file: source, line: 1, field: name },
          hint: `write the ${name} column beside id,label,prediction, or remove it from predictions.slices`
        }
      );
    return index;
  });
  if (records.length > PREDICTION_LIMITS.rows) {
    throw new Cd4mlError(
      "E_RUN_RECORD",
      `predictions file has more than ${PREDICTION_LIMITS.rows} rows`,
      {
        location: { file: source }
      }
    );
  }
  const rows = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const row = {
      id: record[id] ?? "",
      label: record[label] ?? "",
      prediction: record[prediction] ?? ""
    };
    if (sliceIndex.length > 0) row.slices = sliceIndex.map((i) => record[i] ?? "");
    if (score >= 0 && record[score] !== void 0 && record[score] !== "") {
      const value = Number(record[score]);
      if (!Number.isFinite(value)) {
        throw new Cd4mlError("E_RUN_RECORD", `score "${record[score]}" is not a number`, {
          location: { file: source, line, field: "score" }
        });
      }
      row.score = value;
    }
    rows.push(row);
  }
  return rows;
}
function readCsv(text, source) {
  try {
    return parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true
      // With `info`, csv-parse returns each record with its info; its types do not say so.
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = error.lines;
    throw new Cd4mlError("E_RUN_RECORD", `predictions file is not valid CSV: ${error.message}`, {
      location: { file: source, ...line !== void 0 ? { line } : {} }
    });
  }
}

// core/stats/correction.ts
function adjustPValues(pValues, method) {
  const tested = pValues.map((p, index) => ({ p, index })).filter((t) => t.p !== null && !Number.isNaN(t.p));
  const m = tested.length;
  const out = pValues.map(() => null);
  if (m === 0) return out;
  tested.sort((a, b) => a.p - b.p || a.index - b.index);
  if (method === "holm") {
    let running = 0;
    tested.forEach((t, rank2) => {
      running = Math.max(running, Math.min(1, (m - rank2) * t.p));
      out[t.index] = running;
    });
  } else {
    let running = 1;
    for (let rank2 = m - 1; rank2 >= 0; rank2--) {
      const t = tested[rank2];
      running = Math.min(running, Math.min(1, m / (rank2 + 1) * t.p));
      out[t.index] = running;
    }
  }
  return out;
}

// core/stats/slice-metrics.ts
var canonical = (value) => isNumber(value) ? String(Number(value)) : value;
function classCounts(pairs) {
  const codes = /* @__PURE__ */ new Map();
  const add = (value) => {
    const key = canonical(value);
    if (!codes.has(key)) codes.set(key, codes.size);
  };
  for (const [b, h] of pairs) {
    add(b.label);
    add(b.prediction);
    add(h.prediction);
  }
  const binary = codes.size <= 2 && [...codes.keys()].every((k) => k === "0" || k === "1");
  if (binary && !codes.has("1")) codes.set("1", codes.size);
  return {
    code: (value) => codes.get(canonical(value)) ?? -1,
    size: codes.size,
    positive: binary ? codes.get("1") : null
  };
}
function positiveScores(positive) {
  const counts = (indices, label, prediction) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const i of indices) {
      const actual = label[i] === positive;
      const predicted = prediction[i] === positive;
      if (actual && predicted) tp++;
      else if (predicted) fp++;
      else if (actual) fn++;
    }
    return { tp, fp, fn };
  };
  return [
    {
      name: "precision",
      of: (...a) => ratio(
        counts(...a),
        (c) => c.tp,
        (c) => c.tp + c.fp
      )
    },
    {
      name: "recall",
      of: (...a) => ratio(
        counts(...a),
        (c) => c.tp,
        (c) => c.tp + c.fn
      )
    },
    {
      name: "f1",
      of: (...a) => ratio(
        counts(...a),
        (c) => 2 * c.tp,
        (c) => 2 * c.tp + c.fp + c.fn
      )
    }
  ];
}
function macroScores(classes) {
  const macro = (part) => (indices, label, prediction) => {
    const tp = new Float64Array(classes);
    const fp = new Float64Array(classes);
    const fn = new Float64Array(classes);
    for (const i of indices) {
      const l = label[i];
      const p = prediction[i];
      if (l === p) tp[l]++;
      else {
        if (p >= 0) fp[p]++;
        if (l >= 0) fn[l]++;
      }
    }
    let sum = 0;
    let present = 0;
    for (let c = 0; c < classes; c++) {
      if (tp[c] + fp[c] + fn[c] === 0) continue;
      const [num2, den] = part(tp[c], fp[c], fn[c]);
      sum += den === 0 ? 0 : num2 / den;
      present++;
    }
    return present === 0 ? 0 : sum / present;
  };
  return [
    { name: "macro_precision", of: macro((tp, fp) => [tp, tp + fp]) },
    { name: "macro_recall", of: macro((tp, _fp, fn) => [tp, tp + fn]) },
    { name: "macro_f1", of: macro((tp, fp, fn) => [2 * tp, 2 * tp + fp + fn]) }
  ];
}
function ratio(counts, num2, den) {
  const d = den(counts);
  return d === 0 ? 0 : num2(counts) / d;
}

// core/stats/slices.ts
var MAX_SLICE_VALUES = 1e3;
var SLICE_DEFAULTS = { minRows: 30, correction: "holm" };
function compareSlices(base, head, options) {
  const paired = pairRows(base, head);
  if ("skipped" in paired) return { kind: "skipped", reason: paired.skipped };
  const minRows = options.minRows ?? SLICE_DEFAULTS.minRows;
  const correction = options.correction ?? SLICE_DEFAULTS.correction;
  const { pairs } = paired;
  const bootstrap = withinBudget(options.bootstrap ?? {}, pairs.length * options.columns.length);
  const regression = isRegression(pairs);
  const codes = regression ? null : classCounts(pairs);
  const slices = [];
  const dropped = [];
  options.columns.forEach((column, c) => {
    const groups = groupBy(pairs, c);
    if (groups.size > MAX_SLICE_VALUES)
      dropped.push({ column, values: groups.size - MAX_SLICE_VALUES });
    for (const [value, members] of [...groups].slice(0, MAX_SLICE_VALUES)) {
      const tested = members.length >= minRows;
      const metrics = regression ? regressionMetrics(members, tested, bootstrap) : classificationMetrics(members, codes, tested, bootstrap);
      slices.push({ column, value, rows: members.length, tested, metrics });
    }
  });
  correct(slices, correction);
  return {
    kind: regression ? "regression" : "classification",
    columns: [...options.columns],
    minRows,
    correction,
    resamples: bootstrap.resamples ?? 2e3,
    slices,
    dropped
  };
}
function groupBy(pairs, c) {
  const groups = /* @__PURE__ */ new Map();
  for (const pair of pairs) {
    const value = pair[1].slices?.[c] ?? pair[0].slices?.[c] ?? "";
    let group = groups.get(value);
    if (!group) groups.set(value, group = []);
    group.push(pair);
  }
  return new Map([...groups].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)));
}
function classificationMetrics(pairs, codes, tested, bootstrap) {
  const n = pairs.length;
  const label = new Int32Array(n);
  const basePred = new Int32Array(n);
  const headPred = new Int32Array(n);
  let baseOnly = 0;
  let headOnly = 0;
  let baseRight = 0;
  let headRight = 0;
  pairs.forEach(([b, h], i) => {
    label[i] = codes.code(b.label);
    basePred[i] = codes.code(b.prediction);
    headPred[i] = codes.code(h.prediction);
    const bOk = basePred[i] === label[i];
    const hOk = headPred[i] === label[i];
    if (bOk) baseRight++;
    if (hOk) headRight++;
    if (bOk && !hOk) baseOnly++;
    if (!bOk && hOk) headOnly++;
  });
  const p = tested ? mcnemar(baseOnly, headOnly).pValue : null;
  const test = tested ? "mcnemar" : null;
  const accuracy = (right) => right / n;
  const metrics = [
    metric("accuracy", accuracy(baseRight), accuracy(headRight), test, p),
    metric("error_rate", 1 - accuracy(baseRight), 1 - accuracy(headRight), test, p)
  ];
  const scores = codes.positive === null ? macroScores(codes.size) : positiveScores(codes.positive);
  const all = Uint32Array.from({ length: n }, (_, i) => i);
  const statistics = scores.map(
    (score) => (indices) => score.of(indices, label, headPred) - score.of(indices, label, basePred)
  );
  const tests = tested ? pairedBootstrapTests(n, statistics, bootstrap) : [];
  scores.forEach((score, s) => {
    metrics.push(
      metric(
        score.name,
        score.of(all, label, basePred),
        score.of(all, label, headPred),
        tested ? "bootstrap" : null,
        tests[s]?.pValue ?? null
      )
    );
  });
  return metrics;
}
function regressionMetrics(pairs, tested, bootstrap) {
  const n = pairs.length;
  const baseAbs = new Float64Array(n);
  const diff = new Float64Array(n);
  let baseSum = 0;
  let headSum = 0;
  pairs.forEach(([b, h], i) => {
    baseAbs[i] = Math.abs(Number(b.prediction) - Number(b.label));
    const headAbs = Math.abs(Number(h.prediction) - Number(h.label));
    diff[i] = headAbs - baseAbs[i];
    baseSum += baseAbs[i];
    headSum += headAbs;
  });
  const meanDiff = (indices) => {
    let sum = 0;
    for (const i of indices) sum += diff[i];
    return sum / indices.length;
  };
  const p = tested ? pairedBootstrapTests(n, [meanDiff], bootstrap)[0].pValue : null;
  return [metric("mae", baseSum / n, headSum / n, tested ? "bootstrap" : null, p)];
}
function metric(name, base, head, test, pValue) {
  return { name, base, head, delta: head - base, test, pValue, adjusted: null };
}
function correct(slices, method) {
  const names = new Set(slices.flatMap((s) => s.metrics.map((m) => m.name)));
  for (const name of names) {
    const cells2 = slices.flatMap((s) => s.metrics.filter((m) => m.name === name));
    const adjusted = adjustPValues(
      cells2.map((m) => m.pValue),
      method
    );
    cells2.forEach((m, i) => m.adjusted = adjusted[i]);
  }
}

// core/gate/baseline-notes.ts
var short2 = (sha) => sha.slice(0, 7);
var MAX_SKIPPED = 5;
function baselineNotes(search, label) {
  const notes = [];
  const start = search.start;
  if (search.head) {
    notes.push(
      start ? `The base commit is ${short2(start)}, the merge-base of the head ${short2(search.head)} and ${label} ${short2(search.base)}.` : `The head ${short2(search.head)} and ${label} ${short2(search.base)} have no merge-base: no baseline.`
    );
  }
  const where = !start ? label : search.head ? `the merge-base with ${label} (${short2(start)})` : `${label} (${short2(start)})`;
  if (search.used && search.used.distance > 0) {
    notes.push(
      `No run for ${where}; compared with the nearest earlier run, at ${short2(search.used.commit)} (${search.used.label}, ${search.used.distance} first parent${search.used.distance === 1 ? "" : "s"} back).`
    );
  }
  for (const skip of search.skipped.slice(0, MAX_SKIPPED)) {
    notes.push(`Skipped ${skip.label} at ${short2(skip.commit)} as a baseline: ${skip.reason}.`);
  }
  if (search.skipped.length > MAX_SKIPPED) {
    notes.push(`\u2026 and ${search.skipped.length - MAX_SKIPPED} more runs skipped.`);
  }
  if (!search.used && start) {
    const searched = search.searched ? ` Searched: ${search.searched}.` : "";
    notes.push(
      `No successful run for ${where} or within ${search.depth - 1} first parents before it: run the pipeline there to get a baseline.${searched}`
    );
  }
  return notes;
}

// core/gate/gate.ts
async function runGate(source, input) {
  const notes = [...input.notes ?? []];
  const { base, search } = await findBaseline(source, input, notes);
  if (base?.run.note) notes.push(base.run.note);
  const policyCommit = search?.start ?? input.baseCommit ?? base?.commit ?? null;
  const policy = await loadPolicy(source, input, policyCommit, notes);
  const history = base ? await baseHistory(source, base, input.baseBranch ?? null, policy.report.history, notes) : [];
  const { significance, slices } = base ? await significanceOf(base.run, input.head, policy, notes) : { significance: null, slices: null };
  const comparison = compare(base?.run.record ?? null, input.head.record, policy, {
    history: history.map(historyRecord),
    significance,
    slices,
    notes,
    unverified: input.unverified ?? null
  });
  const decision = evaluatePolicy(comparison, policy);
  const shadow = input.head.shadow;
  return { comparison, decision, policy, base, search, ...shadow ? { shadow } : {} };
}
function renderGateReport(result, format, options = {}) {
  const { comparison, decision, policy } = result;
  if (format === "json") return renderJson(comparison, decision);
  if (format === "md") {
    const said = new Set(result.search?.notes ?? []);
    const notes = comparison.notes.filter((note) => !said.has(note));
    return renderReport({ ...comparison, notes }, decision, options.links ?? {}, {
      chart: policy.report.chart,
      maxRows: policy.report.max_rows,
      baseline: result.search,
      ...shadowOf(options.shadow ?? result.shadow)
    });
  }
  return renderText(comparison, decision, options.style, { maxRows: policy.report.max_rows });
}
function shadowOf(shadow) {
  return shadow ? { shadow } : {};
}
async function findBaseline(source, input, notes) {
  if (input.base) {
    const commit = input.base.record.git.commit ?? input.baseCommit;
    return { base: { run: input.base, commit }, search: null };
  }
  if (!input.baseCommit) return { base: null, search: null };
  const { base, search } = await chooseBaseline(source, {
    base: input.baseCommit,
    head: input.headCommit ?? null,
    branch: input.baseBranch ?? null,
    excludeRunId: input.head.record.id
  });
  const said = baselineNotes(search, input.baseLabel ?? "the base commit");
  notes.push(...said);
  return { base, search: { ...search, notes: said } };
}
async function loadPolicy(source, input, commit, notes) {
  if (input.policy) return parsePolicy(input.policy.text, input.policy.file);
  if (commit) {
    const text = await source.fileAt(commit, POLICY_PATH);
    if (text !== null) return parsePolicy(text, `${commit.slice(0, 7)}:${POLICY_PATH}`);
  }
  const workspace = source.workspaceFile ? await source.workspaceFile(POLICY_PATH) : null;
  if (workspace !== null) {
    if (commit) notes.push(`The base commit has no ${POLICY_PATH}; the workspace's was used.`);
    return parsePolicy(workspace, POLICY_PATH);
  }
  notes.push(
    commit ? `The base commit has no ${POLICY_PATH}: no gate rules, report only.` : `No ${POLICY_PATH}: no gate rules, report only.`
  );
  return defaultPolicy();
}
async function baseHistory(source, base, branch, limit, notes) {
  if (limit === 0) return [];
  if (base.run.carriedHistory) return base.run.carriedHistory.slice(-limit);
  if (source.trust === "local") return walkedHistory(source, base, branch, limit);
  notes.push("The base run carried no history (`cd4ml-history.json`): no trend shown.");
  return [];
}
function historyRecord(entry) {
  return {
    schema: RUN_RECORD_SCHEMA,
    id: entry.id,
    createdAt: entry.createdAt,
    status: entry.status,
    pipeline: { file: "" },
    git: { commit: entry.commit, branch: entry.branch, dirty: false },
    event: "push",
    timings: { startedAt: entry.createdAt, finishedAt: entry.createdAt, durationMs: 0 },
    stages: {},
    params: entry.params ?? {},
    overrides: {},
    metrics: entry.metrics,
    candidates: {},
    champion: null,
    model: null,
    predictions: null,
    deps: {},
    stats: {},
    env: { os: "", arch: "", node: "", python: null, lockfiles: {} }
  };
}
async function significanceOf(base, head, policy, notes) {
  const none = { significance: null, slices: null };
  const basePredictions = base.record.predictions;
  const headPredictions = head.record.predictions;
  if (!basePredictions || !headPredictions) {
    if (policy.gate.rules.some((rule) => rule.significant)) {
      notes.push(
        `No significance test: ${!basePredictions ? "the base" : "the head"} run saved no per-example predictions (\`predictions\` in the run record).`
      );
    }
    return none;
  }
  let b;
  let h;
  try {
    [b, h] = await Promise.all([
      predictionsOf(base, basePredictions.file, "base"),
      predictionsOf(head, headPredictions.file, "head")
    ]);
    const significance = pairedSignificance(
      parsePredictions(b.text, b.where),
      parsePredictions(h.text, h.where),
      policy.gate.significance
    );
    return { significance, slices: slicesOf(b, h, headPredictions.slices ?? [], policy, notes) };
  } catch (error) {
    notes.push(`No significance test: ${firstLine(error)}.`);
    return none;
  }
}
function slicesOf(b, h, columns, policy, notes) {
  if (columns.length === 0) return null;
  try {
    return compareSlices(
      parsePredictions(b.text, b.where, columns),
      parsePredictions(h.text, h.where, columns),
      {
        columns,
        minRows: policy.gate.slices.min_rows,
        correction: policy.gate.slices.correction,
        bootstrap: policy.gate.significance
      }
    );
  } catch (error) {
    const reason = firstLine(error);
    notes.push(`No per-slice comparison: ${reason}.`);
    return { kind: "skipped", reason };
  }
}
function firstLine(error) {
  return error instanceof Error ? error.message.split("\n")[0] ?? "" : String(error);
}
async function predictionsOf(run, file, side2) {
  const text = await run.readAttachment(file, PREDICTION_LIMITS.bytes);
  if (text === null) {
    throw new Cd4mlError("E_ARTIFACT", `the ${side2} run's predictions file ${file} is missing`, {
      location: { file: run.source, field: "predictions.file" }
    });
  }
  return { text, where: `${run.source}:${file}` };
}
export {
  renderGateReport,
  runGate
};
//# sourceMappingURL=gate-H4N4P6SM.js.map
