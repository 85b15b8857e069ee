import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  PLAIN_STYLE,
  sparkline
} from "./chunk-NUBAJKUL.js";
import {
  formatDelta,
  formatValue
} from "./chunk-XVQGURII.js";
import {
  escapeTerminal
} from "./chunk-F7FDA4KN.js";
import {
  metricValue
} from "./chunk-TCP67NLO.js";
import "./chunk-WARPCWE3.js";

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
  renderHistoryJson,
  renderHistoryText,
  toHistoryJson
};
//# sourceMappingURL=history-CW6I5ORY.js.map
