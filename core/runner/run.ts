import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import pRetry from 'p-retry';
import { pinpoint } from '../yaml/source.js';
import { Cd4mlError, formatLocation } from '../errors.js';
import { buildDag, selectStages, type Dag } from '../pipeline/dag.js';
import { loadPipelineCached } from '../pipeline/cached.js';
import { DEFAULT_PARAMS_FILE, paramsReader } from '../pipeline/files.js';
import type { Pipeline, Stage } from '../pipeline/model.js';
import type { Scalar, StageResult } from '../run-record/schema.js';
import { ContentCache, runCacheKey, type CachedOuts } from './cache.js';
import { HashCache } from './hash.js';
import {
  clearLockJournal,
  journalLockEntry,
  LOCK_FILE,
  readLockWithJournal,
  writeLock,
  type LockEntry,
  type LockFile,
} from './lock.js';
import {
  applyOverrides,
  flatten,
  recoverWhatIf,
  resolveParams,
  toScalar,
  type Override,
} from './params.js';
import { ShellPool } from './process.js';
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
  overrides?: readonly Override[];
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

/** Where cd4ml keeps its state inside a project. */
export function stateDirs(root: string): { cache: string; tmp: string; logs: string } {
  return {
    cache: join(root, '.cd4ml', 'cache'),
    tmp: join(root, '.cd4ml', 'tmp'),
    logs: join(root, '.cd4ml', 'logs'),
  };
}

/** What a stage would do now and why; shared by `run` and `status`. */
export type Decision =
  | { action: 'unchanged'; reasons: string[] }
  | {
      action: 'run' | 'restore';
      reasons: string[];
      key: string;
      deps: Array<{ path: string; hash: string; size: number }>;
      params: Record<string, Record<string, unknown>>;
      cached: CachedOuts | undefined;
    };

export interface Checker {
  root: string;
  hashes: HashCache;
  cache: ContentCache;
  lock: LockFile;
  readParams: (file: string) => unknown;
  force: boolean;
}

/** What `decide` reads, from the project's lock, memos and cache. */
export function openChecker(root: string, force: boolean): Checker {
  const dirs = stateDirs(root);
  return {
    root,
    hashes: new HashCache(join(dirs.tmp, 'hashes.json')),
    cache: new ContentCache(dirs.cache, force),
    lock: readLockWithJournal(root),
    readParams: paramsReader(root),
    force,
  };
}

