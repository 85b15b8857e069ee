import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  escapeTerminal
} from "./chunk-LAUS2DL7.js";
import {
  metricValue
} from "./chunk-ST4MYNUI.js";
import {
  formatDelta,
  formatNumber,
  formatPct,
  formatValue
} from "./chunk-EOUAP7PN.js";

// core/report/sparkline.ts
var BARS = ["\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588"];
function sparkline(values) {
  const present = values.filter((v) => v !== null && Number.isFinite(v));
  if (present.length === 0) return "";
  const min = Math.min(...present);
  const max = Math.max(...present);
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return "\xB7";
    if (max === min) return BARS[3];
    return BARS[Math.round((v - min) / (max - min) * (BARS.length - 1))];
  }).join("");
}

// core/policy/evaluate.ts
var STATUS_OF_CONCLUSION = {
  success: "pass",
  failure: "fail",
  neutral: "neutral"
};
var STATUS_RANK = { pass: 0, neutral: 1, fail: 2 };
function worstStatus(items) {
  return items.reduce(
    (acc, item) => STATUS_RANK[item.status] > STATUS_RANK[acc] ? item.status : acc,
    "pass"
  );
}
function evaluatePolicy(comparison, policy) {
  const reasons = [];
  if (comparison.head.status === "failed") {
    reasons.push({
      kind: "run",
      rule: null,
      metric: null,
      status: "fail",
      message: "the head run failed: its metrics are incomplete",
      checks: []
    });
  }
  if (comparison.unverified) {
    reasons.push({
      kind: "trust",
      rule: null,
      metric: null,
      status: policy.gate.unverified,
      message: `the head metrics are unverified: ${comparison.unverified}`,
      checks: []
    });
  }
  if (comparison.model?.breaking) {
    const changes = comparison.model.signature.filter((c) => c.breaking);
    const what = changes.slice(0, 3).map(
      (c) => `${c.side} ${c.name} ${c.kind === "added" ? "added" : c.kind === "removed" ? "removed" : `${c.kind} changed`}`
    ).join(", ");
    reasons.push({
      kind: "model",
      rule: null,
      metric: null,
      status: policy.gate.breaking_change,
      message: `breaking change to the model signature (${what}${changes.length > 3 ? ", \u2026" : ""})`,
      checks: []
    });
  }
  policy.gate.rules.forEach((rule, index) => {
    const diff = comparison.metrics.find((m) => m.name === rule.metric);
    reasons.push(evaluateRule(rule, index, diff, comparison.base !== null, policy));
  });
  const worst = worstStatus(reasons);
  const conclusion = worst === "fail" ? "failure" : worst === "neutral" ? "neutral" : "success";
  const deciding = reasons.find((r) => r.status === worst && worst !== "pass");
  let summary;
  if (deciding) summary = deciding.message;
  else if (policy.gate.rules.length === 0) summary = "no gate rules: report only";
  else {
    summary = policy.gate.rules.length === 1 ? "the gate rule passed" : `all ${policy.gate.rules.length} gate rules passed`;
    const noisy = reasons.find((r) => r.checks.some((c) => c.withinNoise));
    const check = noisy?.checks.find((c) => c.withinNoise);
    if (noisy && check) summary += ` (${noisy.metric ?? ""}: ${check.message})`;
  }
  return { conclusion, summary, reasons };
}
function evaluateRule(rule, index, diff, hasBaseRun, policy) {
  const fmt = (value) => formatValue(rule.metric, value);
  const base = { kind: "rule", rule: index, metric: rule.metric };
  if (!diff || diff.head === null) {
    return {
      ...base,
      status: "fail",
      message: `${rule.metric} is missing from the head run`,
      checks: []
    };
  }
  const checks = [];
  const head = diff.head;
  if (rule.min !== void 0) {
    const ok = head >= rule.min;
    checks.push({
      check: "min",
      limit: rule.min,
      status: ok ? "pass" : "fail",
      message: ok ? `${fmt(head)} \u2265 min ${fmt(rule.min)}` : `${fmt(head)} is below the minimum ${fmt(rule.min)}`
    });
  }
  if (rule.max !== void 0) {
    const ok = head <= rule.max;
    checks.push({
      check: "max",
      limit: rule.max,
      status: ok ? "pass" : "fail",
      message: ok ? `${fmt(head)} \u2264 max ${fmt(rule.max)}` : `${fmt(head)} is above the maximum ${fmt(rule.max)}`
    });
  }
  const relative = [];
  if (rule.max_decrease !== void 0)
    relative.push(["max_decrease", rule.max_decrease, "decrease", false]);
  if (rule.max_increase !== void 0)
    relative.push(["max_increase", rule.max_increase, "increase", false]);
  if (rule.max_decrease_pct !== void 0)
    relative.push(["max_decrease_pct", rule.max_decrease_pct, "decrease", true]);
  if (rule.max_increase_pct !== void 0)
    relative.push(["max_increase_pct", rule.max_increase_pct, "increase", true]);
  for (const [check, limit, way, pct] of relative) {
    checks.push(
      relativeCheck(check, limit, way, pct, diff, rule.significant === true, hasBaseRun, policy)
    );
  }
  const worst = worstStatus(checks);
  const deciding = worst === "pass" ? checks : checks.filter((c) => c.status === worst);
  return {
    ...base,
    status: worst,
    message: `${rule.metric}: ${deciding.map((c) => c.message).join("; ")}`,
    checks
  };
}
function relativeCheck(check, limit, way, pct, diff, significant, hasBaseRun, policy) {
  const fmt = (value) => formatValue(diff.name, value);
  const allowed = pct ? `${formatNumber(limit)}%` : fmt(limit);
  if (diff.base === null || diff.delta === null) {
    const why = hasBaseRun ? "the base run has no value" : "no baseline run";
    return {
      check,
      limit,
      status: policy.gate.missing_baseline,
      message: `${why}, ${check} not checked (missing_baseline: ${policy.gate.missing_baseline})`
    };
  }
  const sign = way === "decrease" ? -1 : 1;
  const moved = sign * diff.delta;
  let allowedDelta = limit;
  if (pct) {
    if (diff.base === 0) {
      const status = moved > 0 ? "fail" : "pass";
      return {
        check,
        limit,
        status,
        message: `the base value is 0, so a ${way} in percent is undefined; the head ${moved > 0 ? `${way}d` : `did not ${way}`}`
      };
    }
    allowedDelta = limit / 100 * Math.abs(diff.base);
  }
  const tolerance = 1e-12 * Math.max(Math.abs(diff.base), 1);
  const breached = moved > allowedDelta + tolerance;
  const amount = pct ? formatPct(Math.abs(diff.delta / Math.abs(diff.base) * 100)).replace(/^\+/, "") : fmt(Math.abs(diff.delta));
  const pointMessage = breached ? `${way}d by ${amount}, more than the allowed ${allowed}` : moved > 0 ? `${way}d by ${amount}, within the allowed ${allowed}` : `no ${way} (allowed ${allowed})`;
  if (!significant)
    return { check, limit, status: breached ? "fail" : "pass", message: pointMessage };
  const interval = diff.significance?.delta;
  if (!interval) {
    return {
      check,
      limit,
      status: breached ? "fail" : "pass",
      message: `${pointMessage} (no per-example predictions to test significance; point estimate used)`
    };
  }
  const nearEnd = way === "decrease" ? -interval.high : interval.low;
  const beyond = nearEnd > allowedDelta + tolerance;
  const ci = `${Math.round(interval.confidence * 100)}% CI ${formatDelta(diff.name, interval.low)} \u2026 ${formatDelta(diff.name, interval.high)}`;
  const result = {
    check,
    limit,
    status: beyond ? "fail" : "pass",
    message: beyond ? `${way}d by ${amount}, more than the allowed ${allowed}, and significantly so (${ci})` : breached ? `${way}d by ${amount}, more than the allowed ${allowed}, but within noise (${ci})` : `${pointMessage} (${ci})`,
    interval: { low: interval.low, high: interval.high, confidence: interval.confidence }
  };
  if (breached && !beyond) result.withinNoise = true;
  return result;
}

