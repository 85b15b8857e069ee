import { ProfileEntry } from '../profile/schema.js';
import * as z from '../yaml/zod.js';

/**
 * The run record `cd4ml-run.json`: what one pipeline run leaves behind. It is the
 * contract between the runner (writer), the local store / workflow artifacts
 * (storage) and compare/gate/report (readers). Versioned by `schema`.
 *
 * Records from pull requests are untrusted: read them with `parseRunRecord`
 * (size, depth and key-count limits) rather than `RunRecord.parse` directly.
 */
import { READABLE_RUN_RECORD_SCHEMAS } from './version.js';

export const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Scalar = z.infer<typeof Scalar>;

export const StageStatus = z.enum(['ran', 'cached', 'unchanged', 'failed', 'skipped']);
export type StageStatus = z.infer<typeof StageStatus>;

export const StageResult = z.object({
  status: StageStatus,
  /** Process starts, including retries; 0 for cached/unchanged/skipped. */
  attempts: z.number().check(z.int(), z.nonnegative()),
  durationMs: z.number().check(z.nonnegative()),
  startedAt: z.optional(z.string()),
  exitCode: z.optional(z.nullable(z.number().check(z.int()))),
  /** Why it failed or was skipped, in words. */
  reason: z.optional(z.string()),
  /** Content hashes of the stage's outs after the run (`md5` of file, or of a directory listing). */
  outs: z.optional(z.record(z.string(), z.string())),
  /** The stage's `checks:` on its outs, each passed or failed with a message naming file, column, value and line. */
  checks: z.optional(
    z.array(
      z.object({
        data: z.string(),
        column: z.optional(z.string()),
        check: z.string(),
        status: z.enum(['pass', 'fail']),
        message: z.string(),
      }),
    ),
  ),
});
export type StageResult = z.infer<typeof StageResult>;

export const TensorInfo = z.object({
  name: z.string(),
  /** ONNX element type, e.g. `float32`, `int64`, `string`. */
  type: z.string(),
  /** Dimensions; a string or null is a dynamic dimension (e.g. `batch`). */
  shape: z.array(z.union([z.number(), z.string(), z.null()])),
});
export type TensorInfo = z.infer<typeof TensorInfo>;

export const ModelInfo = z.object({
  path: z.string(),
  sha256: z.string(),
  bytes: z.number().check(z.int(), z.nonnegative()),
  inputs: z.array(TensorInfo),
  outputs: z.array(TensorInfo),
  latency: z.optional(
    z.object({ p50Ms: z.number(), p95Ms: z.number(), runs: z.number().check(z.int()) }),
  ),
});
export type ModelInfo = z.infer<typeof ModelInfo>;

export const Candidate = z.object({
  /** The stage that trained it, e.g. `train@logreg`. */
  stage: z.string(),
  params: z._default(z.record(z.string(), Scalar), {}),
  metrics: z._default(z.record(z.string(), z.number()), {}),
  /** sha256 of the candidate's ONNX out, when it has one; the champion is the one equal to `model.sha256`. */
  modelSha256: z.optional(z.string()),
});
export type Candidate = z.infer<typeof Candidate>;

/**
 * What defines the environment a run was made in, as MLproject's `conda.yaml` /
 * `python_env` / `docker_env` do: runtimes, platform, and the hashes of the files that pin
 * the dependencies. `cd4ml reproduce` compares it with the current one before running.
 */
export const RunEnvironment = z.object({
  os: z.string(),
  arch: z.string(),
  node: z.string(),
  python: z.nullable(z.string()),
  /** The cd4ml version that made the run (`@2`). */
  cd4ml: z.optional(z.string()),
  /**
   * Lockfiles and environment files the repo has (package-lock.json, requirements*.txt,
   * conda.yaml, uv.lock, poetry.lock, …) and the files the pipeline's `environment:` names →
   * sha256. A declared file that is missing maps to `missing`.
   */
  lockfiles: z.record(z.string(), z.string()),
  /** The files the pipeline declared under `environment.files` (`@2`; all are in `lockfiles`). */
  declared: z.optional(z.array(z.string())),
  /**
   * The container image the pipeline declared under `environment.image` (`@2`): the reference
   * as written and its digest when the reference pins one (`name@sha256:…`).
   */
  image: z.optional(z.nullable(z.object({ ref: z.string(), digest: z.nullable(z.string()) }))),
});
export type RunEnvironment = z.infer<typeof RunEnvironment>;

export const RunRecord = z.object({
  schema: z.enum(READABLE_RUN_RECORD_SCHEMAS),
  id: z.string(),
  createdAt: z.string(),
  status: z.enum(['success', 'failed']),
  pipeline: z.object({ file: z.string() }),
  git: z.object({
    commit: z.nullable(z.string()),
    branch: z.nullable(z.string()),
    dirty: z.boolean(),
    remote: z.optional(z.nullable(z.string())),
  }),
  /** `local`, or the GitHub event (`push`, `pull_request`, …) when run in CI. */
  event: z._default(z.string(), 'local'),
  ci: z.optional(
    z.object({
      provider: z.string(),
      runId: z.optional(z.string()),
      runUrl: z.optional(z.string()),
      repository: z.optional(z.string()),
      ref: z.optional(z.string()),
    }),
  ),
  timings: z.object({ startedAt: z.string(), finishedAt: z.string(), durationMs: z.number() }),
  stages: z.record(z.string(), StageResult),
  /** Flattened param values used by the run (`train.C`), after `--set` overrides. */
  params: z.record(z.string(), Scalar),
  /** The `--set` overrides of this run, as given. */
  overrides: z._default(z.record(z.string(), Scalar), {}),
  /** Flattened numeric metrics of the non-candidate stages (`accuracy`, `eval.f1`). */
  metrics: z.record(z.string(), z.number()),
  /** Per-candidate metrics when a foreach/matrix stage trains several models, keyed by the item name (`logreg`). */
  candidates: z._default(z.record(z.string(), Candidate), {}),
  /** Name of the candidate whose model became `model:` (matched by sha256). */
  champion: z._default(z.nullable(z.string()), null),
  model: z._default(z.nullable(ModelInfo), null),
  /**
   * Per-example predictions (CSV with a header `id,label,prediction[,score]`), stored next to the
   * record under `file` (relative to the record's directory) for significance tests.
   */
  predictions: z._default(
    z.nullable(
      z.object({
        file: z.string(),
        source: z.string(),
        sha256: z.string(),
        rows: z.number().check(z.int()),
        /** Slice columns the pipeline declared (`predictions: { file, slices }`). */
        slices: z.optional(z.array(z.string())),
      }),
    ),
    null,
  ),
  /** Source data and code deps (not produced by any stage): path → hash and size, to show what data moved. */
  deps: z._default(
    z.record(
      z.string(),
      z.object({ hash: z.string(), bytes: z.number().check(z.int(), z.nonnegative()) }),
    ),
    {},
  ),
  /** Dataset statistics files declared under `stats:` in the pipeline, parsed (JSON/YAML). */
  stats: z._default(z.record(z.string(), z.unknown()), {}),
  /**
   * Profiles of the tabular data deps and outs (CSV, TSV, JSON Lines, Parquet): path →
   * rows, columns and a sketch per column, or why the file could not be profiled. Absent
   * in records made before profiles existed (read as none).
   */
  profiles: z.optional(z.record(z.string(), ProfileEntry)),
  env: RunEnvironment,
});
export type RunRecord = z.infer<typeof RunRecord>;
