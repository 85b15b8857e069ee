import { randomUUID } from 'node:crypto';
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Cd4mlError } from '../errors.js';
import { readTextIfPresent } from '../fs/read.js';

/** Who holds a workspace: enough to tell a live holder from a dead one, and to name it. */
export interface LockHolder {
  pid: number;
  /** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot), where /proc exists. */
  procStart?: string;
  host: string;
  startedAt: string;
  command: string;
  /** Unique per acquisition, so a holder releases only its own lock. */
  token: string;
}

export const WORKSPACE_LOCK = join('.cd4ml', 'run.lock');

/** A breaker older than this was left by a process that died while taking over a stale lock. */
const BREAKER_STALE_MS = 10_000;
/** How often a waiting run looks at the lock again. */
const WAIT_POLL_MS = 200;

export interface AcquireOptions {
  /** What the holder runs, for the message a second run prints, e.g. `cd4ml run --set a=1`. */
  command: string;
  /** Wait for the holder to finish instead of refusing. */
  wait?: boolean;
  /** Called once when the run starts waiting (and with each new holder after that). */
  onWait?: (holder: LockHolder) => void;
  /** Called when a lock left by a dead process was taken over. */
  onStale?: (holder: LockHolder) => void;
}

export interface WorkspaceLock {
  holder: LockHolder;
  /** Removes the lock if it is still ours; safe to call more than once, from any exit path. */
  release: () => void;
}

/** Start time of a process as /proc tells it, to tell a live holder from a reused pid. */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether the process that wrote this holder is still running (the same process, not a reused pid). */
function holderAlive(holder: LockHolder): boolean {
  // Another machine's process (a shared network disk) cannot be checked: assume it lives.
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (holder.procStart === undefined) return true;
  const now = processStart(holder.pid);
  return now === undefined || now === holder.procStart;
}

function readHolder(path: string): { text: string; holder: LockHolder | undefined } | undefined {
  const text = readTextIfPresent(path);
  if (text === undefined) return undefined;
  try {
    const holder = JSON.parse(text) as LockHolder;
    return { text, holder: typeof holder.pid === 'number' ? holder : undefined };
  } catch {
    // Written whole by link(), so never torn: anything unreadable was not written by cd4ml.
    return { text, holder: undefined };
  }
}

/** The current holder of a workspace, or undefined when it is free (or held by a dead process). */
export function workspaceHolder(root: string): LockHolder | undefined {
  const seen = readHolder(join(root, WORKSPACE_LOCK));
  return seen?.holder && holderAlive(seen.holder) ? seen.holder : undefined;
}

export function describeHolder(holder: LockHolder): string {
  return `pid ${holder.pid}${holder.host !== hostname() ? ` on ${holder.host}` : ''}, started ${holder.startedAt}: ${holder.command}`;
}

/**
 * Takes the workspace lock `.cd4ml/run.lock`: one run (or gc) per workspace at a time.
 * Created whole and atomically (written under a temporary name, then hard-linked into
 * place, which fails if the lock exists). A lock whose holder is dead — its pid gone, or
 * taken by another process since (its start time differs) — is taken over; a live holder
 * makes this throw E_USAGE naming it, or wait when `wait` is set.
 */
export async function acquireWorkspaceLock(
  root: string,
  opts: AcquireOptions,
): Promise<WorkspaceLock> {
  const dir = join(root, '.cd4ml');
  mkdirSync(dir, { recursive: true });
  const path = join(root, WORKSPACE_LOCK);
  const procStart = processStart(process.pid);
  const holder: LockHolder = {
    pid: process.pid,
    ...(procStart !== undefined ? { procStart } : {}),
    host: hostname(),
    startedAt: new Date().toISOString(),
    command: opts.command,
    token: randomUUID(),
  };
  const text = `${JSON.stringify(holder)}\n`;
  const tmp = `${path}.${process.pid}.${holder.token.slice(0, 8)}.tmp`;
  writeFileSync(tmp, text);
  // A run stopped while it waits (Ctrl-C exits from a signal handler) leaves no temp file.
  const dropTmp = (): void => unlinkQuietly(tmp);
  process.once('exit', dropTmp);
  let waitingFor: string | undefined;
  try {
    for (;;) {
      try {
        linkSync(tmp, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const seen = readHolder(path);
      if (!seen) continue; // Released between our link and our read.
      if (!seen.holder || !holderAlive(seen.holder)) {
        if (breakStale(path, seen.text) && seen.holder) opts.onStale?.(seen.holder);
        continue;
      }
      if (!opts.wait) {
        throw new Cd4mlError(
          'E_USAGE',
          `another cd4ml run holds this workspace (${describeHolder(seen.holder)})`,
          {
            location: { file: path },
            hint: 'wait for it to finish, or pass --wait to queue behind it; if that process is gone, the lock is taken over automatically',
          },
        );
      }
      if (waitingFor !== seen.holder.token) {
        waitingFor = seen.holder.token;
        opts.onWait?.(seen.holder);
      }
      await delay(WAIT_POLL_MS);
    }
  } finally {
    process.off('exit', dropTmp);
    dropTmp();
  }
  let released = false;
  return {
    holder,
    release() {
      if (released) return;
      released = true;
      const current = readHolder(path);
      if (current?.holder?.token === holder.token) unlinkQuietly(path);
    },
  };
}

/**
 * Removes a stale lock, unless someone replaced it meanwhile. Two runs may find the same
 * stale lock: a breaker file (O_EXCL) lets one of them remove it, and the lock is removed
 * only while it still holds the text judged stale, so a fresh lock is never removed.
 */
function breakStale(path: string, staleText: string): boolean {
  const breaker = `${path}.break`;
  let fd: number;
  try {
    fd = openSync(breaker, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Another run is breaking it; a breaker left by a crash is cleared after a while.
    try {
      if (Date.now() - statSync(breaker).mtimeMs > BREAKER_STALE_MS)
        rmSync(breaker, { force: true });
    } catch {
      // Gone already.
    }
    return false;
  }
  closeSync(fd);
  try {
    // Only breaker holders remove a lock, and a live run cannot create one while the stale
    // one is in place: if it still holds the text judged stale, it is that stale lock.
    if (readHolder(path)?.text !== staleText) return false;
    unlinkSync(path);
    return true;
  } finally {
    rmSync(breaker, { force: true });
  }
}

/** `unlink`, for a file that is there in all but a lost race (rmSync's generality costs more). */
function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