/** Decides whether a stage is up to date, can be restored from the run-cache, or must run. */
export function decide(stage: Stage, checker: Checker): Decision {
  if (stage.frozen) return { action: 'unchanged', reasons: ['frozen'] };
  const entry: LockEntry | undefined = checker.lock.stages[stage.name];
  let reasons: string[] = [];
  if (checker.force) reasons.push('forced');
  if (!entry) reasons.push('never ran');
  else if (JSON.stringify(entry.cmd) !== JSON.stringify(lockedCmd(stage)))
    reasons.push('cmd changed');
  const deps: Array<{ path: string; hash: string; size: number }> = [];
  for (const dep of stage.deps) {
    const hashed = checker.hashes.hash(join(checker.root, dep));
    if (!hashed) {
      reasons.push(`dep missing: ${dep}`);
      continue;
    }
    deps.push({ path: dep, hash: hashed.hash, size: hashed.size });
    const locked = entry?.deps?.find((d) => d.path === dep);
    if (entry && locked?.hash !== hashed.hash) reasons.push(`dep changed: ${dep}`);
  }
  const params = resolveParams(stage.params, checker.readParams);
  if (entry) {
    for (const [file, values] of Object.entries(params)) {
      for (const [key, value] of Object.entries(values)) {
        if (JSON.stringify(entry.params?.[file]?.[key]) !== JSON.stringify(value))
          reasons.push(`param changed: ${key}`);
      }
    }
  }
  for (const out of stage.outs) {
    const hashed = checker.hashes.hash(join(checker.root, out.path));
    const locked = entry?.outs?.find((o) => o.path === out.path);
    if (!hashed) reasons.push(`out missing: ${out.path}`);
    else if (entry && locked?.hash !== hashed.hash) reasons.push(`out changed: ${out.path}`);
  }
  if (stage.alwaysChanged) reasons.push('always changed');
  // A stage that never ran has missing outs by definition: say only what matters.
  if (!entry) reasons = reasons.filter((reason) => !reason.startsWith('out missing: '));
  if (reasons.length === 0) return { action: 'unchanged', reasons: [] };
  const key = runCacheKey({
    cmd: stage.cmd,
    deps: deps.map((d) => [d.path, d.hash]),
    params,
    outs: stage.outs.map((o) => o.path),
    env: stage.env,
  });
  const restorable =
    !checker.force &&
    !stage.alwaysChanged &&
    stage.outs.length > 0 &&
    stage.outs.every((o) => !o.persist);
  const cached = restorable ? checker.cache.getRun(key) : undefined;
  const usable =
    cached !== undefined &&
    cached.outs.length === stage.outs.length &&
    checker.cache.has(cached.outs);
  return {
    action: usable ? 'restore' : 'run',
    reasons,
    key,
    deps,
    params,
    cached: usable ? cached : undefined,
  };
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
  const dirs = stateDirs(root);
  mkdirSync(dirs.logs, { recursive: true });
  // Like .dvc/.gitignore: the cache, logs and local runs never end up in a commit by accident.
  const ignore = join(root, '.cd4ml', '.gitignore');
  if (!existsSync(ignore))
    writeFileSync(ignore, '# Written by cd4ml: local state, not for git.\n*\n');
  const checker = openChecker(root, opts.force ?? false);
  const shells = opts.shells ?? new ShellPool();
  // Out directories this run has already made, so each costs one mkdir.
  const madeDirs = new Set<string>();
  const emit = opts.onEvent ?? (() => undefined);
  const jobs = Math.max(1, opts.jobs);
  emit({ type: 'plan', stages: selected, jobs });

  const results: Record<string, StageResult> = {};
  const failures: StageFailure[] = [];
  const newLock: LockFile = { schema: '2.0', stages: { ...checker.lock.stages } };
  const selectedSet = new Set(selected);
  const state = new Map<string, 'pending' | 'running' | 'ok' | 'bad'>(
    selected.map((name) => [name, 'pending']),
  );
  // Ready stages in execution order, and how many selected upstreams each stage still
  // waits for: finishing a stage touches only its downstream, never the whole DAG.
  const position = new Map(selected.map((name, i) => [name, i]));
  const waitingFor = new Map(
    selected.map((name) => [
      name,
      [...(dag.upstream.get(name) ?? [])].filter((up) => selectedSet.has(up)).length,
    ]),
  );
  const ready = selected.filter((name) => waitingFor.get(name) === 0);
  let running = 0;
  let firstFailure: string | undefined;

  try {
    await new Promise<void>((resolveAll) => {
      const schedule = (): void => {
        while (
          running < jobs &&
          ready.length > 0 &&
          (firstFailure === undefined || opts.keepGoing)
        ) {
          const name = ready.shift()!;
          state.set(name, 'running');
          running += 1;
          void execute(dag.stages.get(name)!);
        }
        if (running === 0) {
          for (const name of selected)
            if (state.get(name) === 'pending')
              finishSkipped(
                name,
                `not started: the run stopped after '${firstFailure ?? '?'}' failed`,
              );
          resolveAll();
        }
      };
      const release = (name: string): void => {
        for (const down of dag.downstream.get(name) ?? []) {
          if (!selectedSet.has(down)) continue;
          const left = (waitingFor.get(down) ?? 0) - 1;
          waitingFor.set(down, left);
          if (left === 0 && state.get(down) === 'pending') {
            ready.push(down);
            ready.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
          }
        }
      };
      const skipDownstream = (name: string): void => {
        for (const down of dag.downstream.get(name) ?? []) {
          if (!selectedSet.has(down) || state.get(down) !== 'pending') continue;
          finishSkipped(down, `upstream stage '${name}' did not succeed`);
          skipDownstream(down);
        }
      };
      const finishSkipped = (name: string, reason: string): void => {
        state.set(name, 'bad');
        results[name] = { status: 'skipped', attempts: 0, durationMs: 0, reason };
        emit({ type: 'finish', stage: name, result: results[name], logFile: undefined });
      };
      const execute = async (stage: Stage): Promise<void> => {
        let outcome: StageOutcome = await executeStage(
          stage,
          checker,
          { shells, madeDirs },
          dirs.logs,
          emit,
        ).catch((error: unknown) => ({
          result: {
            status: 'failed',
            attempts: 0,
            durationMs: 0,
            reason: error instanceof Error ? error.message : String(error),
          } satisfies StageResult,
          lock: undefined,
          logFile: join(dirs.logs, logName(stage.name)),
        }));
        if (outcome.result.status === 'failed') {
          state.set(stage.name, 'bad');
          firstFailure ??= stage.name;
          failures.push({
            stage: stage.name,
            message: outcome.result.reason ?? 'failed',
            logFile: outcome.logFile,
          });
          skipDownstream(stage.name);
        } else {
          state.set(stage.name, 'ok');
          release(stage.name);
        }
        running -= 1;
        schedule();
        // Synchronous from here on: `schedule` may have resolved the run, whose continuation
        // runs only after this bookkeeping is done.
        if (outcome.finish) {
          try {
            outcome = { ...outcome, ...outcome.finish() };
          } catch (error) {
            state.set(stage.name, 'bad');
            outcome = {
              ...outcome,
              result: { ...outcome.result, status: 'failed', reason: (error as Error).message },
            };
            failures.push({
              stage: stage.name,
              message: (error as Error).message,
              logFile: outcome.logFile,
            });
          }
        }
        results[stage.name] = outcome.result;
        if (outcome.lock) {
          newLock.stages[stage.name] = outcome.lock;
          // Durable at once: a run killed after this point restores or skips this stage.
          if (outcome.result.status === 'ran' || outcome.result.status === 'cached')
            journalLockEntry(root, stage.name, outcome.lock);
        }
        emit({
          type: 'finish',
          stage: stage.name,
          result: outcome.result,
          logFile: outcome.logFile,
        });
      };
      schedule();
    });
  } finally {
    shells.close();
    await checker.cache.flush();
  }
  writeLock(join(root, LOCK_FILE), newLock);
  clearLockJournal(root);
  checker.hashes.save();
  const params: Record<string, Scalar> = {};
  for (const file of new Set([
    DEFAULT_PARAMS_FILE,
    ...pipeline.stages.flatMap((s) => s.params.map((p) => p.file)),
  ])) {
    const prefix = file === DEFAULT_PARAMS_FILE ? '' : `${file}:`;
    for (const [key, value] of Object.entries(flatten(checker.readParams(file) ?? {})))
      params[`${prefix}${key}`] = toScalar(value);
  }
  return {
    pipeline,
    dag,
    stages: Object.fromEntries(selected.map((name) => [name, results[name]!])),
    failures,
    startedAt,
    finishedAt: new Date(),
    hashes: checker.hashes,
    params,
  };
}

