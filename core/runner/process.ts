import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';

export interface ProcessResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
}

export interface ShellCommand {
  cmd: string;
  cwd: string;
  /** Variables added to this process's environment for the command. */
  env: Record<string, string>;
  logFile: string;
  /** Append to the log (a retry, or the next command of a stage) instead of starting it afresh. */
  append: boolean;
  /** First line written to the log, e.g. `$ python train.py`. */
  header: string;
  timeoutMs: number | undefined;
}

/** Process groups of the stages running now, so an interrupted run can take them down too. */
export const runningGroups = new Set<number>();

/** How long a stage gets between SIGTERM and SIGKILL when it times out. */
export const KILL_GRACE_MS = 2000;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Watches a started command: on timeout, SIGTERM to its group, then SIGKILL after a grace period. */
function supervise(
  pid: number,
  timeoutMs: number | undefined,
): { timedOut: () => boolean; stop: (killStragglers: boolean) => void } {
  runningGroups.add(pid);
  let timedOut = false;
  let killTimer: NodeJS.Timeout | undefined;
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          killGroup(pid, 'SIGTERM');
          killTimer = setTimeout(() => killGroup(pid, 'SIGKILL'), KILL_GRACE_MS);
        }, timeoutMs);
  return {
    timedOut: () => timedOut,
    stop(killStragglers) {
      if (timer) clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      // Grandchildren of a killed or timed-out stage go with it.
      if (killStragglers || timedOut) killGroup(pid, 'SIGKILL');
      runningGroups.delete(pid);
    },
  };
}

const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * Started in the background of every stage's process group: it blocks reading fd 3, a
 * pipe whose other end only the runner holds. A newline there means the runner is done
 * with the group (exit quietly); end of file means the runner died — by any signal, even
 * SIGKILL, which no handler sees — so it kills the whole group, stage and all, before a
 * new run can take the workspace. Stage commands run with fd 3 closed.
 */
const WATCHDOG = `(trap '' TERM INT HUP; if read -r _ <&3; then exit 0; fi; kill -KILL 0) </dev/null >/dev/null 2>&1 &`;

/** Tells a group's watchdog that the runner is done with it, so it exits without killing. */
function dismissWatchdog(pipe: unknown): void {
  const socket = pipe as (Writable & { unref?: () => void }) | null | undefined;
  if (!socket) return;
  socket.on('error', () => undefined);
  socket.end('\n');
  socket.unref?.();
}

interface Waiter {
  onExit: (code: number) => void;
}

/**
 * A long-lived `/bin/sh` that runs stage commands for us, one at a time, each in a
 * subshell: forking this small shell costs a fraction of forking Node (which copies the
 * page tables of a large process), and the log redirection happens in the shell too, so
 * the scheduler's thread does little more than write a few lines per command. The worker
 * leads a process group of its own: a timeout kills that whole group (the command's whole
 * tree, and the worker with it; the pool starts a new one), and so does the group's
 * watchdog (`WATCHDOG`) when the runner dies without a word.
 */
class ShellWorker {
  private readonly child: ChildProcess & { stdin: Writable; stdout: Readable };
  private waiter: Waiter | undefined;
  private buffer = '';
  private watched = false;
  readonly pid: number | undefined;
  dead = false;

  constructor() {
    this.child = spawn('/bin/sh', ['-s'], {
      stdio: ['pipe', 'pipe', 'ignore', 'pipe'],
      detached: true,
    }) as ChildProcess & { stdin: Writable; stdout: Readable };
    this.pid = this.child.pid;
    this.child.stdio[3]?.on('error', () => undefined);
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      this.buffer += chunk;
      let newline: number;
      while ((newline = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, newline);
        this.buffer = this.buffer.slice(newline + 1);
        if (line.startsWith('E ')) this.finish(Number(line.slice(2)));
      }
    });
    this.child.on('exit', (code, signal) => {
      this.dead = true;
      this.finish(signal ? 128 + (signalNumber[signal] ?? 15) : (code ?? 127));
    });
    this.child.on('error', () => {
      this.dead = true;
      this.finish(127);
    });
    this.child.stdin.on('error', () => undefined);
  }

  private finish(code: number): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.onExit(code);
  }

  run(command: ShellCommand, waiter: Waiter): void {
    this.waiter = waiter;
    const exports = Object.entries(command.env)
      .map(([key, value]) => `export ${key}=${quote(value)}`)
      .join('; ');
    // `eval` in a subshell is what `sh -c` does, minus an exec: the command's exit status,
    // `exit N` and its variables stay inside the subshell. The log is opened once, for the
    // header and the output.
    const script = [
      // Started with the first command, not with the worker: a run where nothing needs to
      // run (most of them) forks no watchdogs.
      ...(this.watched ? [] : [WATCHDOG]),
      `{ printf '%s' ${quote(command.header)}; (cd ${quote(command.cwd)} && ${exports ? `${exports} && ` : ''}eval ${quote(command.cmd)}) < /dev/null 3<&-; } ${command.append ? '>>' : '>'} ${quote(command.logFile)} 2>&1`,
      'echo "E $?"',
      '',
    ].join('\n');
    this.watched = true;
    this.child.stdin.write(script);
  }

  close(): void {
    this.child.stdin.end();
    dismissWatchdog(this.child.stdio[3]);
  }
}

