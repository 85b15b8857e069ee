import { z } from 'zod';

/**
 * The run record `cd4ml-run.json`: what one pipeline run leaves behind. It is the
 * contract between the runner (writer), the local store / workflow artifacts
 * (storage) and compare/gate/report (readers). Versioned by `schema`.
 *
 * Records from pull requests are untrusted: read them with `parseRunRecord`
 * (size, depth and key-count limits) rather than `RunRecord.parse` directly.
 */
export { RUN_RECORD_SCHEMA } from './version.js';
import { RUN_RECORD_SCHEMA } from './version.js';

export const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Scalar = z.infer<typeof Scalar>;

export const StageStatus = z.enum(['ran', 'cached', 'unchanged', 'failed', 'skipped']);
export type StageStatus = z.infer<typeof StageStatus>;

export const StageResult = z.object({
  status: StageStatus,
  /** Process starts, including retries; 0 for cached/unchanged/skipped. */
  attempts: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
  startedAt: z.string().optional(),
  exitCode: z.number().int().nullable().optional(),
  /** Why it failed or was skipped, in words. */
  reason: z.string().optional(),
  /** Content hashes of the stage's outs after the run (`md5` of file, or of a directory listing). */
  outs: z.record(z.string(), z.string()).optional(),
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
  bytes: z.number().int().nonnegative(),
  inputs: z.array(TensorInfo),
  outputs: z.array(TensorInfo),
  latency: z
    .object({ p50Ms: z.number(), p95Ms: z.number(), runs: z.number().int() })
    .optional(),
});
export type ModelInfo = z.infer<typeof ModelInfo>;

export const Candidate = z.object({
  /** The stage that trained it, e.g. `train@logreg`. */
  stage: z.string(),
  params: z.record(z.string(), Scalar).default({}),
  metrics: z.record(z.string(), z.number()).default({}),
  /** sha256 of the candidate's ONNX out, when it has one; the champion is the one equal to `model.sha256`. */
  modelSha256: z.string().optional(),
});
export type Candidate = z.infer<typeof Candidate>;

export const FileRef = z.object({
  /** Path in the workspace that produced it. */
  path: z.string(),
  sha256: z.string(),
  bytes: z.number().int().nonnegative(),
});
export type FileRef = z.infer<typeof FileRef>;

export const RunRecord = z.object({
  schema: z.literal(RUN_RECORD_SCHEMA),
  id: z.string(),
  createdAt: z.string(),
  status: z.enum(['success', 'failed']),
  pipeline: z.object({ file: z.string() }),
  git: z.object({
    commit: z.string().nullable(),
    branch: z.string().nullable(),
    dirty: z.boolean(),
    remote: z.string().nullable().optional(),
  }),
  /** `local`, or the GitHub event (`push`, `pull_request`, …) when run in CI. */
  event: z.string().default('local'),
  ci: z
    .object({
      provider: z.string(),
      runId: z.string().optional(),
      runUrl: z.string().optional(),
      repository: z.string().optional(),
      ref: z.string().optional(),
    })
    .optional(),
  timings: z.object({ startedAt: z.string(), finishedAt: z.string(), durationMs: z.number() }),
  stages: z.record(z.string(), StageResult),
  /** Flattened param values used by the run (`train.C`), after `--set` overrides. */
  params: z.record(z.string(), Scalar),
  /** The `--set` overrides of this run, as given. */
  overrides: z.record(z.string(), Scalar).default({}),
  /** Flattened numeric metrics of the non-candidate stages (`accuracy`, `eval.f1`). */
  metrics: z.record(z.string(), z.number()),
  /** Per-candidate metrics when a foreach/matrix stage trains several models, keyed by the item name (`logreg`). */
  candidates: z.record(z.string(), Candidate).default({}),
  /** Name of the candidate whose model became `model:` (matched by sha256). */
  champion: z.string().nullable().default(null),
  model: ModelInfo.nullable().default(null),
  /**
   * Per-example predictions (CSV with a header `id,label,prediction[,score]`), stored next to the
   * record under `file` (relative to the record's directory) for significance tests.
   */
  predictions: z
    .object({ file: z.string(), source: z.string(), sha256: z.string(), rows: z.number().int() })
    .nullable()
    .default(null),
  /** Source data and code deps (not produced by any stage): path → hash and size, to show what data moved. */
  deps: z.record(z.string(), z.object({ hash: z.string(), bytes: z.number().int().nonnegative() })).default({}),
  /** Dataset statistics files declared under `stats:` in the pipeline, parsed (JSON/YAML). */
  stats: z.record(z.string(), z.unknown()).default({}),
  env: z.object({
    os: z.string(),
    arch: z.string(),
    node: z.string(),
    python: z.string().nullable(),
    /** Lockfiles found in the repo (package-lock.json, requirements.txt, poetry.lock, …) → sha256. */
    lockfiles: z.record(z.string(), z.string()),
  }),
});
export type RunRecord = z.infer<typeof RunRecord>;
export type RunRecordInput = z.input<typeof RunRecord>;
