import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseJson } from '../yaml/limits.js';
import { Cd4mlError } from '../errors.js';
import { buildDag } from '../pipeline/dag.js';
import { loadPipeline } from '../pipeline/load.js';
import type { RunRecord, StageResult } from '../run-record/schema.js';
import { parseRunRecord } from '../run-record/parse.js';
import { HashCache } from '../runner/hash.js';
import type { ParamOverride } from '../runner/params.js';
import { LOCK_FILE, readLock, writeLock } from '../runner/lock-file.js';
import { buildRunRecord, saveRunRecord, startContext } from '../runner/record.js';
import type { RunResult, StageFailure } from '../runner/run.js';
import { stateDirs } from '../runner/state.js';
import { RECORD_FILE } from '../store/local-store.js';
import { STAGE_ARTIFACT_PREFIX } from './ids.js';
import { Fragment, FRAGMENT_FORMAT } from './schema.js';

const FRAGMENT_LIMITS = {
  bytes: 4 * 1024 * 1024,
  depth: 16,
  values: 200_000,
  chars: 16 * 1024 * 1024,
};

/**
 * After `cd4ml run --single <stage>` in a stage job: the stage's result and new lock
 * entry from the workspace's `cd4ml-run.json` and `cd4ml.lock`, as the fragment the final
 * job assembles. A job that ended before cd4ml recorded the stage (bad input, a crash)
 * yields a failed result, so the run record still says what happened.
 */
export function buildFragment(root: string, stage: string): Fragment {
  let record: RunRecord | undefined;
  try {
    record = parseRunRecord(readFileSync(join(root, RECORD_FILE), 'utf8'), RECORD_FILE);
  } catch {
    record = undefined;
  }
  const result: StageResult | undefined = record?.stages[stage];
  const now = new Date().toISOString();
  if (!record || !result) {
    return {
      format: FRAGMENT_FORMAT,
      stage,
      result: {
        status: 'failed',
        attempts: 0,
        durationMs: 0,
        reason: `its job ended before cd4ml recorded the stage: see the log of the job that ran '${stage}'`,
      },
      lock: null,
      run: { startedAt: now, finishedAt: now, params: {} },
    };
  }
  const ok = result.status !== 'failed' && result.status !== 'skipped';
  return {
    format: FRAGMENT_FORMAT,
    stage,
    result,
    lock: ok ? (readLock(join(root, LOCK_FILE)).stages[stage] ?? null) : null,
    run: {
      startedAt: record.timings.startedAt,
      finishedAt: record.timings.finishedAt,
      params: record.params,
      event: record.event,
      ...(record.ci ? { ci: record.ci } : {}),
    },
  };
}

export function writeFragment(path: string, fragment: Fragment): void {
  writeFileSync(path, `${JSON.stringify(fragment, null, 2)}\n`);
}

/** The fragments the final job downloaded into the pipeline's directory (`cd4ml-stage-*.json`). */
export function readFragments(root: string): Fragment[] {
  const names = readdirSync(root)
    .filter((name) => name.startsWith(STAGE_ARTIFACT_PREFIX) && name.endsWith('.json'))
    .sort();
  return names.map((name) => {
    const data = parseJson(readFileSync(join(root, name), 'utf8'), name, 'E_IO', FRAGMENT_LIMITS);
    const parsed = Fragment.safeParse(data);
    if (!parsed.success)
      throw new Cd4mlError(
        'E_IO',
        `not a cd4ml workflow fragment: ${parsed.error.issues[0]?.message ?? ''}`,
        {
          location: { file: name, field: parsed.error.issues[0]?.path.join('.') },
          hint: `the stage jobs write these with \`cd4ml workflow fragment\` (${FRAGMENT_FORMAT}); was the workflow compiled by another cd4ml version? Regenerate it`,
        },
      );
    return parsed.data;
  });
}

export interface Assembled {
  record: RunRecord;
  /** Where the record was saved (the workspace's cd4ml-run.json and the local store). */
  stored: string;
  missing: string[];
}

/**
 * The final job's work: merges the stage jobs' lock entries into `cd4ml.lock`, and builds
 * and saves the run record of the whole workflow run from their results and the outs they
 * uploaded (downloaded into the workspace), exactly as a local `cd4ml run` would have.
 * Stages whose job left no fragment (skipped after a failure, cancelled) are `skipped`.
 */
export async function assembleRun(
  pipelineFile: string,
  /** The commit the record names (the CLI: a pull request's head, not its merge commit). */
  recordedGit: (git: Promise<RunRecord['git']>) => Promise<RunRecord['git']> = (git) => git,
  /** The `--set` overrides the stage jobs ran with (a dispatch's `overrides`). */
  overrides: readonly ParamOverride[] = [],
): Promise<Assembled> {
  const root = dirname(pipelineFile);
  const pipeline = loadPipeline(pipelineFile);
  const fragments = new Map(readFragments(root).map((f) => [f.stage, f]));
  const unknown = [...fragments.keys()].filter((s) => !pipeline.stages.some((p) => p.name === s));
  if (unknown.length > 0)
    throw new Cd4mlError(
      'E_USAGE',
      `fragments for stages the pipeline does not have: ${unknown.join(', ')}`,
      {
        location: { file: relative(process.cwd(), pipelineFile) || pipelineFile },
        hint: 'the workflow is stale: regenerate it with cd4ml workflow, and commit it',
      },
    );
  const dag = buildDag(pipeline, () => true);
  // Answered before the lock is rewritten: `git.dirty` describes the commit's tree, not ours.
  const context = startContext(pipelineFile);
  await context.git.catch(() => undefined);
  const lock = readLock(join(root, LOCK_FILE));
  const stages: Record<string, StageResult> = {};
  const failures: StageFailure[] = [];
  const missing: string[] = [];
  for (const name of dag.order) {
    const fragment = fragments.get(name);
    if (!fragment) {
      missing.push(name);
      stages[name] = {
        status: 'skipped',
        attempts: 0,
        durationMs: 0,
        reason: 'its job did not run: an upstream job failed or the run was cancelled',
      };
      continue;
    }
    stages[name] = fragment.result;
    if (fragment.lock) lock.stages[name] = fragment.lock;
    if (fragment.result.status === 'failed')
      failures.push({ stage: name, message: fragment.result.reason ?? 'failed', logFile: '' });
  }
  writeLock(join(root, LOCK_FILE), lock);
  const runs = [...fragments.values()].map((f) => f.run);
  const first = runs[0];
  const times = runs.flatMap((r) => [Date.parse(r.startedAt), Date.parse(r.finishedAt)]);
  const now = Date.now();
  const result: RunResult = {
    pipeline,
    dag,
    stages,
    failures,
    startedAt: new Date(times.length > 0 ? Math.min(...times) : now),
    finishedAt: new Date(times.length > 0 ? Math.max(...times) : now),
    hashes: new HashCache(join(stateDirs(root).tmp, 'hashes.json')),
    params: first?.params ?? {},
  };
  const record = await buildRunRecord(result, {
    overrides,
    ...context,
    git: recordedGit(context.git),
    ...(first?.event ? { event: first.event } : {}),
    ...(first?.ci ? { ci: first.ci } : {}),
  });
  const stored = await saveRunRecord(root, record);
  return { record, stored: stored.dir, missing };
}
