import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  escapeMarkdown
} from "./chunk-F7FDA4KN.js";

// core/report/markdown/section.ts
var STATUS_ICON = { pass: "\u2705", fail: "\u274C", neutral: "\u26A0\uFE0F" };
var CHANGE_ICON = {
  better: "\u{1F7E2}",
  worse: "\u{1F534}",
  same: "\u26AA",
  added: "\u{1F195}",
  removed: "\u2796",
  "no-base": "\u26AA",
  missing: "\u2754"
};
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

// core/report/markdown/shadow.ts
var count = (n) => n.toLocaleString("en-US");
var ms = (n) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
var signed = (n) => `${n >= 0 ? "+" : "\u2212"}${ms(Math.abs(n))}`;
function shadowHeadline(s) {
  const parts = [];
  const compared = s.agreed + s.disagreed;
  parts.push(
    s.agreement === null ? "no requests compared yet" : `${(s.agreement * 100).toFixed(s.agreement === 1 ? 0 : 1)}% agreement on ${count(compared)} request${compared === 1 ? "" : "s"}`
  );
  if (s.primaryMs && s.candidateMs)
    parts.push(`p95 ${signed(s.candidateMs.p95 - s.primaryMs.p95)}`);
  if (s.errors > 0) parts.push(`${count(s.errors)} candidate error${s.errors === 1 ? "" : "s"}`);
  return `Live traffic: ${parts.join("; ")}`;
}
function renderShadowSection(s) {
  const icon = s.agreement === null ? "\u26AA" : s.agreement >= 0.99 && s.errors === 0 ? "\u{1F7E2}" : "\u{1F7E1}";
  const rows = ["| | primary | candidate | \u0394 |", "|---|---:|---:|---:|"];
  if (s.primaryMs && s.candidateMs) {
    for (const q of ["p50", "p95", "p99"])
      rows.push(
        `| ${q} latency | ${ms(s.primaryMs[q])} | ${ms(s.candidateMs[q])} | ${signed(s.candidateMs[q] - s.primaryMs[q])} |`
      );
  }
  const facts = [
    `- Model ${escapeMarkdown(s.model, 128)}, candidate version ${s.candidate}, ${Math.round(s.rate * 100)}% of requests mirrored`,
    `- Agreed ${count(s.agreed)}, disagreed ${count(s.disagreed)}, candidate errors ${count(s.errors)}, dropped (queue full) ${count(s.dropped)}`,
    `- Labels compared exactly; scores within ${s.tolerance.atol} + ${s.tolerance.rtol}\xB7|score| (largest difference ${s.maxScoreDiff.toPrecision(3)})`
  ];
  const outputs = Object.entries(s.outputDisagreements);
  if (outputs.length > 0)
    facts.push(
      `- Disagreeing outputs: ${outputs.slice(0, 20).map(([name, n]) => `${escapeMarkdown(name, 64)} ${count(n)}`).join(", ")}`
    );
  if (s.lastError) facts.push(`- Last candidate error: ${escapeMarkdown(s.lastError, 300)}`);
  const body = [...rows.length > 2 ? [rows.join("\n"), ""] : [], facts.join("\n")].join("\n");
  return details(`${icon} ${escapeMarkdown(shadowHeadline(s), 300)}`, body, true);
}
var shadowSection = ({ shadow }) => shadow ? renderShadowSection(shadow) : null;

export {
  STATUS_ICON,
  CHANGE_ICON,
  details,
  table,
  renderShadowSection,
  shadowSection
};
//# sourceMappingURL=chunk-RYFJZ4KU.js.map
