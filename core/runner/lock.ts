import { renameSync, writeFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { Cd4mlError } from '../errors.js';
import { readTextIfPresent } from '../fs/read.js';

/**
 * `cd4ml.lock`: what each stage last ran with, in the shape of DVC's `dvc.lock` (cmd,
 * deps/outs with hash and size, params by file). Written as indented JSON — which is
 * also YAML, diffs as well, and reads and writes in a millisecond where a YAML dumper
 * takes ~15 ms for 200 stages — once per run, atomically, and only when something
 * changed; a stage that failed keeps its previous entry. A lock edited into block
 * YAML by hand still reads.
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
      data = load(text) as Partial<LockFile> | null;
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
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
  return true;
}
