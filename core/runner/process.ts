import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
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
function supervise(pid: number, timeoutMs: number | undefined): { timedOut: () => boolean; stop: (killStragglers: boolean) => void } {
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

const SETSID = ['/usr/bin/setsid', '/bin/setsid'].find((path) => existsSync(path));

interface Waiter {
  onPid: (pid: number) => void;
  onExit: (code: number) => void;
}

/**
 * A long-lived `/bin/sh` that starts stage commands for us. Forking this small shell
 * costs a fraction of forking Node (which copies the page tables of a large process),
 * and the log redirection happens in the shell too — so the scheduler's thread does
 * little more than write a line per command. Each command runs under `setsid`, in a
 * process group of its own, so a timeout can kill its whole tree.
 */
class ShellWorker {
  private readonly child: ChildProcessByStdio<Writable, Readable, null>;
  private waiter: Waiter | undefined;
  private buffer = '';
  dead = false;

  constructor() {
    this.child = spawn('/bin/sh', ['-s'], { stdio: ['pipe', 'pipe', 'ignore'], detached: true });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      this.buffer += chunk;
      let newline: number;
      while ((newline = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, newline);
        this.buffer = this.buffer.slice(newline + 1);
        if (line.startsWith('P ')) this.waiter?.onPid(Number(line.slice(2)));
        else if (line.startsWith('E ')) {
          const waiter = this.waiter;
          this.waiter = undefined;
          waiter?.onExit(Number(line.slice(2)));
        }
      }
    });
    this.child.on('exit', () => {
      this.dead = true;
      const waiter = this.waiter;
      this.waiter = undefined;
      waiter?.onExit(127);
    });
    this.child.stdin.on('error', () => undefined);
  }

  run(command: ShellCommand, waiter: Waiter): void {
    this.waiter = waiter;
    const exports = Object.entries(command.env)
      .map(([key, value]) => `export ${key}=${quote(value)}`)
      .join('; ');
    const script = [
      `printf '%s' ${quote(command.header)} ${command.append ? '>>' : '>'} ${quote(command.logFile)}`,
      `(cd ${quote(command.cwd)} && ${exports ? `${exports} && ` : ''}exec ${SETSID ?? ''} /bin/sh -c ${quote(command.cmd)}) >> ${quote(command.logFile)} 2>&1 < /dev/null &`,
      'echo "P $!"',
      'wait $!',
      'echo "E $?"',
      '',
    ].join('\n');
    this.child.stdin.write(script);
  }

  close(): void {
    this.child.stdin.end();
  }
}

/** Starts stage commands through a few reusable shells (one per job slot). */
export class ShellPool {
  private readonly idle: ShellWorker[] = [];
  private readonly all = new Set<ShellWorker>();

  run(command: ShellCommand): Promise<ProcessResult> {
    if (!SETSID || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(Object.keys(command.env).join('_') || 'x')) return runShell(command);
    let worker = this.idle.pop();
    while (worker?.dead) worker = this.idle.pop();
    if (!worker) {
      worker = new ShellWorker();
      this.all.add(worker);
    }
    const chosen = worker;
    return new Promise((resolve) => {
      let watch: ReturnType<typeof supervise> | undefined;
      chosen.run(command, {
        onPid: (pid) => {
          watch = supervise(pid, command.timeoutMs);
        },
        onExit: (code) => {
          const timedOut = watch?.timedOut() ?? false;
          // `wait` reports death by signal N as 128 + N.
          const signal = code > 128 && code < 160 ? signalName(code - 128) : null;
          watch?.stop(signal !== null);
          if (!chosen.dead) this.idle.push(chosen);
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

function signalName(number: number): NodeJS.Signals | null {
  const names: Record<number, NodeJS.Signals> = { 1: 'SIGHUP', 2: 'SIGINT', 3: 'SIGQUIT', 6: 'SIGABRT', 9: 'SIGKILL', 13: 'SIGPIPE', 15: 'SIGTERM' };
  return names[number] ?? 'SIGTERM';
}

/**
 * Runs one shell command directly from Node, in its own process group, output to the
 * log file. The fallback where `setsid` is missing (it is part of util-linux).
 */
export function runShell(command: ShellCommand): Promise<ProcessResult> {
  const fd = openSync(command.logFile, command.append ? 'a' : 'w');
  writeSync(fd, command.header);
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command.cmd], { cwd: command.cwd, env: { ...process.env, ...command.env }, stdio: ['ignore', fd, fd], detached: true });
    const watch = child.pid === undefined ? undefined : supervise(child.pid, command.timeoutMs);
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null): void => {
      watch?.stop(signal !== null);
      closeSync(fd);
      resolve({ exitCode, signal, timedOut: watch?.timedOut() ?? false });
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
