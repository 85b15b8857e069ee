import { existsSync, lstatSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pRetry from 'p-retry';
import { runStageChecks } from '../checks/evaluate.js';
import { formatDuration } from '../compare/format.js';
import { formatLocation } from '../errors.js';
import type { Stage } from '../pipeline/model.js';
import type { StageResult } from '../run-record/schema.js';
import { pinpoint } from '../yaml/source.js';
import type { CachedOuts } from './cache.js';
import { decide, type Checker, type Decision } from './decide.js';
import { lockedCmd, type LockEntry } from './lock-file.js';
import type { ShellPool } from './process.js';
import { hashOuts, restoreVerified } from './restore.js';
import type { RunEvent } from './run.js';
import { logName } from './state.js';

export interface StageOutcome {
  result: StageResult;
  lock: LockEntry | undefined;
  logFile: string;
  /** For a stage that ran: records its outs (hash, cache, lock entry); called after scheduling. */
  finish?: () => { result: StageResult; lock: LockEntry };
}

/** What a stage's execution shares with the rest of the run. */
export interface StageContext {
  checker: Checker;
  shells: ShellPool;
  /** Out directories this run has already made, so each costs one mkdir. */
  madeDirs: Set<string>;
  logs: string;
  emit: (event: RunEvent) => void;
}

/**
 * One stage: skipped when unchanged, restored (verified) from the run-cache when it can
 * be, otherwise run with its retries and timeout.
 */
export async function executeStage(stage: Stage, ctx: StageContext): Promise<StageOutcome> {
  const { checker } = ctx;
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const logFile = join(ctx.logs, logName(stage.name));
  const decision = decide(stage, checker);
  if (decision.action === 'unchanged') {
    return {
      result: {
        status: 'unchanged',
        attempts: 0,
        durationMs: Date.now() - started,
        startedAt,
        ...(decision.reasons.length > 0 ? { reason: decision.reasons.join(', ') } : {}),
      },
      lock: decision.adopted ?? checker.lock.stages[stage.name],
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
      const checked = await checkOuts(stage, checker.root);
      if (checked.failure)
        return {
          result: {
            status: 'failed',
            attempts: 0,
            durationMs: Date.now() - started,
            startedAt,
            ...checked.failure,
          },
          lock: undefined,
          logFile,
        };
      return {
        result: {
          status: 'cached',
          attempts: 0,
          durationMs: Date.now() - started,
          startedAt,
          reason: reasons.join(', '),
          outs: Object.fromEntries(restored.outs.map((o) => [o.path, o.hash])),
          ...checked.recorded,
        },
        lock: lockEntry(lockedCmd(stage), decision, restored.outs),
        logFile,
      };
    }
    // Never hand a dependent stage bytes that are not what the run-cache entry recorded.
    reasons = [...reasons, ...restored.damaged.map((path) => `run-cache copy damaged: ${path}`)];
  }
  return runStage(stage, ctx, decision, reasons, { started, startedAt, logFile });
}

async function runStage(
  stage: Stage,
  ctx: StageContext,
  decision: Extract<Decision, { key: string }>,
  reasons: string[],
  { started, startedAt, logFile }: { started: number; startedAt: string; logFile: string },
): Promise<StageOutcome> {
  const { checker } = ctx;
  const attempts = stage.retries + 1;
  let attempt = 0;
  let lastExit: number | null = null;
  try {
    await pRetry(
      async () => {
        attempt += 1;
        ctx.emit({ type: 'start', stage: stage.name, attempt, reasons });
        lastExit = await runAttempt(stage, ctx, attempt, logFile);
      },
      {
        retries: stage.retries,
        minTimeout: 100,
        factor: 2,
        onFailedAttempt: (error) => {
          if (error.retriesLeft > 0)
            ctx.emit({
              type: 'retry',
              stage: stage.name,
              attempt: error.attemptNumber,
              message: error.message,
            });
        },
      },
    );
  } catch (error) {
    if (error instanceof AttemptError) lastExit = error.exitCode;
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
  const checked = await checkOuts(stage, checker.root);
  const durationMs = Date.now() - started;
  if (checked.failure)
    return {
      result: {
        status: 'failed',
        attempts: attempt,
        durationMs,
        startedAt,
        exitCode: lastExit,
        ...checked.failure,
      },
      lock: undefined,
      logFile,
    };
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
        ...checked.recorded,
      },
      lock: lockEntry(lockedCmd(stage), decision, outs),
    };
  };
  return {
    result: {
      status: 'ran',
      attempts: attempt,
      durationMs,
      startedAt,
      exitCode: 0,
      ...checked.recorded,
    },
    lock: undefined,
    logFile,
    finish,
  };
}

