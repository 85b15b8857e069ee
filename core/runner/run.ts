import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { buildDag, selectStages, type Dag } from '../pipeline/dag.js';
import { loadPipelineCached } from '../pipeline/cached.js';
import { DEFAULT_PARAMS_FILE } from '../pipeline/files.js';
import type { Pipeline, Stage } from '../pipeline/model.js';
import type { Scalar, StageResult } from '../run-record/schema.js';
import { openChecker, type Checker } from './decide.js';
import { writeDvcLock } from './dvc-lock.js';
import { executeStage } from './execute-stage.js';
import type { HashCache } from './hash.js';
import {
  clearLockJournal,
  journalLockEntry,
  LOCK_FILE,
  writeLock,
  type LockFile,
} from './lock-file.js';
import {
  applyOverrides,
  flattenParams,
  recoverWhatIf,
  toScalar,
  type ParamOverride,
} from './params.js';
import { ShellPool } from './process.js';
import { schedule } from './scheduler.js';
import { failedOutcome, type StageOutcome } from './stage-outcome.js';
import { logName, stateDirs } from './state.js';
import { acquireWorkspaceLock, describeHolder } from './workspace-lock.js';

export type RunEvent =
  | { type: 'plan'; stages: string[]; jobs: number }
  | { type: 'start'; stage: string; attempt: number; reasons: string[] }
  | { type: 'retry'; stage: string; attempt: number; message: string }
  | { type: 'finish'; stage: string; result: StageResult; logFile: string | undefined };

export interface RunOptions {
  pipelineFile: string;
  targets?: readonly string[];
  /** Run only the named stages, not what they depend on: their deps must be in place (DVC's `--single-item`). */
  single?: boolean;
  jobs: number;
  force?: boolean;
  keepGoing?: boolean;
  overrides?: readonly ParamOverride[];
  onEvent?: (event: RunEvent) => void;
  /**
   * Shells to start stages with, started early by the caller, who closes them (also when the
   * run never starts: a pipeline that does not load). The run closes them as soon as its
   * stages are done.
   */
  shells?: ShellPool;
  /** When another run holds the workspace: wait for it (true) or fail with E_USAGE (default). */
  wait?: boolean;
  /** What is running, as the workspace lock names it to a second run (default: this process's argv). */
  command?: string;
  /** Things worth telling the user that are not stage events: waiting for a lock, a stale lock taken over. */
  onNotice?: (message: string) => void;
}

export interface StageFailure {
  stage: string;
  message: string;
  logFile: string;
}

export interface RunResult {
  pipeline: Pipeline;
  dag: Dag;
  stages: Record<string, StageResult>;
  failures: StageFailure[];
  startedAt: Date;
  finishedAt: Date;
  hashes: HashCache;
  /** Flattened values of every params file the pipeline reads, as the stages saw them (overrides applied). */
  params: Record<string, Scalar>;
}

/**
 * Runs a pipeline: stages in dependency order, up to `jobs` at once, each either
 * skipped (unchanged), restored from the run-cache, or run with retries and a timeout.
 * A failure stops new stages (unless `keepGoing`); running ones finish; dependents
 * of a failure are skipped. Holds the workspace lock throughout (one run per workspace).
 * Each finished stage is recorded at once (lock journal, run-cache line), and the lock
 * file is rewritten once, atomically, at the end.
 */
export async function runPipeline(opts: RunOptions): Promise<RunResult> {
  const startedAt = new Date();
  const root = dirname(resolve(opts.pipelineFile));
  const lock = await acquireWorkspaceLock(root, {
    command: opts.command ?? commandLine(),
    wait: opts.wait,
    onWait: (holder) =>
      opts.onNotice?.(`waiting for another run to finish (${describeHolder(holder)})`),
    onStale: (holder) =>
      opts.onNotice?.(
        `took over the workspace lock of a run that is gone (${describeHolder(holder)})`,
      ),
  });
  // process.exit() (a signal handler's) skips `finally`: put params back and release the
  // workspace on the way out too.
  let restoreParams = (): void => undefined;
  const onExit = (): void => {
    restoreParams();
    lock.release();
  };
  process.on('exit', onExit);
  try {
    for (const note of recoverWhatIf(root)) opts.onNotice?.(note);
    restoreParams = applyOverrides(root, opts.overrides ?? []);
    return await runLoaded(opts, startedAt);
  } finally {
    process.off('exit', onExit);
    onExit();
  }
}

/** How this process was started, e.g. `cd4ml run --set train.C=2`, for the workspace lock. */
function commandLine(): string {
  const [, script, ...args] = process.argv;
  return [script ? basename(script).replace(/\.js$/, '') : 'node', ...args].join(' ');
}

