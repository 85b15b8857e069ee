import * as z from '../yaml/zod.js';
import { StageCheckDef } from './check-schema.js';

/**
 * The pipeline file `cd4ml.yaml`, as the user writes it: DVC's `dvc.yaml` stage format
 * plus cd4ml's extensions (`retries`, `timeout`, `env`, `runs-on`, top-level `model`,
 * `predictions`, `stats`). Strict: unknown keys are errors. The JSON Schema in
 * `schemas/cd4ml.schema.json` is generated from this.
 */

const Path = z.string().check(z.minLength(1, 'must be a non-empty path'));

/** An out or metrics entry: `path` or `{ path: { cache, persist, ... } }` as in DVC. */
const OutFlags = z.strictObject({
  cache: z
    .optional(z.boolean())
    .check(z.describe('Store this out in the cache (default true; metrics default false).')),
  persist: z
    .optional(z.boolean())
    .check(z.describe('Keep the out in place before the stage runs (default false).')),
  // DVC's annotations and remote settings: accepted, kept out of cd4ml's behaviour.
  desc: z.optional(z.string()),
  type: z.optional(z.string()),
  labels: z.optional(z.array(z.string())),
  meta: z.optional(z.unknown()),
  remote: z.optional(z.string()),
  push: z.optional(z.boolean()),
  checkpoint: z.optional(z.boolean()),
});
const OutEntry = z.union([Path, z.record(Path, z.nullable(OutFlags))]);

/** A params entry: a key of params.yaml, or `{ file.yaml: [keys] }`. */
const ParamsEntry = z.union([
  z.string().check(z.minLength(1)),
  z.record(Path, z.nullable(z.array(z.string()))),
]);

const PlotEntry = z.union([Path, z.record(z.string(), z.unknown())]);

const Cmd = z.union([
  z.string().check(z.minLength(1, 'must not be empty')),
  z.array(z.string().check(z.minLength(1))).check(z.minLength(1, 'must list at least one command')),
]);

/** Seconds, or a duration such as `90s`, `15m`, `2h`. */
export const Duration = z.union([
  z.number().check(z.positive()),
  z
    .string()
    .check(
      z.regex(
        /^\d+(\.\d+)?\s*(ms|s|m|h)$/,
        'must be a number of seconds or a duration like 90s, 15m, 2h',
      ),
    ),
]);

const VarsEntry = z.union([z.string(), z.record(z.string(), z.unknown())]);
export const VarsList = z.array(VarsEntry);

const stageFields = {
  cmd: Cmd.check(z.describe('Shell command(s) the stage runs, from `wdir`.')),
  wdir: z
    .optional(z.string())
    .check(z.describe('Directory the command runs in, relative to the pipeline file.')),
  deps: z.optional(z.array(Path)).check(z.describe('Files or directories the stage reads.')),
  params: z
    .optional(z.array(ParamsEntry))
    .check(z.describe('Parameter keys the stage depends on.')),
  outs: z.optional(z.array(OutEntry)).check(z.describe('Files or directories the stage writes.')),
  metrics: z
    .optional(z.array(OutEntry))
    .check(z.describe('Metrics files (JSON or YAML) the stage writes.')),
  plots: z.optional(z.array(PlotEntry)),
  frozen: z
    .optional(z.boolean())
    .check(z.describe('Never run this stage; use its outs as they are.')),
  always_changed: z.optional(z.boolean()).check(z.describe('Run this stage every time.')),
  desc: z.optional(z.string()),
  meta: z.optional(z.unknown()),
  vars: z
    .optional(z.array(VarsEntry))
    .check(
      z.describe("This stage's own vars, merged into the pipeline's (files relative to wdir)."),
    ),
  retries: z
    .optional(z.number().check(z.int(), z.gte(0), z.lte(10)))
    .check(z.describe('cd4ml: how many times to retry a failed run.')),
  timeout: z
    .optional(Duration)
    .check(z.describe('cd4ml: kill the stage (and its process tree) after this long.')),
  env: z
    .optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])))
    .check(z.describe('cd4ml: extra environment variables.')),
  checks: z
    .optional(z.array(StageCheckDef))
    .check(
      z.describe(
        'cd4ml: checks on the tabular outs after the command (min_rows, max_null_rate, type, min, max, allowed, unique); a failing check fails the stage.',
      ),
    ),
  'runs-on': z
    .optional(z.union([z.string(), z.array(z.string())]))
    .check(
      z.describe('cd4ml: GitHub Actions runner labels for this stage when compiled to a workflow.'),
    ),
};

