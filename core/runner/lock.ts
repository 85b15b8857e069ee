import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileStamp } from '../fs/stamp.js';
import { join } from 'node:path';
import { dump, load } from 'js-yaml';
import { Cd4mlError } from '../errors.js';

/**
 * `cd4ml.lock`: what each stage last ran with, in the shape of DVC's `dvc.lock`
 * (cmd, deps/outs with hash and size, params by file). Written once per run,
 * atomically, and only when something changed; a stage that failed keeps its
 * previous entry. A JSON twin in `.cd4ml/tmp` spares a no-op run the YAML parse.
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

export function readLock(path: string, tmpDir: string): LockFile {
  const current = fileStamp(path);
  if (current === undefined) return { schema: '2.0', stages: {} };
  const twin = join(tmpDir, 'lock.json');
  try {
    const cached = JSON.parse(readFileSync(twin, 'utf8')) as { stamp: string; lock: LockFile };
    if (cached.stamp === current) return cached.lock;
  } catch {
    // No twin yet.
  }
  let lock: LockFile;
  try {
    const data = load(readFileSync(path, 'utf8')) as Partial<LockFile> | null;
    lock = { schema: '2.0', stages: data?.stages ?? {} };
  } catch (error) {
    throw new Cd4mlError('E_IO', `the lock file is not valid YAML: ${(error as Error).message.split('\n')[0] ?? ''}`, {
      location: { file: path },
      hint: 'delete it to rebuild it: every stage will then be checked against the run-cache',
    });
  }
  writeTwin(twin, current, lock);
  return lock;
}

/** Writes the lock if it differs from `previous`; returns whether it wrote. */
export function writeLock(path: string, lock: LockFile, previous: LockFile, tmpDir: string): boolean {
  if (fileStamp(path) !== undefined && JSON.stringify(lock) === JSON.stringify(previous)) return false;
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, dump(lock, { lineWidth: -1, noRefs: true }));
  renameSync(tmp, path);
  const current = fileStamp(path);
  if (current !== undefined) writeTwin(join(tmpDir, 'lock.json'), current, lock);
  return true;
}

function writeTwin(path: string, current: string, lock: LockFile): void {
  mkdirSync(join(path, '..'), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ stamp: current, lock }));
  renameSync(tmp, path);
}