async function runLoaded(opts: RunOptions, startedAt: Date): Promise<RunResult> {
  const pipeline = await loadPipelineCached(
    opts.pipelineFile,
    stateDirs(dirname(resolve(opts.pipelineFile))).tmp,
  );
  const { root } = pipeline;
  const dag = buildDag(pipeline, (path) => existsSync(join(root, path)));
  const targets = opts.targets ?? [];
  const selected = selectStages(dag, targets).filter(
    (name) => !opts.single || targets.some((t) => name === t || name.startsWith(`${t}@`)),
  );
  const dirs = prepareState(root);
  const dvcYaml = basename(pipeline.file) === 'dvc.yaml';
  const checker = openChecker(root, opts.force ?? false, dvcYaml ? pipeline.stages : undefined);
  const shells = opts.shells ?? new ShellPool();
  const emit = opts.onEvent ?? (() => undefined);
  const jobs = Math.max(1, opts.jobs);
  emit({ type: 'plan', stages: selected, jobs });

  const results: Record<string, StageResult> = {};
  const failures: StageFailure[] = [];
  const newLock: LockFile = { schema: '2.0', stages: { ...checker.lock.stages } };
  const ctx = { checker, shells, madeDirs: new Set<string>(), logs: dirs.logs, emit };
  try {
    await schedule({
      dag,
      selected,
      jobs,
      keepGoing: opts.keepGoing ?? false,
      skip: (name, reason) => {
        results[name] = { status: 'skipped', attempts: 0, durationMs: 0, reason };
        emit({ type: 'finish', stage: name, result: results[name], logFile: undefined });
      },
      execute: async (stage, settle) => {
        const outcome = await executeStage(stage, ctx).catch((error: unknown) =>
          failedOutcome(join(dirs.logs, logName(stage.name)), {
            attempts: 0,
            durationMs: 0,
            reason: error instanceof Error ? error.message : String(error),
          }),
        );
        if (outcome.result.status === 'failed')
          failures.push({
            stage: stage.name,
            message: outcome.result.reason ?? 'failed',
            logFile: outcome.logFile,
          });
        settle(outcome.result.status === 'failed' ? 'bad' : 'ok');
        // Synchronous from here on: `settle` may have resolved the run, whose continuation
        // runs only after this bookkeeping is done.
        record(stage, finishOutcome(stage, outcome, failures), { root, results, newLock, emit });
      },
    });
  } finally {
    shells.close();
    await checker.cache.flush();
  }
  writeLock(join(root, LOCK_FILE), newLock);
  if (checker.dvc)
    writeDvcLock(root, pipeline.stages, newLock, checker.dvc.md5, checker.readParams);
  clearLockJournal(root);
  checker.hashes.save();
  return {
    pipeline,
    dag,
    stages: Object.fromEntries(selected.map((name) => [name, results[name]!])),
    failures,
    startedAt,
    finishedAt: new Date(),
    hashes: checker.hashes,
    params: paramsSeen(pipeline, checker),
  };
}

/** Makes the state folder for a run's logs, with a .gitignore that keeps it out of commits. */
function prepareState(root: string): ReturnType<typeof stateDirs> {
  const dirs = stateDirs(root);
  mkdirSync(dirs.logs, { recursive: true });
  // Like .dvc/.gitignore: the cache, logs and local runs never end up in a commit by accident.
  const ignore = join(root, '.cd4ml', '.gitignore');
  if (!existsSync(ignore))
    writeFileSync(ignore, '# Written by cd4ml: local state, not for git.\n*\n');
  return dirs;
}

/** Runs a ran stage's deferred bookkeeping (hash, cache, lock entry); a failure there fails the stage. */
function finishOutcome(
  stage: Stage,
  outcome: StageOutcome,
  failures: StageFailure[],
): StageOutcome {
  if (!outcome.finish) return outcome;
  try {
    return { ...outcome, ...outcome.finish() };
  } catch (error) {
    failures.push({
      stage: stage.name,
      message: (error as Error).message,
      logFile: outcome.logFile,
    });
    return {
      ...outcome,
      result: { ...outcome.result, status: 'failed', reason: (error as Error).message },
    };
  }
}

/** Keeps a finished stage's result and lock entry, durable at once, and tells the caller. */
function record(
  stage: Stage,
  outcome: StageOutcome,
  {
    root,
    results,
    newLock,
    emit,
  }: {
    root: string;
    results: Record<string, StageResult>;
    newLock: LockFile;
    emit: (event: RunEvent) => void;
  },
): void {
  results[stage.name] = outcome.result;
  if (outcome.lock) {
    newLock.stages[stage.name] = outcome.lock;
    // Durable at once: a run killed after this point restores or skips this stage.
    if (outcome.result.status === 'ran' || outcome.result.status === 'cached')
      journalLockEntry(root, stage.name, outcome.lock);
  }
  emit({ type: 'finish', stage: stage.name, result: outcome.result, logFile: outcome.logFile });
}

/** Flattened values of every params file the pipeline reads, as the stages saw them. */
function paramsSeen(pipeline: Pipeline, checker: Checker): Record<string, Scalar> {
  const params: Record<string, Scalar> = {};
  for (const file of new Set([
    DEFAULT_PARAMS_FILE,
    ...pipeline.stages.flatMap((s) => s.params.map((p) => p.file)),
  ])) {
    const prefix = file === DEFAULT_PARAMS_FILE ? '' : `${file}:`;
    for (const [key, value] of Object.entries(flattenParams(checker.readParams(file) ?? {})))
      params[`${prefix}${key}`] = toScalar(value);
  }
  return params;
}