export const StageDef = z.strictObject(stageFields);
export type StageDef = z.infer<typeof StageDef>;

const DoDef = z.strictObject(stageFields);

const ForeachStageDef = z.strictObject({
  foreach: z.union([
    z.array(z.unknown()).check(z.minLength(1)),
    z.record(z.string(), z.unknown()).check(nonEmpty('list at least one item')),
    z.string(),
  ]),
  do: DoDef,
});

/** A mapping with at least one key: an empty `matrix` or `foreach` would make a stage with no name. */
function nonEmpty(what: string): z.core.$ZodCheck<Record<string, unknown>> {
  return z.refine((value) => Object.keys(value).length > 0, `must ${what}`);
}

/** The loader's first look at a foreach stage: `do` is validated per item, once interpolated. */
export const ForeachShape = z.strictObject({
  foreach: ForeachStageDef.shape.foreach,
  do: z.record(z.string(), z.unknown()),
});

export const MatrixStageDef = z.strictObject({
  matrix: z
    .record(z.string(), z.union([z.array(z.unknown()).check(z.minLength(1)), z.string()]))
    .check(nonEmpty('name at least one axis, e.g. `matrix: { model: [a, b] }`')),
  ...stageFields,
});

const topFields = {
  $schema: z.optional(z.string()),
  vars: z
    .optional(z.array(VarsEntry))
    .check(z.describe('Params files or inline values available to ${...} interpolation.')),
  model: z
    .optional(Path)
    .check(z.describe('cd4ml: the deployable ONNX model file the pipeline produces.')),
  predictions: z
    .optional(
      z.union([
        Path,
        z.strictObject({
          file: Path.check(z.describe('The predictions CSV, relative to the pipeline file.')),
          slices: z
            ._default(z.array(z.string().check(z.minLength(1))), [])
            .check(
              z.describe(
                'Columns of the predictions CSV whose values are slices (region, device): compare computes each metric per slice value.',
              ),
            ),
        }),
      ]),
    )
    .check(
      z.describe(
        'cd4ml: per-example predictions CSV (id,label,prediction[,score] and any slice columns) for significance tests; a path, or { file, slices }.',
      ),
    ),
  stats: z
    .optional(z.array(Path))
    .check(z.describe('cd4ml: dataset statistics files (JSON/YAML) shown in the PR report.')),
  environment: z
    .optional(
      z.strictObject({
        files: z
          .optional(z.array(Path))
          .check(
            z.describe(
              'Files that define the environment (conda.yaml, requirements.txt, a lockfile); their hashes go in the run record.',
            ),
          ),
        image: z
          .optional(z.string().check(z.minLength(1)))
          .check(
            z.describe(
              'The container image the stages run in; pin it by digest (name@sha256:…) so reproduce can compare it.',
            ),
          ),
      }),
    )
    .check(
      z.describe(
        'cd4ml: what defines the environment (MLproject conda_env / docker_env); a reproduction of a run compares it.',
      ),
    ),
  metrics: z.optional(z.array(Path)),
  plots: z.optional(z.array(PlotEntry)),
  params: z.optional(z.array(Path)),
  artifacts: z.optional(z.record(z.string(), z.unknown())),
  datasets: z.optional(z.unknown()),
};

const StageName = z
  .string()
  .check(
    z.regex(
      /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/,
      'stage names use ASCII letters, digits, _, - and . only (no spaces), and start with a letter, digit or _',
    ),
  );

/**
 * The top level, with each stage left raw: the loader validates a stage against the
 * one shape its keys ask for (plain, `foreach`, or `matrix`), which gives far clearer
 * errors than a union would.
 */
export const PipelineTop = z.strictObject({
  ...topFields,
  stages: z.record(
    StageName,
    z.record(z.string(), z.unknown()),
    'must be a mapping of stage name → stage',
  ),
});

/** The whole file, for the JSON Schema that editors use. */
export const PipelineFile = z.strictObject({
  ...topFields,
  stages: z.record(StageName, z.union([StageDef, ForeachStageDef, MatrixStageDef])),
});
export type PipelineFile = z.infer<typeof PipelineFile>;
