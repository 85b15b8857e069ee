import { appendFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { YamlSource } from '../yaml/source.js';
import { Cd4mlError } from '../errors.js';
import type { Stage } from '../pipeline/model.js';
import { readTextIfPresent } from '../fs/read.js';
import { writeTextDurably } from '../fs/write.js';

/**
 * `cd4ml.lock`: what each stage last ran with, in the shape of DVC's `dvc.lock` (cmd,
 * deps/outs with hash and size, params by file). Written as indented JSON — which is
 * also YAML, diffs as well, and reads and writes in a millisecond where a YAML dumper
 * takes ~15 ms for 200 stages — once per run, atomically, and only when something
 * changed; a stage that failed keeps its previous entry. A lock edited into block
 * YAML by hand still reads.
 *
 * Durability as stages finish: each finished stage's entry is also appended, as one line,
 * to the lock journal (`.cd4ml/lock-journal.jsonl`) the moment it finishes. The lock
 * itself is rewritten at the end of the run, and the journal is then removed; a run that
 * was killed leaves the journal, and every reader of the lock (the next run, `status`,
 * `gc`) applies it. An entry only ever says what a successful run of a stage read and
 * wrote, so applying one again, or after the lock changed, is harmless.
 */
export interface LockEntry {
  cmd: string | string[];
  deps?: Array<{ path: string; hash: string; size: number }>;
  params?: Record<string, Record<string, unknown>>;
  outs?: Array<{ path: string; hash: string; size: number }>;
}

export interface LockFile {
  schema: '2.0';
  stages: Record<string, LockEntry>;
}

export const LOCK_FILE = 'cd4ml.lock';
const LOCK_JOURNAL = join('.cd4ml', 'lock-journal.jsonl');

/** The project's lock with the journal of an interrupted run applied. */
export function readLockWithJournal(root: string): LockFile {
  const lock = readLock(join(root, LOCK_FILE));
  let text: string | undefined;
  try {
    text = readTextIfPresent(join(root, LOCK_JOURNAL));
  } catch {
    text = undefined;
  }
  if (text === undefined) return lock;
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const { stage, entry } = JSON.parse(line) as { stage: string; entry: LockEntry };
      if (typeof stage === 'string' && entry && typeof entry === 'object')
        lock.stages[stage] = entry;
    } catch {
      // A torn last line: that stage finished as the run died; it runs again.
    }
  }
  return lock;
}

/** Records one finished stage's entry at once (see the journal above). */
export function journalLockEntry(root: string, stage: string, entry: LockEntry): void {
  const path = join(root, LOCK_JOURNAL);
  try {
    appendFileSync(path, `${JSON.stringify({ stage, entry })}\n`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dirname(path), { recursive: true });
    appendFileSync(path, `${JSON.stringify({ stage, entry })}\n`);
  }
}

/** Drops the journal once the lock holds everything in it. */
export function clearLockJournal(root: string): void {
  // Asked first: removing what is not there (every run that recorded nothing) costs an exception.
  const path = join(root, LOCK_JOURNAL);
  if (existsSync(path)) rmSync(path, { force: true });
}

export function readLock(path: string): LockFile {
  let text: string | undefined;
  try {
    text = readTextIfPresent(path);
  } catch {
    // Unreadable: as good as missing.
  }
  if (text === undefined) return { schema: '2.0', stages: {} };
  let data: Partial<LockFile> | null;
  try {
    data = JSON.parse(text) as Partial<LockFile> | null;
  } catch {
    try {
      data = YamlSource.parse(text, path, 'E_IO').data as Partial<LockFile> | null;
    } catch (error) {
      throw new Cd4mlError(
        'E_IO',
        `the lock file is neither JSON nor YAML: ${(error as Error).message.split('\n')[0] ?? ''}`,
        {
          location: { file: path },
          hint: 'delete it to rebuild it: every stage will then be checked against the run-cache',
        },
      );
    }
  }
  return { schema: '2.0', stages: data?.stages ?? {} };
}

/** Writes the lock unless the file already says exactly this; returns whether it wrote. */
export function writeLock(path: string, lock: LockFile): boolean {
  const text = `${JSON.stringify(lock, null, 2)}\n`;
  let current: string | undefined;
  try {
    current = readTextIfPresent(path);
  } catch {
    current = undefined;
  }
  if (current === text) return false;
  // Flushed before the rename: after a power loss the lock is the old one or the new one.
  writeTextDurably(path, text);
  return true;
}

/** A stage's cmd as the lock writes it: as the pipeline file writes it (one string, or a list). */
export function lockedCmd(stage: Stage): string | string[] {
  return stage.lockCmd ?? (stage.cmd.length === 1 ? stage.cmd[0]! : stage.cmd);
}