/** Creates an out's parent directory once per run, not once per stage. */
function ensureParent(path: string, made: Set<string>): void {
  const parent = dirname(path);
  if (made.has(parent)) return;
  mkdirSync(parent, { recursive: true });
  made.add(parent);
}

export function logName(stage: string): string {
  return `${stage.replace(/[^\w.@-]/g, '_')}.log`;
}

interface StageOutcome {
  result: StageResult;
  lock: LockEntry | undefined;
  logFile: string;
  /** For a stage that ran: records its outs (hash, cache, lock entry); called after scheduling. */
  finish?: () => { result: StageResult; lock: LockEntry };
}

async function executeStage(
  stage: Stage,
  checker: Checker,
  { shells, madeDirs }: { shells: ShellPool; madeDirs: Set<string> },
  logs: string,
  emit: (event: RunEvent) => void,
): Promise<StageOutcome> {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const logFile = join(logs, logName(stage.name));
  const decision = decide(stage, checker);
  const lockCmd = lockedCmd(stage);
  if (decision.action === 'unchanged') {
    return {
      result: {
        status: 'unchanged',
        attempts: 0,
        durationMs: Date.now() - started,
        startedAt,
        ...(decision.reasons.length > 0 ? { reason: decision.reasons.join(', ') } : {}),
      },
      lock: checker.lock.stages[stage.name],
      logFile,
    };
  }
  const missing = decision.reasons.find((reason) => reason.startsWith('dep missing: '));
  if (missing) {
    return {
      result: {
        status: 'failed',
        attempts: 0,
        durationMs: 0,
        startedAt,
        reason: `stage '${stage.name}' cannot start: ${missing.replace('dep missing: ', 'its dep ')} is missing (${formatLocation(pinpoint(stage.location, { key: true }))})`,
      },
      lock: undefined,
      logFile,
    };
  }
  let reasons = decision.reasons;
  if (decision.action === 'restore' && decision.cached) {
    const restored = restoreVerified(stage, checker, decision.cached);
    if ('outs' in restored) {
      return {
        result: {
          status: 'cached',
          attempts: 0,
          durationMs: Date.now() - started,
          startedAt,
          reason: reasons.join(', '),
          outs: Object.fromEntries(restored.outs.map((o) => [o.path, o.hash])),
        },
        lock: lockEntry(lockCmd, decision, restored.outs),
        logFile,
      };
    }
    // Never hand a dependent stage bytes that are not what the run-cache entry recorded.
    reasons = [...reasons, ...restored.damaged.map((path) => `run-cache copy damaged: ${path}`)];
  }

  const env = { ...stage.env, CD4ML_ROOT: checker.root, CD4ML_STAGE: stage.name };
  const cwd = join(checker.root, stage.wdir);
  const attempts = stage.retries + 1;
  let attempt = 0;
  let lastExit: number | null = null;
  try {
    await pRetry(
      async () => {
        attempt += 1;
        emit({ type: 'start', stage: stage.name, attempt, reasons });
        for (const out of stage.outs) {
          const abs = join(checker.root, out.path);
          checker.hashes.forget(abs);
          // Checked first: removing what is not there costs an exception inside rmSync.
          if (!out.persist && lstatSync(abs, { throwIfNoEntry: false }))
            rmSync(abs, { recursive: true, force: true });
          ensureParent(abs, madeDirs);
        }
        for (const cmd of stage.cmd) {
          const header = `$ ${cmd}${attempt > 1 ? `    # attempt ${attempt} of ${attempts}` : ''}\n`;
          const outcome = await shells.run({
            cmd,
            cwd,
            env,
            logFile,
            timeoutMs: stage.timeoutMs,
            append: attempt > 1 || cmd !== stage.cmd[0],
            header,
          });
          lastExit = outcome.exitCode;
          if (outcome.timedOut)
            throw new Error(
              `timed out after ${formatDuration(stage.timeoutMs ?? 0)} (timeout set at ${formatLocation(pinpoint(stage.timeoutLocation ?? stage.location))}); its process tree was killed`,
            );
          if (outcome.exitCode !== 0) {
            throw new Error(
              outcome.signal
                ? `was killed by ${outcome.signal}`
                : `exited with code ${outcome.exitCode ?? '?'}: ${cmd}`,
            );
          }
        }
        const absent = stage.outs.filter((out) => !existsSync(join(checker.root, out.path)));
        if (absent.length > 0)
          throw new Error(
            `finished but did not write its out${absent.length > 1 ? 's' : ''} ${absent.map((o) => `'${o.path}'`).join(', ')}`,
          );
      },
      {
        retries: stage.retries,
        minTimeout: 100,
        factor: 2,
        onFailedAttempt: (error) => {
          if (error.retriesLeft > 0)
            emit({
              type: 'retry',
              stage: stage.name,
              attempt: error.attemptNumber,
              message: error.message,
            });
        },
      },
    );
  } catch (error) {
    const message = `stage '${stage.name}' ${(error as Error).message}${attempts > 1 ? ` (attempt ${attempt} of ${attempts})` : ''}`;
    return {
      result: {
        status: 'failed',
        attempts: attempt,
        durationMs: Date.now() - started,
        startedAt,
        exitCode: lastExit,
        reason: message,
      },
      lock: undefined,
      logFile,
    };
  }
  const durationMs = Date.now() - started;
  // Hashing the outs and caching them waits until the scheduler has started what this
  // stage unblocked: the bookkeeping overlaps with the next stages instead of delaying them.
  const finish = (): { result: StageResult; lock: LockEntry } => {
    const outs = hashOuts(stage, checker);
    checker.cache.save(decision.key, checker.root, outs);
    return {
      result: {
        status: 'ran',
        attempts: attempt,
        durationMs,
        startedAt,
        exitCode: 0,
        reason: reasons.join(', '),
        outs: Object.fromEntries(outs.map((o) => [o.path, o.hash])),
      },
      lock: lockEntry(lockCmd, decision, outs),
    };
  };
  return {
    result: { status: 'ran', attempts: attempt, durationMs, startedAt, exitCode: 0 },
    lock: undefined,
    logFile,
    finish,
  };
}