/**
 * The stage's checks on its outs, after its command or a restore from the run-cache: a
 * failed check fails the stage, its outs are not cached and the stages after it do not run.
 */
async function checkOuts(
  stage: Stage,
  root: string,
): Promise<{
  recorded: Pick<StageResult, 'checks'>;
  failure?: Pick<StageResult, 'checks' | 'reason'>;
}> {
  if (stage.checks.length === 0) return { recorded: {} };
  const checks = await runStageChecks(root, stage.checks);
  const failed = checks.filter((c) => c.status === 'fail');
  if (failed.length === 0) return { recorded: { checks } };
  return {
    recorded: { checks },
    failure: {
      checks,
      reason: `stage '${stage.name}' failed ${failed.length} check${failed.length > 1 ? 's' : ''} on its outs (checks at ${formatLocation(pinpoint(stage.checks[0]!.location))}): ${failed.map((c) => c.message).join('; ')}`,
    },
  };
}

/** A failed attempt, with the exit code of the command that failed (null when killed). */
class AttemptError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
  ) {
    super(message);
  }
}

/** One attempt: clear the outs, run each command in turn, check the outs were written. */
async function runAttempt(
  stage: Stage,
  ctx: StageContext,
  attempt: number,
  logFile: string,
): Promise<number | null> {
  const { checker, shells } = ctx;
  // DVC's variables too (dvc/stage/run.py), so a script written for `dvc repro` runs as it did.
  const env = {
    DVC_ROOT: process.env.DVC_ROOT ?? checker.root,
    ...stage.env,
    CD4ML_ROOT: checker.root,
    CD4ML_STAGE: stage.name,
    DVC_STAGE: stage.name,
  };
  const cwd = join(checker.root, stage.wdir);
  const attempts = stage.retries + 1;
  for (const out of stage.outs) {
    const abs = join(checker.root, out.path);
    checker.hashes.forget(abs);
    // Checked first: removing what is not there costs an exception inside rmSync.
    if (!out.persist && lstatSync(abs, { throwIfNoEntry: false }))
      rmSync(abs, { recursive: true, force: true });
    ensureParent(abs, ctx.madeDirs);
  }
  let exitCode: number | null = null;
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
    exitCode = outcome.exitCode;
    if (outcome.timedOut)
      throw new AttemptError(
        `timed out after ${formatDuration(stage.timeoutMs ?? 0)} (timeout set at ${formatLocation(pinpoint(stage.timeoutLocation ?? stage.location))}); its process tree was killed`,
        exitCode,
      );
    if (outcome.exitCode !== 0) {
      throw new AttemptError(
        outcome.signal
          ? `was killed by ${outcome.signal}`
          : `exited with code ${outcome.exitCode ?? '?'}: ${cmd}`,
        exitCode,
      );
    }
  }
  const absent = stage.outs.filter((out) => !existsSync(join(checker.root, out.path)));
  if (absent.length > 0)
    throw new AttemptError(
      `finished but did not write its out${absent.length > 1 ? 's' : ''} ${absent.map((o) => `'${o.path}'`).join(', ')}`,
      exitCode,
    );
  return exitCode;
}

/** Creates an out's parent directory once per run, not once per stage. */
function ensureParent(path: string, made: Set<string>): void {
  const parent = dirname(path);
  if (made.has(parent)) return;
  mkdirSync(parent, { recursive: true });
  made.add(parent);
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
