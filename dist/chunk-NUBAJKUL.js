import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  formatDelta,
  formatNumber,
  formatP,
  formatPct,
  formatValue
} from "./chunk-XVQGURII.js";
import {
  escapeTerminal
} from "./chunk-F7FDA4KN.js";

// core/policy/data.ts
var pct = (rate) => `${formatNumber(rate * 100)}%`;
function evaluateDataRule(rule, index, comparison, policy) {
  const head = { kind: "rule", rule: index, metric: null, scope: "data" };
  const at = `${rule.data}${rule.column ? ` column ${rule.column}` : ""}`;
  const diff = comparison.data.profiles.find((p) => p.path === rule.data);
  const fail = (message) => ({
    ...head,
    data: rule.data,
    status: "fail",
    message: `${at}: ${message}`,
    checks: [],
    failing: []
  });
  if (!diff)
    return fail(
      "not profiled in the head run (is it a CSV, TSV, JSON Lines or Parquet dep or out of a stage?)"
    );
  if (diff.error && (diff.headRows === null || diff.error.startsWith("head")))
    return fail(`no profile: ${diff.error}`);
  let columns = diff.columns;
  if (rule.column) {
    columns = columns.filter((c) => c.name === rule.column);
    if (columns.length === 0)
      return fail(
        `no column ${rule.column} (columns: ${diff.columns.map((c) => c.name).join(", ")})`
      );
  }
  const { checks, failing } = runChecks(rule, diff, columns, policy);
  const rank = { pass: 0, neutral: 1, fail: 2 };
  const status = checks.reduce(
    (w, c) => rank[c.status] > rank[w] ? c.status : w,
    "pass"
  );
  const deciding = status === "pass" ? checks : checks.filter((c) => c.status === status);
  return {
    ...head,
    data: rule.data,
    status,
    message: `${at}: ${deciding.map((c) => c.message).join("; ")}`,
    checks,
    failing
  };
}
function runChecks(rule, diff, columns, policy) {
  const checks = [];
  const failing = /* @__PURE__ */ new Set();
  const add = (check, limit, bad, message) => {
    const status = bad === null ? policy.gate.missing_baseline : bad.length > 0 ? "fail" : "pass";
    for (const c of bad ?? []) failing.add(c.name);
    checks.push({ check, limit, status, message });
  };
  const noBase = diff.baseRows === null;
  if (rule.min_rows !== void 0) {
    const rows = diff.headRows ?? 0;
    const ok = rows >= rule.min_rows;
    checks.push({
      check: "min_rows",
      limit: rule.min_rows,
      status: ok ? "pass" : "fail",
      message: ok ? `${formatNumber(rows)} rows \u2265 min_rows ${formatNumber(rule.min_rows)}` : `${formatNumber(rows)} rows, fewer than min_rows ${formatNumber(rule.min_rows)}`
    });
  }
  if (rule.max_null_rate !== void 0) {
    const limit = rule.max_null_rate;
    const bad = columns.filter((c) => (c.headNullRate ?? 0) > limit);
    add(
      "max_null_rate",
      limit,
      bad,
      bad.length > 0 ? `null rate over ${pct(limit)} in ${bad.map((c) => `${c.name} (${pct(c.headNullRate ?? 0)})`).join(", ")}` : `null rate \u2264 ${pct(limit)} in ${columns.length === 1 ? columns[0].name : `all ${columns.length} columns`}`
    );
  }
  if (rule.max_drift !== void 0) {
    const limit = rule.max_drift;
    const bad = columns.filter((c) => (c.psi ?? 0) > limit).sort((a, b) => b.psi - a.psi);
    const worst = columns.reduce(
      (w, c) => c.psi !== null && (w === null || c.psi > w.psi) ? c : w,
      null
    );
    add(
      "max_drift",
      limit,
      noBase ? null : bad,
      noBase ? `no base profile, max_drift not checked (missing_baseline: ${policy.gate.missing_baseline})` : bad.length > 0 ? `drift (PSI) over ${formatNumber(limit)} in ${bad.map((c) => `${c.name} (${formatNumber(c.psi)})`).join(", ")}` : `drift (PSI) \u2264 ${formatNumber(limit)}${worst ? ` (largest: ${worst.name} ${formatNumber(worst.psi)})` : ""}`
    );
  }
  if (rule.schema === "unchanged") {
    const bad = columns.filter((c) => c.change !== "same");
    add(
      "schema",
      0,
      noBase ? null : bad,
      noBase ? `no base profile, schema not checked (missing_baseline: ${policy.gate.missing_baseline})` : bad.length > 0 ? `schema changed: ${bad.map((c) => `${c.name} ${c.change === "retyped" ? `retyped ${c.baseType} \u2192 ${c.headType}` : c.change}`).join(", ")}` : "schema unchanged"
    );
  }
  return { checks, failing: [...failing] };
}

