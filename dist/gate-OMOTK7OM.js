import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  POLICY_PATH,
  defaultPolicy,
  parsePolicy
} from "./chunk-AQJ4L5W2.js";
import "./chunk-MHBK5F5J.js";
import "./chunk-2GQV5RWE.js";
import {
  STATUS_OF_CONCLUSION,
  evaluatePolicy,
  renderText,
  sparkline
} from "./chunk-G7X7T6NY.js";
import {
  REPORT_MARKER,
  code,
  escapeHtml,
  escapeMarkdown,
  escapeMermaid,
  safeUrl
} from "./chunk-LAUS2DL7.js";
import {
  compare
} from "./chunk-ST4MYNUI.js";
import {
  formatDelta,
  formatDuration,
  formatNumber,
  formatPct,
  formatValue,
  unitOf
} from "./chunk-EOUAP7PN.js";
import {
  RUN_RECORD_SCHEMA
} from "./chunk-CMHCDC7N.js";
import "./chunk-QSCNA3LF.js";
import "./chunk-YNU33C6K.js";
import {
  Cd4mlError
} from "./chunk-3SVN66WC.js";
import "./chunk-WARPCWE3.js";

// core/report/links.ts
var REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
var SHA = /^[0-9a-f]{7,40}$/;
function resolveLinks(comparison, explicit = {}) {
  const repo = comparison.head.repository && REPO.test(comparison.head.repository) ? comparison.head.repository : null;
  const commitUrl = (sha) => repo && sha && SHA.test(sha) ? `https://github.com/${repo}/commit/${sha}` : null;
  const base = comparison.base?.commit;
  const head = comparison.head.commit;
  return {
    run: safeUrl(explicit.run) ?? safeUrl(comparison.head.runUrl),
    artifacts: safeUrl(explicit.artifacts),
    baseCommit: safeUrl(explicit.baseCommit) ?? commitUrl(base),
    headCommit: safeUrl(explicit.headCommit) ?? commitUrl(head),
    compare: safeUrl(explicit.compare) ?? (repo && base && head && SHA.test(base) && SHA.test(head) && base !== head ? `https://github.com/${repo}/compare/${base}...${head}` : null),
    policy: safeUrl(explicit.policy)
  };
}