/**
 * Restores a stage's outs from the run-cache and checks each against the hash the entry
 * recorded (the hash is needed for the lock anyway, so the check costs no extra read).
 * Objects whose bytes no longer match their name — torn, truncated, edited — are removed
 * from the cache, and the stage runs instead.
 */
function restoreVerified(
  stage: Stage,
  checker: Checker,
  cached: CachedOuts,
): { outs: CachedOuts['outs'] } | { damaged: string[] } {
  const damaged: string[] = [];
  const badObjects = new Set<string>();
  for (const out of cached.outs) {
    const abs = join(checker.root, out.path);
    checker.hashes.forget(abs);
    try {
      checker.cache.restore(abs, out);
    } catch {
      // An object went missing since `decide` saw it (removed by hand): run the stage.
      damaged.push(out.path);
      continue;
    }
    const hashed = checker.hashes.hash(abs);
    if (hashed?.hash === out.hash) continue;
    damaged.push(out.path);
    if (!out.files) badObjects.add(out.hash);
    else {
      const got = new Map(hashed?.files ?? []);
      for (const [rel, hash] of out.files) if (got.get(rel) !== hash) badObjects.add(hash);
    }
  }
  if (damaged.length === 0) return { outs: hashOuts(stage, checker) };
  checker.cache.drop(badObjects);
  return { damaged };
}

