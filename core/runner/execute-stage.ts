import { join } from 'node:path';
import { formatLocation } from '../errors.js';
import type { Stage } from '../pipeline/model.js';
import type { StageResult } from '../run-record/schema.js';
import { pinpoint } from '../yaml/source.js';
import { runAttempts } from './attempts.js';
import type { CachedOuts } from './cache.js';
import { checkOuts } from './check-outs.js';
import { decide, type Checker, type Decision } from './decide.js';
import { lockedCmd, type LockEntry } from './lock-file.js';
import type { ShellPool } from './process.js';
import { hashOuts, restoreVerified } from './restore.js';
import type { RunEvent } from './run.js';
import { failedOutcome, lockEntry, type StageOutcome } from './stage-outcome.js';
import { logName } from './state.js';

/** What a stage's execution shares with the rest of the run. */
export interface StageContext {
  checker: Checker;
  shells: ShellPool;
  /** Out directories this run has already made, so each costs one mkdir. */
  madeDirs: Set<string>;
  logs: string;
  emit: (event: RunEvent) => void;
}

/** When a stage started and where its log goes. */
interface StageStart {
  started: number;
  startedAt: string;
  logFile: string;
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
  const start = { started, startedAt, logFile };
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
    const where = formatLocation(pinpoint(stage.location, { key: true }));
    const reason = `stage '${stage.name}' cannot start: ${missing.replace('dep missing: ', 'its dep ')} is missing (${where})`;
    return failedOutcome(logFile, { attempts: 0, durationMs: 0, startedAt, reason });
  }
  let reasons = decision.reasons;
  if (decision.action === 'restore' && decision.cached) {
    const restored = restoreVerified(stage, checker, decision.cached);
    if ('outs' in restored) return restoredOutcome(stage, checker, decision, restored.outs, start);
    // Never hand a dependent stage bytes that are not what the run-cache entry recorded.
    reasons = [...reasons, ...restored.damaged.map((path) => `run-cache copy damaged: ${path}`)];
  }
  return runStage(stage, ctx, decision, reasons, start);
}

/** A stage restored from the run-cache: cached, unless its checks on the restored outs fail. */
async function restoredOutcome(
  stage: Stage,
  checker: Checker,
  decision: Extract<Decision, { key: string }>,
  outs: CachedOuts['outs'],
  { started, startedAt, logFile }: StageStart,
): Promise<StageOutcome> {
  const checked = await checkOuts(stage, checker.root);
  const durationMs = Date.now() - started;
  if (checked.failure)
    return failedOutcome(logFile, { attempts: 0, durationMs, startedAt, ...checked.failure });
  return {
    result: {
      status: 'cached',
      attempts: 0,
      durationMs,
      startedAt,
      reason: decision.reasons.join(', '),
      outs: Object.fromEntries(outs.map((o) => [o.path, o.hash])),
      ...checked.recorded,
    },
    lock: lockEntry(lockedCmd(stage), decision, outs),
    logFile,
  };
}

/** A stage run with its retries; its outs are hashed and cached later, by `finish`. */
async function runStage(
  stage: Stage,
  ctx: StageContext,
  decision: Extract<Decision, { key: string }>,
  reasons: string[],
  { started, startedAt, logFile }: StageStart,
): Promise<StageOutcome> {
  const { checker } = ctx;
  const run = await runAttempts(stage, ctx, reasons, logFile);
  const { attempts, exitCode } = run;
  if (run.failure !== undefined) {
    const durationMs = Date.now() - started;
    return failedOutcome(logFile, {
      attempts,
      durationMs,
      startedAt,
      exitCode,
      reason: run.failure,
    });
  }
  const checked = await checkOuts(stage, checker.root);
  const durationMs = Date.now() - started;
  if (checked.failure)
    return failedOutcome(logFile, {
      attempts,
      durationMs,
      startedAt,
      exitCode,
      ...checked.failure,
    });
  const ran = { status: 'ran', attempts, durationMs, startedAt, exitCode: 0 } as const;
  // Hashing the outs and caching them waits until the scheduler has started what this
  // stage unblocked: the bookkeeping overlaps with the next stages instead of delaying them.
  const finish = (): { result: StageResult; lock: LockEntry } => {
    const outs = hashOuts(stage, checker);
    checker.cache.save(decision.key, checker.root, outs);
    return {
      result: {
        ...ran,
        reason: reasons.join(', '),
        outs: Object.fromEntries(outs.map((o) => [o.path, o.hash])),
        ...checked.recorded,
      },
      lock: lockEntry(lockedCmd(stage), decision, outs),
    };
  };
  return { result: { ...ran, ...checked.recorded }, lock: undefined, logFile, finish };
}
