import { spawn } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';

export interface ProcessResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
}

/** Process groups of the stages running now, so an interrupted run can take them down too. */
export const runningGroups = new Set<number>();

/** How long a stage gets between SIGTERM and SIGKILL when it times out. */
export const KILL_GRACE_MS = 2000;

/**
 * Runs one shell command in its own process group, with stdout and stderr going
 * straight to a log file (no copying through this process). On timeout the whole
 * group is killed: first SIGTERM, then SIGKILL, so no grandchild outlives its stage.
 */
export function runShell(cmd: string, opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; timeoutMs: number | undefined; append: boolean; header: string }): Promise<ProcessResult> {
  const fd = openSync(opts.logFile, opts.append ? 'a' : 'w');
  writeSync(fd, opts.header);
  return new Promise((resolve) => {
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const child = spawn('/bin/sh', ['-c', cmd], { cwd: opts.cwd, env: opts.env, stdio: ['ignore', fd, fd], detached: true });
    if (child.pid !== undefined) runningGroups.add(child.pid);
    const killGroup = (signal: NodeJS.Signals): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const timer =
      opts.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            killGroup('SIGTERM');
            killTimer = setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS);
          }, opts.timeoutMs);
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null): void => {
      if (timer) clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      // Orphans of a killed or finished stage go too.
      if (timedOut || signal) killGroup('SIGKILL');
      if (child.pid !== undefined) runningGroups.delete(child.pid);
      closeSync(fd);
      resolve({ exitCode, signal, timedOut });
    };
    child.once('error', (error) => {
      writeSync(fd, `cd4ml: could not start the command: ${error.message}\n`);
      finish(127, null);
    });
    child.once('exit', (code, signal) => finish(code, signal));
  });
}

/** Kills every running stage's process group (Ctrl-C on `cd4ml run`). */
export function killRunningGroups(): void {
  for (const pid of runningGroups) {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
}