function hashOuts(stage: Stage, checker: Checker): CachedOuts['outs'] {
  return stage.outs.map((out) => {
    const hashed = checker.hashes.hash(join(checker.root, out.path));
    if (!hashed)
      throw new Cd4mlError(
        'E_IO',
        `out '${out.path}' of stage '${stage.name}' vanished after the stage ran`,
      );
    return {
      path: out.path,
      hash: hashed.hash,
      size: hashed.size,
      ...(hashed.files ? { files: hashed.files } : {}),
    };
  });
}

/** A stage's cmd as the lock writes it: one command as a string, several as a list (as in the pipeline file). */
function lockedCmd(stage: Stage): string | string[] {
  return stage.cmd.length === 1 ? stage.cmd[0]! : stage.cmd;
}

function lockEntry(
  cmd: string | string[],
  decision: Extract<Decision, { key: string }>,
  outs: CachedOuts['outs'],
): LockEntry {
  return {
    cmd,
    ...(decision.deps.length > 0 ? { deps: decision.deps } : {}),
    ...(Object.keys(decision.params).length > 0 ? { params: decision.params } : {}),
    ...(outs.length > 0
      ? { outs: outs.map(({ path, hash, size }) => ({ path, hash, size })) }
      : {}),
  };
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0).replace(/\.0$/, '')}s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}m${Math.round((ms % 60_000) / 1000)}s`;
}

/** The last lines of a stage's log, for showing a failure. */
export function logTail(logFile: string, lines = 20): string {
  try {
    const text = readFileSync(logFile, 'utf8').trimEnd();
    return text.split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
