import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  ProfileEntry
} from "./chunk-YELAXUXB.js";
import {
  READABLE_RUN_RECORD_SCHEMAS
} from "./chunk-KWKVIQUA.js";
import {
  parseJson
} from "./chunk-GLCB3FVJ.js";
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";
import {
  _default,
  _enum,
  _null,
  array,
  boolean,
  int,
  nullable,
  number,
  object,
  optional,
  record,
  string,
  union,
  unknown
} from "./chunk-JK3JTSK4.js";
import {
  _nonnegative
} from "./chunk-GDE4YRT6.js";

// core/run-record/schema.ts
var Scalar = union([string(), number(), boolean(), _null()]);
var StageStatus = _enum(["ran", "cached", "unchanged", "failed", "skipped"]);
var StageResult = object({
  status: StageStatus,
  /** Process starts, including retries; 0 for cached/unchanged/skipped. */
  attempts: number().check(int(), _nonnegative()),
  durationMs: number().check(_nonnegative()),
  startedAt: optional(string()),
  exitCode: optional(nullable(number().check(int()))),
  /** Why it failed or was skipped, in words. */
  reason: optional(string()),
  /** Content hashes of the stage's outs after the run (`md5` of file, or of a directory listing). */
  outs: optional(record(string(), string())),
  /** The stage's `checks:` on its outs, each passed or failed with a message naming file, column, value and line. */
  checks: optional(
    array(
      object({
        data: string(),
        column: optional(string()),
        check: string(),
        status: _enum(["pass", "fail"]),
        message: string()
      })
    )
  )
});
var TensorInfo = object({
  name: string(),
  /** ONNX element type, e.g. `float32`, `int64`, `string`. */
  type: string(),
  /** Dimensions; a string or null is a dynamic dimension (e.g. `batch`). */
  shape: array(union([number(), string(), _null()]))
});
var ModelInfo = object({
  path: string(),
  sha256: string(),
  bytes: number().check(int(), _nonnegative()),
  inputs: array(TensorInfo),
  outputs: array(TensorInfo),
  latency: optional(
    object({ p50Ms: number(), p95Ms: number(), runs: number().check(int()) })
  )
});
var Candidate = object({
  /** The stage that trained it, e.g. `train@logreg`. */
  stage: string(),
  params: _default(record(string(), Scalar), {}),
  metrics: _default(record(string(), number()), {}),
  /** sha256 of the candidate's ONNX out, when it has one; the champion is the one equal to `model.sha256`. */
  modelSha256: optional(string())
});
var RunEnvironment = object({
  os: string(),
  arch: string(),
  node: string(),
  python: nullable(string()),
  /** The cd4ml version that made the run (`@2`). */
  cd4ml: optional(string()),
  /**
   * Lockfiles and environment files the repo has (package-lock.json, requirements*.txt,
   * conda.yaml, uv.lock, poetry.lock, …) and the files the pipeline's `environment:` names →
   * sha256. A declared file that is missing maps to `missing`.
   */
  lockfiles: record(string(), string()),
  /** The files the pipeline declared under `environment.files` (`@2`; all are in `lockfiles`). */
  declared: optional(array(string())),
  /**
   * The container image the pipeline declared under `environment.image` (`@2`): the reference
   * as written and its digest when the reference pins one (`name@sha256:…`).
   */
  image: optional(nullable(object({ ref: string(), digest: nullable(string()) })))
});
var RunRecord = object({
  schema: _enum(READABLE_RUN_RECORD_SCHEMAS),
  id: string(),
  createdAt: string(),
  status: _enum(["success", "failed"]),
  pipeline: object({ file: string() }),
  git: object({
    commit: nullable(string()),
    branch: nullable(string()),
    dirty: boolean(),
    remote: optional(nullable(string()))
  }),
  /** `local`, or the GitHub event (`push`, `pull_request`, …) when run in CI. */
  event: _default(string(), "local"),
  ci: optional(
    object({
      provider: string(),
      runId: optional(string()),
      runUrl: optional(string()),
      repository: optional(string()),
      ref: optional(string())
    })
  ),
  timings: object({ startedAt: string(), finishedAt: string(), durationMs: number() }),
  stages: record(string(), StageResult),
  /** Flattened param values used by the run (`train.C`), after `--set` overrides. */
  params: record(string(), Scalar),
  /** The `--set` overrides of this run, as given. */
  overrides: _default(record(string(), Scalar), {}),
  /** Flattened numeric metrics of the non-candidate stages (`accuracy`, `eval.f1`). */
  metrics: record(string(), number()),
  /** Per-candidate metrics when a foreach/matrix stage trains several models, keyed by the item name (`logreg`). */
  candidates: _default(record(string(), Candidate), {}),
  /** Name of the candidate whose model became `model:` (matched by sha256). */
  champion: _default(nullable(string()), null),
  model: _default(nullable(ModelInfo), null),
  /**
   * Per-example predictions (CSV with a header `id,label,prediction[,score]`), stored next to the
   * record under `file` (relative to the record's directory) for significance tests.
   */
  predictions: _default(
    nullable(
      object({
        file: string(),
        source: string(),
        sha256: string(),
        rows: number().check(int()),
        /** Slice columns the pipeline declared (`predictions: { file, slices }`). */
        slices: optional(array(string()))
      })
    ),
    null
  ),
  /** Source data and code deps (not produced by any stage): path → hash and size, to show what data moved. */
  deps: _default(
    record(
      string(),
      object({ hash: string(), bytes: number().check(int(), _nonnegative()) })
    ),
    {}
  ),
  /** Dataset statistics files declared under `stats:` in the pipeline, parsed (JSON/YAML). */
  stats: _default(record(string(), unknown()), {}),
  /**
   * Profiles of the tabular data deps and outs (CSV, TSV, JSON Lines, Parquet): path →
   * rows, columns and a sketch per column, or why the file could not be profiled. Absent
   * in records made before profiles existed (read as none).
   */
  profiles: optional(record(string(), ProfileEntry)),
  env: RunEnvironment
});

// core/run-record/parse.ts
var RUN_RECORD_LIMITS = {
  bytes: 16 * 1024 * 1024,
  depth: 32,
  values: 2e5,
  chars: 64 * 1024 * 1024
};
function parseRunRecord(text, source) {
  const data = parseJson(text, source, "E_RUN_RECORD", RUN_RECORD_LIMITS);
  const result = RunRecord.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join(".") ?? "";
    throw new Cd4mlError(
      "E_RUN_RECORD",
      `invalid run record: ${issue?.message ?? "unknown problem"}`,
      {
        location: { file: source, field: field || void 0 },
        hint: `was it written by a newer cd4ml? This one reads ${READABLE_RUN_RECORD_SCHEMAS.map((v) => `\`schema: "${v}"\``).join(" and ")}`
      }
    );
  }
  return result.data;
}

export {
  Scalar,
  StageResult,
  RunRecord,
  RUN_RECORD_LIMITS,
  parseRunRecord
};
//# sourceMappingURL=chunk-3IRWCR3G.js.map