// core/report/mermaid.ts
function historyChart(comparison, metric) {
  const diff = comparison.metrics.find((m) => m.name === metric);
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
  const inMegabytes = unitOf(metric) === "bytes";
  if (inMegabytes) values.forEach((v, i) => values[i] = v / 1e6);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = max > min ? (max - min) * 0.15 : Math.max(Math.abs(max) * 0.01, 1e-9);
  const low = niceFloor(min - pad, max - min + 2 * pad);
  const high = niceCeil(max + pad, max - min + 2 * pad);
  const bars = values.map((v, i) => i === values.length - 1 ? v : low);
  const name = escapeMermaid(metric);
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

// core/report/markdown.ts
var MAX_REPORT_CHARS = 6e4;
var STATUS_ICON = { pass: "\u2705", fail: "\u274C", neutral: "\u26A0\uFE0F" };
var CONCLUSION_WORD = { success: "passed", failure: "failed", neutral: "undecided" };
var CHANGE_ICON = {
  better: "\u{1F7E2}",
  worse: "\u{1F534}",
  same: "\u26AA",
  added: "\u{1F195}",
  removed: "\u2796",
  "no-base": "\u26AA",
  missing: "\u2754"
};
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
  add(metricTable(comparison, decision, options.maxRows ?? 40, Math.min(remaining(), 25e3)));
  const charted = options.chart && options.chart.length > 0 ? options.chart : comparison.primaryMetric ? [comparison.primaryMetric] : [];
  for (const metric of charted.slice(0, 3)) {
    const chart = historyChart(comparison, metric);
    if (chart && chart.length < remaining() - 2e3) add(chart);
  }
  const sections = [
    (b) => gateSection(decision, b),
    (b) => significanceSection(comparison, b),
    (b) => candidatesSection(comparison, b),
    (b) => paramsSection(comparison, b),
    (b) => modelSection(comparison, b),
    (b) => dataSection(comparison, b),
    (b) => stagesSection(comparison, b),
    (b) => allMetricsSection(comparison, options.maxRows ?? 40, b),
    (b) => notesSection(comparison, b)
  ];
  for (const section of sections) {
    const budget = remaining();
    if (budget < 400) {
      add(
        "> \u2702\uFE0F Further sections were cut to keep this comment under GitHub's size limit. Run `cd4ml compare --format json` for everything."
      );
      break;
    }
    add(section(budget));
  }
  parts.push(footer);
  let body = parts.join("\n");
  if (body.length > maxChars) {
    const note = "\n\n> \u2702\uFE0F Report cut at the size limit.\n";
    body = body.slice(0, body.lastIndexOf("\n", maxChars - note.length)) + note;
  }
  return body;
}
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
  const deps = comparison.data.deps;
  const rows = comparison.data.stats.filter(
    (s) => /(^|\.)(rows|row_count|n_rows|num_rows)(\.|$)/.test(s.key) && typeof s.base === "number" && typeof s.head === "number"
  ).slice(0, 3);
  if (deps.length > 0 || rows.length > 0) {
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
    alerts.push(`> [!NOTE]
> **The data moved:** ${what.join("; ")}. See *Data* below.`);
  }
  return alerts.length > 0 ? alerts.join("\n\n") : null;
}
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
function ruleCells(decision) {
  const cells = /* @__PURE__ */ new Map();
  for (const reason of decision.reasons) {
    if (reason.kind !== "rule" || !reason.metric) continue;
    const lines = reason.checks.map((c) => {
      const limit = c.check.endsWith("_pct") ? `${formatNumber(c.limit)}%` : formatValue(reason.metric, c.limit);
      let note = "";
      if (c.withinNoise) note = " \xB7 within\xA0noise";
      else if (c.status === "neutral") note = " \xB7 no\xA0baseline";
      const name = c.check.replace(/_pct$/, "").replace(/_/g, "\xA0");
      return `${STATUS_ICON[c.status]}\xA0${name}\xA0${limit}${note}`;
    });
    const text = lines.length > 0 ? lines.join("<br>") : `${STATUS_ICON[reason.status]} missing`;
    cells.set(reason.metric, [...cells.get(reason.metric) ?? [], text]);
  }
  return new Map([...cells].map(([k, v]) => [k, v.join("<br>")]));
}
function tableOrder(comparison, gated) {
  const rank = (m) => {
    if (gated.has(m.name)) return 0;
    if (m.change === "removed" || m.change === "added") return 1;
    return m.change === "same" ? 3 : 2;
  };
  return [...comparison.metrics].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
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
  const cells = ruleCells(decision);
  const withTrend = comparison.history.length > 0;
  const headerCells = withTrend ? "| Metric | Base | Head | \u0394 | \u0394% | Trend | Gate |" : "| Metric | Base | Head | \u0394 | \u0394% | Gate |";
  const align = withTrend ? "|:--|--:|--:|--:|--:|:--|:--|" : "|:--|--:|--:|--:|--:|:--|";
  const lines = [headerCells, align];
  let size = lines.join("\n").length;
  const ordered = tableOrder(comparison, new Set(cells.keys()));
  let shown = 0;
  for (const m of ordered) {
    if (shown >= maxRows && !cells.has(m.name)) break;
    const row = metricRow(m, cells.get(m.name), withTrend);
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
function details(summary, body, open = false) {
  return `<details${open ? " open" : ""}><summary>${summary}</summary>

${body.trimEnd()}

</details>
`;
}
function table(header, align, items, budget, cells) {
  const lines = [`| ${header.join(" | ")} |`, align];
  let size = lines[0].length + align.length;
  let shown = 0;
  for (const item of items) {
    const line = `| ${cells(item).join(" | ")} |`;
    if (size + line.length + 300 > budget) break;
    lines.push(line);
    size += line.length + 1;
    shown++;
  }
  if (shown < items.length) {
    lines.push(
      "",
      `> \u2702\uFE0F ${(items.length - shown).toLocaleString("en-US")} more row${items.length - shown === 1 ? "" : "s"} not shown (size limit). Run \`cd4ml compare --format json\` for all of them.`
    );
  }
  return lines.join("\n");
}
function gateSection(decision, budget) {
  if (decision.reasons.length === 0) return null;
  const rows = decision.reasons.map((r) => [
    STATUS_ICON[r.status],
    r.metric ? code(r.metric, 80) : r.kind,
    escapeMarkdown(r.message.replace(/^[^:]+: /, ""), 400)
  ]);
  const failed = decision.reasons.filter((r) => r.status === "fail").length;
  const summary = `<b>Gate rules</b>: ${decision.reasons.length} checked${failed > 0 ? `, ${failed} failed` : ""}`;
  return details(
    summary,
    table(["", "Metric", "Result"], "|:-:|:--|:--|", rows, budget - 200, (r) => r)
  );
}
function significanceSection(comparison, budget) {
  const s = comparison.significance;
  if (!s) return null;
  if (s.kind === "skipped")
    return details(
      "<b>Significance</b>: not tested",
      `The runs' per-example predictions could not be paired: ${escapeMarkdown(s.reason, 300)}.`
    );
  const accuracy = s.metrics[0];
  const ci = (lo, hi, name) => `${formatDelta(name, lo)} \u2026 ${formatDelta(name, hi)}`;
  const excludesZero = (lo, hi) => lo > 0 || hi < 0;
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
}
function formatP(p) {
  if (p < 1e-4) return "< 0.0001";
  return p.toPrecision(2);
}
function candidatesSection(comparison, budget) {
  const board = comparison.candidates;
  if (!board || board.rows.length === 0) return null;
  const metric = board.metric ?? "score";
  const champion = board.rows.find((r) => r.champion);
  const rows = board.rows.map((r, i) => [
    String(i + 1),
    `${r.champion ? "\u{1F3C6} " : ""}${code(r.name, 60)}${r.champion ? " **champion**" : ""}${r.baseChampion && !r.champion ? " <sub>base champion</sub>" : ""}`,
    r.value === null ? "\u2014" : formatValue(metric, r.value),
    r.baseValue === null ? "\u2014" : formatValue(metric, r.baseValue),
    r.value !== null && r.baseValue !== null ? formatDelta(metric, r.value - r.baseValue) : "\u2014",
    escapeMarkdown(
      Object.entries(r.params).slice(0, 4).map(([k, v]) => `${k}=${String(v)}`).join(", "),
      120
    )
  ]);
  const summary = `<b>Candidates</b>: ${board.rows.length} trained${champion ? `, champion ${escapeHtml(champion.name, 60)}` : ""} (ranked by ${escapeHtml(metric, 60)}, ${board.direction} is better)`;
  return details(
    summary,
    table(
      ["#", "Candidate", escapeMarkdown(metric, 60), "Base", "\u0394", "Params"],
      "|--:|:--|--:|--:|--:|:--|",
      rows,
      budget - 400,
      (r) => r
    )
  );
}
function scalar(value) {
  if (value === void 0) return "\u2014";
  return code(JSON.stringify(value), 120);
}
function paramsSection(comparison, budget) {
  if (!comparison.base) return null;
  const { params, paramCounts } = comparison;
  if (params.length === 0)
    return details(
      "<b>Params</b>: unchanged",
      `All ${paramCounts.head.toLocaleString("en-US")} params are the same in both runs.`
    );
  const summary = `<b>Params</b>: ${params.length.toLocaleString("en-US")} changed, ${paramCounts.unchanged.toLocaleString("en-US")} unchanged`;
  return details(
    summary,
    table(["Param", "Base", "Head", ""], "|:--|:--|:--|:--|", params, budget - 400, (p) => [
      code(p.name, 100),
      scalar(p.base),
      scalar(p.head),
      p.change === "changed" ? "" : p.change
    ])
  );
}
function tensorRows(tensors, side2) {
  return tensors.map((t) => [
    side2,
    code(t.name, 60),
    code(t.type, 20),
    code(`[${t.shape.map((d) => String(d ?? "?")).join(", ")}]`, 80)
  ]);
}
function modelSection(comparison, budget) {
  const model = comparison.model;
  if (!model) return null;
  const { base, head } = model;
  const lines = [];
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
  lines.push(
    table(
      ["", "Base", "Head", "\u0394", "\u0394%"],
      "|:--|--:|--:|--:|--:|",
      [
        row("Size", "model.bytes", base?.bytes, head?.bytes),
        row("Latency p50", "model.latency_p50_ms", base?.latency?.p50Ms, head?.latency?.p50Ms),
        row("Latency p95", "model.latency_p95_ms", base?.latency?.p95Ms, head?.latency?.p95Ms)
      ],
      4e3,
      (r) => r
    )
  );
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
  const size = base && head ? `${formatValue("model.bytes", base.bytes)} \u2192 ${formatValue("model.bytes", head.bytes)}` : formatValue("model.bytes", head?.bytes ?? base?.bytes);
  const p95 = head?.latency ? `, p95 ${formatDuration(head.latency.p95Ms)}` : "";
  const signature = model.breaking ? ", \u{1F4A5} breaking signature change" : model.signature.length > 0 ? ", signature extended" : base && head ? ", same signature" : "";
  const summary = `<b>Model</b>: ${size}${p95}${signature}`;
  return details(summary, lines.join("\n"));
}
function dataSection(comparison, budget) {
  const { deps, unchangedDeps, stats, unchangedStats } = comparison.data;
  if (!comparison.base || deps.length === 0 && stats.length === 0 && unchangedDeps === 0)
    return null;
  const parts = [];
  if (deps.length > 0) {
    parts.push(
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
    );
    if (unchangedDeps > 0)
      parts.push(
        "",
        `<sub>${unchangedDeps} other dep${unchangedDeps === 1 ? "" : "s"} unchanged.</sub>`
      );
  } else if (unchangedDeps > 0) {
    parts.push(`All ${unchangedDeps} data deps are unchanged.`);
  }
  if (stats.length > 0) {
    const value = (v) => typeof v === "number" ? formatNumber(v) : v === void 0 ? "\u2014" : code(JSON.stringify(v), 60);
    parts.push("", "**Dataset statistics**", "");
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
  }
  const summary = `<b>Data</b>: ${deps.length === 0 ? "deps unchanged" : `${deps.length} dep${deps.length === 1 ? "" : "s"} changed`}${stats.length > 0 ? `, ${stats.length} statistic${stats.length === 1 ? "" : "s"} moved` : ""}`;
  return details(summary, parts.join("\n"));
}
function stagesSection(comparison, budget) {
  if (comparison.stages.length === 0) return null;
  const status = (s) => s ? `${s.status}${s.attempts > 1 ? ` \xD7${s.attempts}` : ""}` : "\u2014";
  const total = comparison.base ? `${formatDuration(comparison.base.durationMs)} \u2192 ${formatDuration(comparison.head.durationMs)}` : formatDuration(comparison.head.durationMs);
  const failed = comparison.stages.filter((s) => s.head?.status === "failed").length;
  const summary = `<b>Stages</b>: ${comparison.stages.length}, total ${total}${failed > 0 ? `, ${failed} failed` : ""}`;
  return details(
    summary,
    table(
      ["Stage", "Base", "Head", "Base time", "Head time", "\u0394"],
      "|:--|:--|:--|--:|--:|--:|",
      comparison.stages,
      budget - 400,
      (s) => [
        code(s.name, 80),
        status(s.base),
        status(s.head),
        s.base ? formatDuration(s.base.durationMs) : "\u2014",
        s.head ? formatDuration(s.head.durationMs) : "\u2014",
        s.deltaMs === null ? "\u2014" : formatDelta("x_ms", s.deltaMs)
      ]
    )
  );
}
function allMetricsSection(comparison, maxRows, budget) {
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
}
function notesSection(comparison, budget) {
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
}
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

// core/stats/random.ts
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = state + 1831565813 >>> 0;
    let t = state;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}

// core/stats/bootstrap.ts
var BOOTSTRAP_DEFAULTS = { resamples: 2e3, seed: 20240601, confidence: 0.95 };
function pairedBootstrapMany(n, statistics, options = {}) {
  const resamples = options.resamples ?? BOOTSTRAP_DEFAULTS.resamples;
  const seed = options.seed ?? BOOTSTRAP_DEFAULTS.seed;
  const confidence = options.confidence ?? BOOTSTRAP_DEFAULTS.confidence;
  if (n <= 0) throw new RangeError("bootstrap needs at least one example");
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  const estimates = statistics.map((statistic) => statistic(all));
  const random = mulberry32(seed);
  const indices = new Uint32Array(n);
  const values = statistics.map(() => new Float64Array(resamples));
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) indices[i] = Math.floor(random() * n);
    for (let s = 0; s < statistics.length; s++) values[s][r] = statistics[s](indices);
  }
  const alpha = (1 - confidence) / 2;
  return values.map((samples, s) => {
    samples.sort();
    return {
      estimate: estimates[s],
      low: percentile(samples, alpha),
      high: percentile(samples, 1 - alpha),
      confidence,
      resamples,
      seed,
      n
    };
  });
}
function meanDeltaStatistic(base, head) {
  if (base.length !== head.length) throw new RangeError("paired samples must have the same length");
  const diff = new Float64Array(base.length);
  for (let i = 0; i < base.length; i++) diff[i] = head[i] - base[i];
  return (indices) => {
    let sum = 0;
    for (const i of indices) sum += diff[i];
    return sum / indices.length;
  };
}
function percentile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  const position = q * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower];
  const b = sorted[upper];
  return a + (b - a) * (position - lower);
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
var PREDICTION_LIMITS = { bytes: 64 * 1024 * 1024, rows: 2e6 };
function parsePredictions(text, source) {
  if (text.length > PREDICTION_LIMITS.bytes) {
    throw new Cd4mlError(
      "E_RUN_RECORD",
      `predictions file is over the ${PREDICTION_LIMITS.bytes}-byte limit`,
      {
        location: { file: source }
      }
    );
  }
  const records = parseCsv(text);
  const header = records.shift()?.map((h) => h.trim().toLowerCase());
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
  let line = 1;
  for (const record of records) {
    line++;
    if (record.length === 1 && record[0] === "") continue;
    const row = {
      id: record[id] ?? "",
      label: record[label] ?? "",
      prediction: record[prediction] ?? ""
    };
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
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
function pairedSignificance(base, head, requested = {}) {
  const byId = /* @__PURE__ */ new Map();
  for (const row of base) byId.set(row.id, row);
  const pairs = [];
  for (const row of head) {
    const other = byId.get(row.id);
    if (!other) continue;
    if (!sameValue(other.label, row.label)) {
      return {
        kind: "skipped",
        reason: `example "${row.id}" has label "${other.label}" in the base and "${row.label}" in the head: not the same evaluation set`
      };
    }
    pairs.push([other, row]);
  }
  const smaller = Math.min(base.length, head.length);
  if (pairs.length === 0 || pairs.length < 0.9 * Math.max(base.length, head.length)) {
    return {
      kind: "skipped",
      reason: `only ${pairs.length} of ${smaller} examples share an id: the runs were not evaluated on the same set`
    };
  }
  const options = withinBudget(requested, pairs.length);
  const common = { paired: pairs.length, baseRows: base.length, headRows: head.length };
  const regression = pairs.every(
    ([b, h]) => isNumber(b.label) && isNumber(b.prediction) && isNumber(h.prediction)
  ) && pairs.some(
    ([b, h]) => !Number.isInteger(Number(b.label)) || !Number.isInteger(Number(b.prediction)) || !Number.isInteger(Number(h.prediction))
  );
  if (regression)
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

// core/gate/gate.ts
async function runGate(source, input) {
  const notes = [...input.notes ?? []];
  const base = await findBaseline(source, input, notes);
  const policyCommit = input.baseCommit ?? base?.commit ?? null;
  const policy = await loadPolicy(source, input, policyCommit, notes);
  const history = base ? await baseHistory(source, base, policy.report.history) : [];
  const significance = base ? await significanceOf(base.run, input.head, policy, notes) : null;
  const comparison = compare(base?.run.record ?? null, input.head.record, policy, {
    history: history.map(historyRecord),
    significance,
    notes,
    unverified: input.unverified ?? null
  });
  return { comparison, decision: evaluatePolicy(comparison, policy), policy, base };
}
function renderGateReport(result, format, options = {}) {
  const { comparison, decision, policy } = result;
  if (format === "json") return renderJson(comparison, decision);
  if (format === "md")
    return renderReport(comparison, decision, options.links ?? {}, {
      chart: policy.report.chart,
      maxRows: policy.report.max_rows
    });
  return renderText(comparison, decision, options.style, { maxRows: policy.report.max_rows });
}
async function findBaseline(source, input, notes) {
  if (input.base)
    return { run: input.base, commit: input.base.record.git.commit ?? input.baseCommit };
  const commit = input.baseCommit;
  if (!commit) return null;
  const label = input.baseLabel ?? "the base commit";
  const found = await source.baselineAt(commit, { excludeRunId: input.head.record.id });
  if (!found) {
    notes.push(
      `No successful run for ${label} (${commit.slice(0, 7)}) or before it: run the pipeline there to get a baseline.`
    );
    return null;
  }
  if (found.commit !== commit) {
    notes.push(
      `No run for ${label} (${commit.slice(0, 7)}); compared with the nearest earlier run, at ${(found.commit ?? "").slice(0, 7)}.`
    );
  }
  return found;
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
async function baseHistory(source, base, limit) {
  if (limit === 0) return [];
  if (base.run.carriedHistory) return base.run.carriedHistory.slice(-limit);
  if (!base.commit) return [];
  return source.history(base, limit);
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
  const basePredictions = base.record.predictions;
  const headPredictions = head.record.predictions;
  if (!basePredictions || !headPredictions) {
    if (policy.gate.rules.some((rule) => rule.significant)) {
      notes.push(
        `No significance test: ${!basePredictions ? "the base" : "the head"} run saved no per-example predictions (\`predictions\` in the run record).`
      );
    }
    return null;
  }
  try {
    const [b, h] = await Promise.all([
      predictionsOf(base, basePredictions.file, "base"),
      predictionsOf(head, headPredictions.file, "head")
    ]);
    return pairedSignificance(
      parsePredictions(b.text, b.where),
      parsePredictions(h.text, h.where),
      policy.gate.significance
    );
  } catch (error) {
    notes.push(
      `No significance test: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}.`
    );
    return null;
  }
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
//# sourceMappingURL=gate-OMOTK7OM.js.map
