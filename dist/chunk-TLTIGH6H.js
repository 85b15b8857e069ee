import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  formatValue
} from "./chunk-XVQGURII.js";
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";
import {
  code,
  escapeMarkdown
} from "./chunk-F7FDA4KN.js";

// core/run-artifact/model.ts
import { createHash } from "node:crypto";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
var MODEL_CARD_SCHEMA = "cd4ml/model-card@1";
var MODEL_FILE = "model.onnx";
var MODEL_CARD_JSON = "model-card.json";
var MODEL_CARD_MD = "model-card.md";
function modelCard(record, model) {
  return {
    schema: MODEL_CARD_SCHEMA,
    path: model.path,
    sha256: model.sha256,
    bytes: model.bytes,
    inputs: model.inputs,
    outputs: model.outputs,
    latency: model.latency ?? null,
    metrics: record.metrics,
    params: record.params,
    champion: record.champion,
    run: {
      id: record.id,
      createdAt: record.createdAt,
      commit: record.git.commit,
      branch: record.git.branch,
      event: record.event,
      runUrl: record.ci?.runUrl ?? null,
      repository: record.ci?.repository ?? null
    }
  };
}
async function writeModelArtifact(dir, root, record) {
  const model = record.model;
  if (!model) {
    throw new Cd4mlError("E_MODEL", "the run recorded no model", {
      location: { file: RECORD_LABEL, field: "model" },
      hint: "name the deployable ONNX file under `model:` in cd4ml.yaml, and run the pipeline to success"
    });
  }
  const from = join(resolve(root), model.path);
  let bytes;
  try {
    bytes = await readFile(from);
  } catch (error) {
    throw new Cd4mlError(
      "E_MODEL",
      `cannot read the model file: ${error.code ?? String(error)}`,
      { location: { file: model.path }, hint: "run the pipeline in this workspace first" }
    );
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  if (sha256 !== model.sha256) {
    throw new Cd4mlError("E_MODEL", "the model file changed since the run recorded it", {
      location: { file: model.path },
      hint: `the record says sha256 ${model.sha256.slice(0, 12)}\u2026, the file is ${sha256.slice(0, 12)}\u2026; run the pipeline again`
    });
  }
  await mkdir(dir, { recursive: true });
  await copyFile(from, join(dir, MODEL_FILE));
  const card = modelCard(record, model);
  await writeFile(join(dir, MODEL_CARD_JSON), `${JSON.stringify(card, null, 2)}
`);
  await writeFile(join(dir, MODEL_CARD_MD), renderModelCard(card));
  return card;
}
var RECORD_LABEL = "cd4ml-run.json";
function renderModelCard(card) {
  const tensor = (t) => `| ${code(t.name)} | ${code(t.type)} | ${escapeMarkdown(`[${t.shape.map((d) => d === null ? "?" : String(d)).join(", ")}]`)} |`;
  const lines = [
    `# Model card: ${code(card.path)}`,
    "",
    `- **sha256**: ${code(card.sha256)}`,
    `- **size**: ${formatValue("model.bytes", card.bytes)}`,
    `- **commit**: ${card.run.commit ? code(card.run.commit) : "none"}${card.run.branch ? ` on ${code(card.run.branch)}` : ""}`,
    `- **run**: ${code(card.run.id)}, ${escapeMarkdown(card.run.createdAt)}`
  ];
  if (card.champion) lines.push(`- **champion**: ${code(card.champion)}`);
  if (card.latency)
    lines.push(
      `- **latency**: p50 ${formatValue("model.latency_p50_ms", card.latency.p50Ms)}, p95 ${formatValue("model.latency_p95_ms", card.latency.p95Ms)} (${card.latency.runs} runs)`
    );
  lines.push("", "## Signature", "", "| | Name | Type | Shape |", "|:--|:--|:--|:--|");
  for (const t of card.inputs) lines.push(`| input ${tensor(t)}`);
  for (const t of card.outputs) lines.push(`| output ${tensor(t)}`);
  const metrics = Object.entries(card.metrics).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  if (metrics.length > 0) {
    lines.push("", "## Metrics", "", "| Metric | Value |", "|:--|--:|");
    for (const [name, value] of metrics)
      lines.push(`| ${escapeMarkdown(name)} | ${formatValue(name, value)} |`);
  }
  return `${lines.join("\n")}
`;
}

export {
  MODEL_FILE,
  MODEL_CARD_JSON,
  MODEL_CARD_MD,
  writeModelArtifact
};
//# sourceMappingURL=chunk-TLTIGH6H.js.map