// core/report/text.ts
var identity = (text) => text;
var PLAIN_STYLE = {
  good: identity,
  bad: identity,
  warn: identity,
  dim: identity,
  bold: identity
};
var MARK = { pass: "\u2714", fail: "\u2716", neutral: "!" };
var GATE_WORD = { pass: "pass", fail: "FAIL", neutral: "neutral" };
function renderText(comparison, decision, style = PLAIN_STYLE, options = {}) {
  const out = [];
  const status = STATUS_OF_CONCLUSION[decision.conclusion];
  const colour = statusColour(status, style);
  out.push(
    colour(
      style.bold(
        `${MARK[status]} gate ${decision.conclusion}: ${escapeTerminal(decision.summary, 300)}`
      )
    )
  );
  const who = (label, run) => run ? `${label} ${run.commit ? run.commit.slice(0, 7) : "no-commit"}${run.branch ? ` (${escapeTerminal(run.branch, 60)})` : ""} run ${escapeTerminal(run.id, 60)}` : `${label} none`;
  out.push(style.dim(`${who("head", comparison.head)}  vs  ${who("base", comparison.base)}`), "");
  if (comparison.unverified) {
    out.push(style.warn(`UNVERIFIED metrics: ${escapeTerminal(comparison.unverified, 300)}`), "");
  }
  if (comparison.model?.breaking) {
    out.push(style.bad("BREAKING model signature change:"));
    for (const c of comparison.model.signature.filter((s2) => s2.breaking))
      out.push(style.bad(`  ${c.side} ${escapeTerminal(c.name, 60)} ${c.kind}`));
    out.push("");
  }
  const gated = /* @__PURE__ */ new Map();
  for (const reason of decision.reasons) {
    if (reason.metric)
      gated.set(reason.metric, statusColour(reason.status, style)(GATE_WORD[reason.status]));
  }
  const maxRows = options.maxRows ?? 40;
  const rows = comparison.metrics.filter((m) => gated.has(m.name) || m.change !== "same").slice(0, Math.max(maxRows, gated.size));
  const header = ["metric", "base", "head", "\u0394", "\u0394%", "trend", "gate"];
  const cells = rows.map((m) => [
    escapeTerminal(m.name, 48),
    formatValue(m.name, m.base),
    formatValue(m.name, m.head),
    formatDelta(m.name, m.delta),
    formatPct(m.deltaPct),
    sparkline([...m.history, m.head]),
    gated.get(m.name) ?? ""
  ]);
  const widths = header.map(
    (h, i) => Math.max(visible(h), ...cells.map((row) => visible(row[i])))
  );
  const line = (row, colourRow = identity) => `  ${row.map(
    (cell, i) => i >= 1 && i <= 4 ? cell.padStart(widths[i] + cell.length - visible(cell)) : cell.padEnd(widths[i] + cell.length - visible(cell))
  ).map((c, i) => i === 0 ? colourRow(c) : c).join("  ")}`.trimEnd();
  if (rows.length > 0) {
    out.push(style.dim(line(header)));
    rows.forEach((m, i) => out.push(line(cells[i], changeColour(m, style))));
  }
  const hidden = comparison.metrics.length - rows.length;
  if (hidden > 0)
    out.push(
      style.dim(
        `  \u2026 ${hidden} more metric${hidden === 1 ? "" : "s"} (unchanged or beyond ${maxRows} rows; --format json lists all)`
      )
    );
  out.push("");
  if (decision.reasons.length > 0) {
    out.push(style.bold("Gate"));
    for (const r of decision.reasons) {
      const mark = statusColour(r.status, style)(MARK[r.status]);
      out.push(`  ${mark} ${escapeTerminal(r.message, 400)}`);
    }
    out.push("");
  }
  const s = comparison.significance;
  if (s && s.kind !== "skipped") {
    out.push(style.bold(`Significance (paired bootstrap, ${s.paired} examples)`));
    for (const m of s.metrics) {
      out.push(
        `  ${m.name}: ${formatDelta(m.name, m.delta.estimate)}  ${Math.round(m.delta.confidence * 100)}% CI ${formatDelta(m.name, m.delta.low)} \u2026 ${formatDelta(m.name, m.delta.high)}`
      );
    }
    if (s.mcnemar)
      out.push(
        `  McNemar: head fixes ${s.mcnemar.headOnly}, breaks ${s.mcnemar.baseOnly}, p = ${s.mcnemar.pValue.toPrecision(2)}`
      );
    out.push("");
  }
  if (comparison.candidates) {
    out.push(
      style.bold(`Candidates (by ${escapeTerminal(comparison.candidates.metric ?? "?", 60)})`)
    );
    for (const r of comparison.candidates.rows) {
      out.push(
        `  ${r.champion ? "\u2605" : " "} ${escapeTerminal(r.name, 60)}  ${formatValue(comparison.candidates.metric ?? "", r.value)}`
      );
    }
    out.push("");
  }
  if (comparison.params.length > 0) {
    out.push(style.bold(`Params changed (${comparison.params.length})`));
    for (const p of comparison.params.slice(0, 50)) {
      out.push(
        `  ${escapeTerminal(p.name, 80)}: ${p.base === void 0 ? "\u2014" : escapeTerminal(JSON.stringify(p.base), 80)} \u2192 ${p.head === void 0 ? "\u2014" : escapeTerminal(JSON.stringify(p.head), 80)}`
      );
    }
    if (comparison.params.length > 50)
      out.push(style.dim(`  \u2026 ${comparison.params.length - 50} more`));
    out.push("");
  }
  if (comparison.data.deps.length > 0) {
    out.push(style.bold("Data deps changed"));
    for (const d of comparison.data.deps.slice(0, 20))
      out.push(`  ${escapeTerminal(d.path, 100)} (${d.change})`);
    out.push("");
  }
  for (const note of comparison.notes) out.push(style.dim(`note: ${escapeTerminal(note, 300)}`));
  return `${out.join("\n").trimEnd()}
`;
}
function statusColour(status, style) {
  return status === "pass" ? style.good : status === "fail" ? style.bad : style.warn;
}
function changeColour(m, style) {
  if (m.change === "better") return style.good;
  if (m.change === "worse" || m.change === "removed" || m.change === "missing") return style.bad;
  return identity;
}
function visible(text) {
  return [...text.replace(/\u001b\[[0-9;]*m/g, "")].length;
}

// core/report/history.ts
var HISTORY_JSON_SCHEMA = "cd4ml/history@1";
var PLAIN_HISTORY_STYLE = { ...PLAIN_STYLE, trend: (text) => text };
function toHistoryJson(runs, names) {
  return {
    schema: HISTORY_JSON_SCHEMA,
    metrics: [...names],
    runs: runs.map((run) => ({
      id: run.id,
      commit: run.git.commit,
      branch: run.git.branch,
      createdAt: run.createdAt,
      status: run.status,
      metrics: Object.fromEntries(names.map((name) => [name, metricValue(run, name) ?? null]))
    }))
  };
}
function renderHistoryJson(runs, names) {
  return `${JSON.stringify(toHistoryJson(runs, names), null, 2)}
`;
}
function renderHistoryText(runs, names, style = PLAIN_HISTORY_STYLE) {
  const out = [];
  const values = names.map((name) => runs.map((run) => metricValue(run, name) ?? null));
  names.forEach((name, i) => {
    const series = values[i];
    const present = series.filter((v) => v !== null);
    const last = series.at(-1) ?? null;
    const previous = series.slice(0, -1).filter((v) => v !== null).at(-1);
    const change = last !== null && previous !== void 0 ? ` (${formatDelta(name, last - previous)} vs the run before)` : "";
    const range = present.length > 0 ? `min ${formatValue(name, Math.min(...present))} \xB7 max ${formatValue(name, Math.max(...present))} \xB7 ` : "";
    out.push(
      `${style.bold(escapeTerminal(name, 60))}  ${style.trend(sparkline(series))}  ${style.dim(`${range}last ${formatValue(name, last)}${change}`)}`
    );
  });
  out.push("");
  const header = ["when", "commit", "branch", "status", ...names.map((n) => escapeTerminal(n, 24))];
  const rows = runs.map((run, r) => [
    run.createdAt.replace("T", " ").slice(0, 16),
    run.git.commit ? run.git.commit.slice(0, 7) + (run.git.dirty ? "*" : "") : "\u2014",
    escapeTerminal(run.git.branch ?? "\u2014", 24),
    run.status,
    ...names.map((name, i) => formatValue(name, values[i][r]))
  ]);
  const widths = header.map(
    (h, i) => Math.max(h.length, ...rows.map((row) => [...row[i]].length))
  );
  const line = (row) => row.map((cell, i) => i >= 4 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])).join("  ").trimEnd();
  out.push(style.dim(line(header)));
  for (const [i, row] of rows.entries())
    out.push(runs[i].status === "failed" ? style.bad(line(row)) : line(row));
  return `${out.join("\n")}
`;
}

export {
  STATUS_OF_CONCLUSION,
  evaluatePolicy,
  sparkline,
  renderText,
  HISTORY_JSON_SCHEMA,
  PLAIN_HISTORY_STYLE,
  toHistoryJson,
  renderHistoryJson,
  renderHistoryText
};
//# sourceMappingURL=chunk-G7X7T6NY.js.map
