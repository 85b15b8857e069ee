import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { Cd4mlError } from '../errors.js';

/**
 * `cd4ml.lock`: what each stage last ran with, in the shape of DVC's `dvc.lock`
 * (cmd, deps/outs with md5 and size, params by file). Written once per run,
 * atomically; a stage that failed keeps its previous entry.
 */
export interface LockEntry {
  cmd: string | string[];
  deps?: Array<{ path: string; md5: string; size: number }>;
  params?: Record<string, Record<string, unknown>>;
  outs?: Array<{ path: string; md5: string; size: number }>;
}

export interface LockFile {
  schema: '2.0';
  stages: Record<string, LockEntry>;
}

export const LOCK_FILE = 'cd4ml.lock';

export function readLock(path: string): LockFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { schema: '2.0', stages: {} };
  }
  try {
    const data = parse(text) as Partial<LockFile> | null;
    return { schema: '2.0', stages: data?.stages ?? {} };
  } catch (error) {
    throw new Cd4mlError('E_IO', `the lock file is not valid YAML: ${(error as Error).message.split('\n')[0] ?? ''}`, {
      location: { file: path },
      hint: 'delete it to rebuild it: every stage will then be checked against the run-cache',
    });
  }
}

export function writeLock(path: string, lock: LockFile): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, stringify(lock, { lineWidth: 0 }));
  renameSync(tmp, path);
}
