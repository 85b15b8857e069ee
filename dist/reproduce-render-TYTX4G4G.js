import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  require_picocolors
} from "./chunk-5GDVX464.js";
import {
  __toESM
} from "./chunk-WARPCWE3.js";

// cli/commands/reproduce-render.ts
var import_picocolors = __toESM(require_picocolors(), 1);
function environmentText(differences2) {
  if (differences2.length === 0) return "cd4ml: environment: as recorded\n";
  const lines = differences2.map(
    (d) => `  ${d.field}: recorded ${d.recorded ?? "absent"}, now ${d.current ?? "absent"}`
  );
  return `cd4ml: environment differs from the recorded one:
${lines.join("\n")}
`;
}
function reproductionText(recorded, result) {
  const { verdict } = result;
  const rows = [["metric", "recorded", "reproduced", "\u0394", ""]];
  for (const m of verdict.metrics) {
    rows.push([
      m.name,
      show(m.recorded),
      show(m.reproduced),
      m.delta === null ? "\u2014" : m.delta === 0 ? "0" : `${m.delta > 0 ? "+" : ""}${m.delta}`,
      m.matches ? import_picocolors.default.green("\u2713") : import_picocolors.default.red("\u2717")
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => (row[i] ?? "").length)));
  const table = rows.map(
    (row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ").trimEnd()
  );
  const lines = verdict.metrics.length > 0 ? [import_picocolors.default.bold(table[0] ?? ""), ...table.slice(1)] : ["no metrics recorded"];
  const outs = verdict.outs.filter((o) => !o.matches);
  const same = verdict.outs.length - outs.length;
  lines.push(
    "",
    `outs: ${same} of ${verdict.outs.length} identical${verdict.outsCompared ? "" : " (not compared: --metrics-only)"}`
  );
  for (const o of outs)
    lines.push(
      `  ${import_picocolors.default.red("\u2717")} ${o.path} (${o.stage}): recorded ${short(o.recorded)}, reproduced ${short(o.reproduced)}`
    );
  if (verdict.status.recorded !== verdict.status.reproduced)
    lines.push(
      import_picocolors.default.red(
        `status: recorded ${verdict.status.recorded}, reproduced ${verdict.status.reproduced}`
      )
    );
  if (result.worktree) lines.push(`worktree kept at ${result.worktree}`);
  lines.push(
    "",
    verdict.matches ? import_picocolors.default.green(`Reproduced ${recorded.id}: everything matches.`) : import_picocolors.default.red(`Reproduction of ${recorded.id} differs: ${differences(result).join("; ")}.`)
  );
  return `${lines.join("\n")}
`;
}
function reproductionJson(recorded, result) {
  return `${JSON.stringify(
    {
      matches: result.verdict.matches,
      run: recorded.id,
      commit: recorded.git.commit,
      status: result.verdict.status,
      metrics: result.verdict.metrics,
      outs: result.verdict.outs,
      environment: result.environment,
      worktree: result.worktree
    },
    null,
    2
  )}
`;
}
function differences(result) {
  const { verdict } = result;
  const words = [];
  const metrics = verdict.metrics.filter((m) => !m.matches).map((m) => m.name);
  if (metrics.length > 0) words.push(`metrics ${metrics.join(", ")}`);
  const outs = verdict.outs.filter((o) => !o.matches).map((o) => o.path);
  if (outs.length > 0 && verdict.outsCompared) words.push(`outs ${outs.join(", ")}`);
  if (verdict.status.recorded !== verdict.status.reproduced)
    words.push(`status ${verdict.status.reproduced}`);
  return words;
}
function show(value) {
  return value === null ? "absent" : String(value);
}
function short(hash) {
  return hash === null ? "absent" : hash.slice(0, 12);
}
export {
  environmentText,
  reproductionJson,
  reproductionText
};
//# sourceMappingURL=reproduce-render-TYTX4G4G.js.map
