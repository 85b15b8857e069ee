import { z } from 'zod';

/**
 * The pipeline file `cd4ml.yaml`, as the user writes it: DVC's `dvc.yaml` stage format
 * plus cd4ml's extensions (`retries`, `timeout`, `env`, `runs-on`, top-level `model`,
 * `predictions`, `stats`). Strict: unknown keys are errors. The JSON Schema in
 * `schemas/cd4ml.schema.json` is generated from this.
 */

const Path = z.string().min(1, 'must be a non-empty path');

/** An out or metrics entry: `path` or `{ path: { cache, persist, ... } }` as in DVC. */
const OutFlags = z.strictObject({
  cache: z.boolean().optional().describe('Store this out in the cache (default true; metrics default false).'),
  persist: z.boolean().optional().describe('Keep the out in place before the stage runs (default false).'),
  desc: z.string().optional(),
  remote: z.string().optional(),
  push: z.boolean().optional(),
});
const OutEntry = z.union([Path, z.record(Path, OutFlags.nullable())]);

/** A params entry: a key of params.yaml, or `{ file.yaml: [keys] }`. */
const ParamsEntry = z.union([z.string().min(1), z.record(Path, z.array(z.string()).nullable())]);

const PlotEntry = z.union([Path, z.record(z.string(), z.unknown())]);

const Cmd = z.union([z.string().min(1, 'must not be empty'), z.array(z.string().min(1)).min(1, 'must list at least one command')]);

/** Seconds, or a duration such as `90s`, `15m`, `2h`. */
export const Duration = z.union([
  z.number().positive(),
  z.string().regex(/^\d+(\.\d+)?\s*(ms|s|m|h)$/, 'must be a number of seconds or a duration like 90s, 15m, 2h'),
]);

const stageFields = {
  cmd: Cmd.describe('Shell command(s) the stage runs, from `wdir`.'),
  wdir: z.string().optional().describe('Directory the command runs in, relative to the pipeline file.'),
  deps: z.array(Path).optional().describe('Files or directories the stage reads.'),
  params: z.array(ParamsEntry).optional().describe('Parameter keys the stage depends on.'),
  outs: z.array(OutEntry).optional().describe('Files or directories the stage writes.'),
  metrics: z.array(OutEntry).optional().describe('Metrics files (JSON or YAML) the stage writes.'),
  plots: z.array(PlotEntry).optional(),
  frozen: z.boolean().optional().describe('Never run this stage; use its outs as they are.'),
  always_changed: z.boolean().optional().describe('Run this stage every time.'),
  desc: z.string().optional(),
  meta: z.unknown().optional(),
  retries: z.number().int().min(0).max(10).optional().describe('cd4ml: how many times to retry a failed run.'),
  timeout: Duration.optional().describe('cd4ml: kill the stage (and its process tree) after this long.'),
  env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional().describe('cd4ml: extra environment variables.'),
  'runs-on': z
    .union([z.string(), z.array(z.string())])
    .optional()
    .describe('cd4ml: GitHub Actions runner labels for this stage when compiled to a workflow.'),
};

export const StageDef = z.strictObject(stageFields);
export type StageDef = z.infer<typeof StageDef>;

const DoDef = z.strictObject(stageFields);

export const ForeachStageDef = z.strictObject({
  foreach: z.union([z.array(z.unknown()).min(1), z.record(z.string(), z.unknown()), z.string()]),
  do: DoDef,
});

export const MatrixStageDef = z.strictObject({
  matrix: z.record(z.string(), z.union([z.array(z.unknown()).min(1), z.string()])),
  ...stageFields,
});

const VarsEntry = z.union([z.string(), z.record(z.string(), z.unknown())]);

const topFields = {
  $schema: z.string().optional(),
  vars: z.array(VarsEntry).optional().describe('Params files or inline values available to ${...} interpolation.'),
  model: Path.optional().describe('cd4ml: the deployable ONNX model file the pipeline produces.'),
  predictions: Path.optional().describe('cd4ml: per-example predictions CSV (id,label,prediction[,score]) for significance tests.'),
  stats: z.array(Path).optional().describe('cd4ml: dataset statistics files (JSON/YAML) shown in the PR report.'),
  metrics: z.array(Path).optional(),
  plots: z.array(PlotEntry).optional(),
  params: z.array(Path).optional(),
  artifacts: z.record(z.string(), z.unknown()).optional(),
};

const StageName = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, 'stage names use letters, digits, _, - and .');

/**
 * The top level, with each stage left raw: the loader validates a stage against the
 * one shape its keys ask for (plain, `foreach`, or `matrix`), which gives far clearer
 * errors than a union would.
 */
export const PipelineTop = z.strictObject({
  ...topFields,
  stages: z.record(StageName, z.record(z.string(), z.unknown()), 'must be a mapping of stage name → stage'),
});

/** The whole file, for the JSON Schema that editors use. */
export const PipelineFile = z.strictObject({
  ...topFields,
  stages: z.record(StageName, z.union([StageDef, ForeachStageDef, MatrixStageDef])),
});
export type PipelineFile = z.infer<typeof PipelineFile>;

/** Every key a stage may have, for "did you mean" suggestions. */
export const STAGE_KEYS = Object.keys(stageFields);
