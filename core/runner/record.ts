import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PARSE_LIMITS } from '../yaml/limits.js';
import { YamlSource } from '../yaml/source.js';
import { producerIndex } from '../pipeline/dag.js';
import { DEFAULT_PARAMS_FILE } from '../pipeline/files.js';
import type { Candidate, RunRecord } from '../run-record/schema.js';
import { RUN_RECORD_SCHEMA } from '../run-record/version.js';
import { RECORD_FILE, saveRun, type StoredRun } from '../store/local-store.js';
import { environment, gitState, withDeclared } from './environment.js';
import { profileRunFiles } from '../profile/record.js';
import { modelInfo } from './model-info.js';
import { flattenParams, toScalar, type ParamOverride } from './params.js';
import type { RunResult } from './run.js';
import { stateDirs } from './state.js';

const STATS_LIMIT = 1024 * 1024;

export interface RecordOptions {
  overrides: readonly ParamOverride[];
  event?: string;
  ci?: RunRecord['ci'];
  /** Started before the run so git and python answer while stages run. */
  git: Promise<RunRecord['git']>;
  env: Promise<RunRecord['env']>;
}

/** Starts the slow look-ups (git, python) so they overlap with the run. */
export function startContext(pipelineFile: string): {
  git: Promise<RunRecord['git']>;
  env: Promise<RunRecord['env']>;
} {
  const root = dirname(pipelineFile);
  const git = gitState(root);
  const env = environment(root, stateDirs(root).tmp, { python: mentionsPython(pipelineFile) });
  // Observed later; never an unhandled rejection if the run itself throws first.
  git.catch(() => undefined);
  env.catch(() => undefined);
  return { git, env };
}

/**
 * Whether the pipeline runs Python, judged from its text: asking an interpreter for its
 * version (through a pyenv shim, say) costs a process start that a pipeline of shell
 * tools should not pay.
 */
function mentionsPython(pipelineFile: string): boolean {
  try {
    return /\bpython[\d.]*\b|\.py\b|\b(pip|conda|poetry|pytest|uv run|jupyter|papermill)\b/.test(
      readFileSync(pipelineFile, 'utf8'),
    );
  } catch {
    return true;
  }
}

/** Builds the run record of a finished run from the workspace it left. */
export async function buildRunRecord(result: RunResult, opts: RecordOptions): Promise<RunRecord> {
  const { pipeline } = result;
  const { root } = pipeline;
  const { metrics, candidates } = collectMetrics(result);

  // A run of some stages (`cd4ml run prepare`, a compiled workflow's `--single` job) need
  // not have made the model yet; a run of every stage must have.
  const partial = Object.keys(result.stages).length < pipeline.stages.length;
  const model =
    pipeline.model &&
    result.failures.length === 0 &&
    !(partial && !existsSync(join(root, pipeline.model)))
      ? await modelInfo(root, pipeline.model, stateDirs(root).tmp, result.hashes)
      : null;
  const champion = model
    ? (Object.entries(candidates).find(([, c]) => c.modelSha256 === model.sha256)?.[0] ?? null)
    : null;

  const deps = sourceDeps(result);

  const stats: Record<string, unknown> = {};
  for (const file of pipeline.stats) {
    const data = readStructured(join(root, file));
    if (data !== undefined) stats[file] = data;
  }

  const predictions = predictionsOf(result);

  // Tabular data deps and outs (not metrics), profiled or read back from the profile cache.
  const tabular = [
    ...Object.keys(deps),
    ...pipeline.stages.flatMap((s) => s.outs.filter((o) => !o.metric).map((o) => o.path)),
  ];
  const profiles = await profileRunFiles(
    root,
    tabular,
    (absolute) => result.hashes.hash(absolute)?.hash,
    // Inside the run-cache, so whatever keeps the run-cache (actions/cache) keeps the profiles too.
    join(stateDirs(root).cache, 'profiles'),
  );

  const [git, env] = await Promise.all([opts.git, opts.env]);
  return {
    schema: RUN_RECORD_SCHEMA,
    id: `${result.startedAt.toISOString().replace(/[-:.]/g, '').replace('T', '-').slice(0, 15)}-${randomUUID().slice(0, 8)}`,
    createdAt: result.finishedAt.toISOString(),
    status: result.failures.length === 0 ? 'success' : 'failed',
    pipeline: { file: pipeline.file.slice(root.length + 1) },
    // An override makes the run differ from its commit, whatever git said while the params file was rewritten.
    git: { ...git, dirty: git.dirty || opts.overrides.length > 0 },
    event: opts.event ?? 'local',
    ...(opts.ci ? { ci: opts.ci } : {}),
    timings: {
      startedAt: result.startedAt.toISOString(),
      finishedAt: result.finishedAt.toISOString(),
      durationMs: result.finishedAt.getTime() - result.startedAt.getTime(),
    },
    stages: result.stages,
    params: result.params,
    overrides: Object.fromEntries(
      opts.overrides.map((o) => [
        o.file === DEFAULT_PARAMS_FILE ? o.key : `${o.file}:${o.key}`,
        o.value,
      ]),
    ),
    metrics,
    candidates,
    champion,
    model,
    predictions,
    deps,
    stats,
    ...(Object.keys(profiles).length > 0 ? { profiles } : {}),
    env: withDeclared(env, root, pipeline.environment),
  };
}

