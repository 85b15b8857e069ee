import { existsSync, lstatSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pRetry from 'p-retry';
import { formatDuration } from '../compare/format.js';
import { formatLocation } from '../errors.js';
import type { Stage } from '../pipeline/model.js';
import { pinpoint } from '../yaml/source.js';
import type { StageContext } from './execute-stage.js';

/** How a stage's attempts ended: how many started, the last exit code, and why they failed. */
interface Attempts {
  attempts: number;
  exitCode: number | null;
  /** Why the last attempt failed, naming the stage; absent when one succeeded. */
  failure?: string;
}

/** Runs a stage's commands until an attempt succeeds or its retries are spent. */
export async function runAttempts(
  stage: Stage,
  ctx: StageContext,
  reasons: string[],
  logFile: string,
): Promise<Attempts> {
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
    const failure = `stage '${stage.name}' ${(error as Error).message}${attempts > 1 ? ` (attempt ${attempt} of ${attempts})` : ''}`;
    return { attempts: attempt, exitCode: lastExit, failure };
  }
  return { attempts: attempt, exitCode: lastExit };
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