// core/policy/slices.ts
var DEFAULT_ALPHA = 0.05;
function sliceName(slice) {
  return `${slice.column}=${slice.value}`;
}
function evaluateSliceRule(rule, index, comparison, policy) {
  const head = {
    kind: "rule",
    rule: index,
    metric: rule.metric,
    scope: "slices"
  };
  const label = `${rule.metric} per ${rule.slices.join(", ")}`;
  const result = comparison.slices;
  if (!result || result.kind === "skipped") {
    const why = !comparison.base ? "no baseline run" : result ? result.reason : "the runs have no per-slice predictions (declare `predictions: { file, slices }` in the pipeline)";
    return {
      ...head,
      status: policy.gate.missing_baseline,
      message: `${label}: not checked, ${why} (missing_baseline: ${policy.gate.missing_baseline})`,
      checks: [],
      failing: []
    };
  }
  const missing = rule.slices.filter((c) => !result.columns.includes(c));
  if (missing.length > 0) {
    return {
      ...head,
      status: "fail",
      message: `${label}: the predictions have no slice column ${missing.join(", ")} (declared: ${result.columns.join(", ") || "none"})`,
      checks: [],
      failing: []
    };
  }
  const alpha = rule.alpha ?? DEFAULT_ALPHA;
  const breaches = result.slices.filter((s) => s.tested && rule.slices.includes(s.column)).flatMap((slice) => breachesOf(rule, slice, alpha));
  const tested = result.slices.filter((s) => s.tested && rule.slices.includes(s.column)).length;
  const small = result.slices.filter((s) => !s.tested && rule.slices.includes(s.column)).length;
  const failing = breaches.filter((b) => b.counts);
  const checks = failing.map((b) => ({
    check: b.check,
    limit: b.limit,
    status: "fail",
    message: breachWords(b, rule.significant === true)
  }));
  const noisy = breaches.length - failing.length;
  const tail = `${tested} slice${tested === 1 ? "" : "s"} tested${small > 0 ? `, ${small} under ${result.minRows} rows not gated` : ""}${noisy > 0 ? `, ${noisy} drop${noisy === 1 ? "" : "s"} within noise` : ""}`;
  const names = [...new Set(failing.map((b) => sliceName(b.slice)))];
  return {
    ...head,
    status: failing.length > 0 ? "fail" : "pass",
    message: failing.length > 0 ? `${label}: ${names.length} slice${names.length === 1 ? "" : "s"} failed: ${checks.slice(0, 5).map((c) => c.message).join("; ")}${checks.length > 5 ? "; \u2026" : ""} (${tail})` : `${label}: every slice within limits (${tail})`,
    checks,
    failing: names
  };
}
function breachesOf(rule, slice, alpha) {
  const metric = slice.metrics.find((m) => m.name === rule.metric);
  if (!metric) return [];
  const out = [];
  const significant = rule.significant !== true || metric.adjusted !== null && metric.adjusted < alpha;
  const push = (check, limit, breached, relative) => {
    if (breached) out.push({ slice, metric, check, limit, counts: relative ? significant : true });
  };
  const tol = 1e-12 * Math.max(Math.abs(metric.base), 1);
  const pct2 = (limit) => limit / 100 * Math.abs(metric.base);
  if (rule.min !== void 0) push("min", rule.min, metric.head < rule.min, false);
  if (rule.max !== void 0) push("max", rule.max, metric.head > rule.max, false);
  if (rule.max_decrease !== void 0)
    push("max_decrease", rule.max_decrease, -metric.delta > rule.max_decrease + tol, true);
  if (rule.max_increase !== void 0)
    push("max_increase", rule.max_increase, metric.delta > rule.max_increase + tol, true);
  if (rule.max_decrease_pct !== void 0)
    push(
      "max_decrease_pct",
      rule.max_decrease_pct,
      -metric.delta > pct2(rule.max_decrease_pct) + tol,
      true
    );
  if (rule.max_increase_pct !== void 0)
    push(
      "max_increase_pct",
      rule.max_increase_pct,
      metric.delta > pct2(rule.max_increase_pct) + tol,
      true
    );
  return out;
}
function breachWords(b, significant) {
  const fmt = (v) => formatValue(b.metric.name, v);
  const p = significant && b.metric.adjusted !== null ? `, corrected p ${formatP(b.metric.adjusted)}` : "";
  const moved = `${fmt(b.metric.base)} \u2192 ${fmt(b.metric.head)}`;
  const limit = b.check.endsWith("_pct") ? `${b.limit}%` : fmt(b.limit);
  return `${sliceName(b.slice)} ${moved} (${b.check.replace(/_pct$/, " %")} ${limit}${p})`;
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
    if (rule.data !== void 0) {
      reasons.push(evaluateDataRule({ ...rule, data: rule.data }, index, comparison, policy));
      return;
    }
    const metric = rule.metric ?? "";
    if (rule.slices) {
      reasons.push(
        evaluateSliceRule({ ...rule, metric, slices: rule.slices }, index, comparison, policy)
      );
      return;
    }
    const diff = comparison.metrics.find((m) => m.name === metric);
    reasons.push(evaluateRule({ ...rule, metric }, index, diff, comparison.base !== null, policy));
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
  for (const [check, limit, way, pct2] of relative) {
    checks.push(
      relativeCheck(check, limit, way, pct2, diff, rule.significant === true, hasBaseRun, policy)
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
function relativeCheck(check, limit, way, pct2, diff, significant, hasBaseRun, policy) {
  const fmt = (value) => formatValue(diff.name, value);
  const allowed = pct2 ? `${formatNumber(limit)}%` : fmt(limit);
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
  if (pct2) {
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
  const amount = pct2 ? formatPct(Math.abs(diff.delta / Math.abs(diff.base) * 100)).replace(/^\+/, "") : fmt(Math.abs(diff.delta));
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
  const out = [
    ...headline(comparison, decision, style),
    ...metricsTable(comparison, decision, style, options.maxRows ?? 40),
    ...gateReasons(decision, style),
    ...significance(comparison, style),
    ...candidates(comparison, style),
    ...paramsChanged(comparison, style),
    ...depsChanged(comparison, style),
    ...comparison.notes.map((note) => style.dim(`note: ${escapeTerminal(note, 300)}`))
  ];
  return `${out.join("\n").trimEnd()}
`;
}
function headline(comparison, decision, style) {
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
    for (const c of comparison.model.signature.filter((s) => s.breaking))
      out.push(style.bad(`  ${c.side} ${escapeTerminal(c.name, 60)} ${c.kind}`));
    out.push("");
  }
  return out;
}
function metricsTable(comparison, decision, style, maxRows) {
  const out = [];
  const gated = /* @__PURE__ */ new Map();
  for (const reason of decision.reasons) {
    if (reason.metric)
      gated.set(reason.metric, statusColour(reason.status, style)(GATE_WORD[reason.status]));
  }
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
  return out;
}
function section(title, lines, style) {
  return lines.length > 0 ? [style.bold(title), ...lines, ""] : [];
}
function gateReasons(decision, style) {
  const lines = decision.reasons.map(
    (r) => `  ${statusColour(r.status, style)(MARK[r.status])} ${escapeTerminal(r.message, 400)}`
  );
  return section("Gate", lines, style);
}
function significance(comparison, style) {
  const s = comparison.significance;
  if (!s || s.kind === "skipped") return [];
  const lines = s.metrics.map(
    (m) => `  ${m.name}: ${formatDelta(m.name, m.delta.estimate)}  ${Math.round(m.delta.confidence * 100)}% CI ${formatDelta(m.name, m.delta.low)} \u2026 ${formatDelta(m.name, m.delta.high)}`
  );
  if (s.mcnemar)
    lines.push(
      `  McNemar: head fixes ${s.mcnemar.headOnly}, breaks ${s.mcnemar.baseOnly}, p = ${s.mcnemar.pValue.toPrecision(2)}`
    );
  return [style.bold(`Significance (paired bootstrap, ${s.paired} examples)`), ...lines, ""];
}
function candidates(comparison, style) {
  const c = comparison.candidates;
  if (!c) return [];
  const lines = c.rows.map(
    (r) => `  ${r.champion ? "\u2605" : " "} ${escapeTerminal(r.name, 60)}  ${formatValue(c.metric ?? "", r.value)}`
  );
  return [style.bold(`Candidates (by ${escapeTerminal(c.metric ?? "?", 60)})`), ...lines, ""];
}
function paramsChanged(comparison, style) {
  const { params } = comparison;
  const shown = (value) => value === void 0 ? "\u2014" : escapeTerminal(JSON.stringify(value), 80);
  const lines = params.slice(0, 50).map((p) => `  ${escapeTerminal(p.name, 80)}: ${shown(p.base)} \u2192 ${shown(p.head)}`);
  if (params.length > 50) lines.push(style.dim(`  \u2026 ${params.length - 50} more`));
  return section(`Params changed (${params.length})`, lines, style);
}
function depsChanged(comparison, style) {
  const lines = comparison.data.deps.slice(0, 20).map((d) => `  ${escapeTerminal(d.path, 100)} (${d.change})`);
  return section("Data deps changed", lines, style);
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

export {
  sliceName,
  STATUS_OF_CONCLUSION,
  evaluatePolicy,
  sparkline,
  PLAIN_STYLE,
  renderText
};
//# sourceMappingURL=chunk-NUBAJKUL.js.map