/** Metrics of the stages: the pipeline's, and each foreach/matrix candidate's with its params and model. */
function collectMetrics(result: RunResult): {
  metrics: Record<string, number>;
  candidates: Record<string, Candidate>;
} {
  const { pipeline } = result;
  const { root } = pipeline;
  const metrics: Record<string, number> = {};
  for (const file of pipeline.metrics) Object.assign(metrics, readMetrics(join(root, file)));
  const candidates: Record<string, Candidate> = {};
  for (const stage of pipeline.stages) {
    const values: Record<string, number> = {};
    for (const out of stage.outs.filter((o) => o.metric))
      Object.assign(values, readMetrics(join(root, out.path)));
    if (stage.group) {
      const candidate = (candidates[stage.group.key] ??= {
        stage: stage.name,
        params: {},
        metrics: {},
      });
      for (const [key, value] of Object.entries(flattenParams(stage.group.values)))
        candidate.params[key] = toScalar(value);
      if (Object.keys(values).length > 0) {
        candidate.stage = stage.name;
        Object.assign(candidate.metrics, values);
      }
      const onnx = stage.outs.find(
        (o) => o.path.endsWith('.onnx') && existsSync(join(root, o.path)),
      );
      if (onnx) candidate.modelSha256 = result.hashes.hashFile(join(root, onnx.path));
    } else {
      Object.assign(metrics, values);
    }
  }

  return { metrics, candidates };
}

/** Source deps: those no stage's out is, contains, or sits inside. */
function sourceDeps(result: RunResult): RunRecord['deps'] {
  const { pipeline } = result;
  const { root } = pipeline;
  const producers = producerIndex(pipeline.stages.flatMap((s) => s.outs));
  const deps: RunRecord['deps'] = {};
  for (const stage of pipeline.stages) {
    for (const dep of stage.deps) {
      if (producers(dep).length > 0) continue;
      const hashed = result.hashes.hash(join(root, dep));
      if (hashed) deps[dep] = { hash: hashed.hash, bytes: hashed.size };
    }
  }

  return deps;
}

function predictionsOf(result: RunResult): RunRecord['predictions'] {
  const { pipeline } = result;
  const { root } = pipeline;
  let predictions: RunRecord['predictions'] = null;
  if (pipeline.predictions && existsSync(join(root, pipeline.predictions))) {
    const text = readFileSync(join(root, pipeline.predictions), 'utf8');
    predictions = {
      file: 'predictions.csv',
      source: pipeline.predictions,
      sha256: result.hashes.hashFile(join(root, pipeline.predictions)),
      rows: Math.max(0, text.trimEnd().split('\n').length - 1),
      ...(pipeline.predictionSlices.length > 0 ? { slices: pipeline.predictionSlices } : {}),
    };
  }

  return predictions;
}

/** Writes `cd4ml-run.json` in the workspace (atomically) and keeps a copy in the local store. */
export async function saveRunRecord(root: string, record: RunRecord): Promise<StoredRun> {
  const path = join(root, RECORD_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(tmp, path);
  const attachments: Record<string, string> = {};
  if (record.predictions)
    attachments[record.predictions.file] = join(root, record.predictions.source);
  return saveRun(root, record, attachments);
}

function readStructured(path: string): unknown {
  try {
    const text = readFileSync(path, 'utf8');
    return YamlSource.parse(text, path, 'E_IO', { ...PARSE_LIMITS, bytes: STATS_LIMIT }).data;
  } catch {
    return undefined;
  }
}

/** Numeric leaves of a metrics file (JSON or YAML), flattened: `{"eval": {"f1": .9}}` → `eval.f1`. */
export function readMetrics(path: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(flattenParams(readStructured(path) ?? {}))) {
    if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
    else if (typeof value === 'boolean') out[key] = value ? 1 : 0;
  }
  return out;
}
