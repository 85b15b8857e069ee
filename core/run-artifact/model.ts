import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { formatValue } from '../compare/format.js';
import { Cd4mlError } from '../errors.js';
import { code, escapeMarkdown } from '../report/escape.js';
import type { ModelInfo, RunRecord, Scalar, TensorInfo } from '../run-record/schema.js';

/** Version tag of `model-card.json` in the `cd4ml-model` artifact. */
const MODEL_CARD_SCHEMA = 'cd4ml/model-card@1';
/** Names inside the `cd4ml-model` artifact. */
export const MODEL_FILE = 'model.onnx';
export const MODEL_CARD_JSON = 'model-card.json';
export const MODEL_CARD_MD = 'model-card.md';

/** `model-card.json`: what the model is, where it came from, and how well it did. */
export interface ModelCard {
  schema: typeof MODEL_CARD_SCHEMA;
  /** The model's path in the repository (`model:` in the pipeline). */
  path: string;
  sha256: string;
  bytes: number;
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  latency: ModelInfo['latency'] | null;
  /** The run's metrics (flattened). */
  metrics: Record<string, number>;
  params: Record<string, Scalar>;
  /** The candidate that became the model, when a matrix trained several. */
  champion: string | null;
  run: {
    id: string;
    createdAt: string;
    commit: string | null;
    branch: string | null;
    event: string;
    runUrl: string | null;
    repository: string | null;
  };
}

/** The model card of a run's model. */
function modelCard(record: RunRecord, model: ModelInfo): ModelCard {
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
      repository: record.ci?.repository ?? null,
    },
  };
}

/**
 * Writes the `cd4ml-model` artifact into `dir`: `model.onnx` (the run's `model:` file,
 * checked against the sha256 the run recorded), `model-card.json` and `model-card.md`.
 */
export async function writeModelArtifact(
  dir: string,
  root: string,
  record: RunRecord,
): Promise<ModelCard> {
  const model = record.model;
  if (!model) {
    throw new Cd4mlError('E_MODEL', 'the run recorded no model', {
      location: { file: RECORD_LABEL, field: 'model' },
      hint: 'name the deployable ONNX file under `model:` in cd4ml.yaml, and run the pipeline to success',
    });
  }
  const from = join(resolve(root), model.path);
  let bytes: Buffer;
  try {
    bytes = await readFile(from);
  } catch (error) {
    throw new Cd4mlError(
      'E_MODEL',
      `cannot read the model file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      { location: { file: model.path }, hint: 'run the pipeline in this workspace first' },
    );
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== model.sha256) {
    throw new Cd4mlError('E_MODEL', 'the model file changed since the run recorded it', {
      location: { file: model.path },
      hint: `the record says sha256 ${model.sha256.slice(0, 12)}…, the file is ${sha256.slice(0, 12)}…; run the pipeline again`,
    });
  }
  await mkdir(dir, { recursive: true });
  await copyFile(from, join(dir, MODEL_FILE));
  const card = modelCard(record, model);
  await writeFile(join(dir, MODEL_CARD_JSON), `${JSON.stringify(card, null, 2)}\n`);
  await writeFile(join(dir, MODEL_CARD_MD), renderModelCard(card));
  return card;
}

const RECORD_LABEL = 'cd4ml-run.json';

/** The model card as markdown (release notes, the model repository's README). */
function renderModelCard(card: ModelCard): string {
  const tensor = (t: TensorInfo) =>
    `| ${code(t.name)} | ${code(t.type)} | ${escapeMarkdown(`[${t.shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`)} |`;
  const lines = [
    `# Model card: ${code(card.path)}`,
    '',
    `- **sha256**: ${code(card.sha256)}`,
    `- **size**: ${formatValue('model.bytes', card.bytes)}`,
    `- **commit**: ${card.run.commit ? code(card.run.commit) : 'none'}${card.run.branch ? ` on ${code(card.run.branch)}` : ''}`,
    `- **run**: ${code(card.run.id)}, ${escapeMarkdown(card.run.createdAt)}`,
  ];
  if (card.champion) lines.push(`- **champion**: ${code(card.champion)}`);
  if (card.latency)
    lines.push(
      `- **latency**: p50 ${formatValue('model.latency_p50_ms', card.latency.p50Ms)}, p95 ${formatValue('model.latency_p95_ms', card.latency.p95Ms)} (${card.latency.runs} runs)`,
    );
  lines.push('', '## Signature', '', '| | Name | Type | Shape |', '|:--|:--|:--|:--|');
  for (const t of card.inputs) lines.push(`| input ${tensor(t)}`);
  for (const t of card.outputs) lines.push(`| output ${tensor(t)}`);
  const metrics = Object.entries(card.metrics).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (metrics.length > 0) {
    lines.push('', '## Metrics', '', '| Metric | Value |', '|:--|--:|');
    for (const [name, value] of metrics)
      lines.push(`| ${escapeMarkdown(name)} | ${formatValue(name, value)} |`);
  }
  return `${lines.join('\n')}\n`;
}