const signalNumber: Partial<Record<NodeJS.Signals, number>> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGABRT: 6,
  SIGKILL: 9,
  SIGPIPE: 13,
  SIGTERM: 15,
};

/** Starts stage commands through a few reusable shells (one per job slot). */
export class ShellPool {
  private readonly idle: ShellWorker[] = [];
  private readonly all = new Set<ShellWorker>();

  /**
   * Starts up to `count` shells now rather than at the first stage: a fork costs less
   * while Node is still small, and the shells start up while the pipeline is being read.
   */
  prestart(count: number): this {
    for (let i = this.all.size; i < count; i++) {
      const worker = new ShellWorker();
      this.all.add(worker);
      this.idle.push(worker);
    }
    return this;
  }

  run(command: ShellCommand): Promise<ProcessResult> {
    // Names that are not shell identifiers cannot be exported by the worker.
    if (!Object.keys(command.env).every((key) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)))
      return runShell(command);
    let worker = this.idle.pop();
    while (worker?.dead) worker = this.idle.pop();
    if (!worker) {
      worker = new ShellWorker();
      this.all.add(worker);
    }
    const chosen = worker;
    if (chosen.pid === undefined) return runShell(command);
    const watch = supervise(chosen.pid, command.timeoutMs);
    return new Promise((resolve) => {
      chosen.run(command, {
        onExit: (code) => {
          const timedOut = watch.timedOut();
          // The shell reports death by signal N as 128 + N.
          const signal = code > 128 && code < 160 ? signalName(code - 128) : null;
          // Only a timeout kills the group here: it holds the worker, which lives on otherwise.
          watch.stop(false);
          if (chosen.dead) this.all.delete(chosen);
          else this.idle.push(chosen);
          resolve({ exitCode: signal ? null : code, signal, timedOut });
        },
      });
    });
  }

  close(): void {
    for (const worker of this.all) worker.close();
    this.all.clear();
    this.idle.length = 0;
  }
}

function signalName(number: number): NodeJS.Signals {
  return (
    (Object.entries(signalNumber).find(([, n]) => n === number)?.[0] as
      NodeJS.Signals | undefined) ?? 'SIGTERM'
  );
}

/**
 * Runs one shell command directly from Node, in its own process group, output to the
 * log file: for what the shell workers cannot do (an env name that is not a shell
 * identifier) or when a worker could not be started.
 */
export function runShell(command: ShellCommand): Promise<ProcessResult> {
  const fd = openSync(command.logFile, command.append ? 'a' : 'w');
  writeSync(fd, command.header);
  return new Promise((resolve) => {
    // `$1` is the command (cleared before it runs, as `sh -c` would leave no arguments); the
    // shell's own exit status is then the command's.
    const script = `${WATCHDOG}\n(__cd4ml_cmd=$1; set --; eval "$__cd4ml_cmd") 3<&-`;
    const child = spawn('/bin/sh', ['-c', script, 'sh', command.cmd], {
      cwd: command.cwd,
      env: { ...process.env, ...command.env },
      stdio: ['ignore', fd, fd, 'pipe'],
      detached: true,
    });
    child.stdio[3]?.on('error', () => undefined);
    const watch = child.pid === undefined ? undefined : supervise(child.pid, command.timeoutMs);
    const finish = (code: number | null, killedBy: NodeJS.Signals | null): void => {
      dismissWatchdog(child.stdio[3]);
      // The shell reports its command's death by signal N as 128 + N.
      const signal =
        killedBy ?? (code !== null && code > 128 && code < 160 ? signalName(code - 128) : null);
      watch?.stop(signal !== null);
      closeSync(fd);
      resolve({
        exitCode: signal ? null : code,
        signal,
        timedOut: watch?.timedOut() ?? false,
      });
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
  for (const pid of runningGroups) killGroup(pid, 'SIGTERM');
}
