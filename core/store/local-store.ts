import { mkdir, readdir, readFile, rename, writeFile, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunRecord } from '../run-record/schema.js';

/**
 * The local run store: `.cd4ml/runs/<commit>/<run id>/cd4ml-run.json`, plus the files a
 * record points to (per-example predictions). On a laptop it plays the part that
 * workflow artifacts play in CI, so `history` and `compare --base` need no server.
 */
export interface StoredRun {
  /** Directory holding `cd4ml-run.json` and its attachments. */
  dir: string;
  record: RunRecord;
}

export const RECORD_FILE = 'cd4ml-run.json';

export function runStoreDir(root: string): string {
  return join(root, '.cd4ml', 'runs');
}

function commitKey(record: RunRecord): string {
  return record.git.commit ?? 'no-commit';
}

/**
 * Saves a record (and copies its attachments) atomically: written under a temporary
 * name and renamed, so a reader never sees half a run.
 */
export async function saveRun(
  root: string,
  record: RunRecord,
  attachments: Record<string, string> = {},
): Promise<StoredRun> {
  const dir = join(runStoreDir(root), commitKey(record), record.id);
  const tmp = `${dir}.tmp-${process.pid}`;
  await mkdir(tmp, { recursive: true });
  for (const [name, source] of Object.entries(attachments)) await copyFile(source, join(tmp, name));
  await writeFile(join(tmp, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
  await rename(tmp, dir);
  return { dir, record };
}

/** Every stored run, oldest first. Unreadable entries are skipped, not fatal. */
export async function listRuns(root: string): Promise<StoredRun[]> {
  const base = runStoreDir(root);
  // Loaded here, not at the top: writing a run (every `cd4ml run`) needs no schema library.
  const { parseRunRecord } = await import('../run-record/parse.js');
  const runs: StoredRun[] = [];
  for (const commit of await readdirOrEmpty(base)) {
    for (const id of await readdirOrEmpty(join(base, commit))) {
      if (id.includes('.tmp-')) continue;
      const dir = join(base, commit, id);
      try {
        const text = await readFile(join(dir, RECORD_FILE), 'utf8');
        runs.push({ dir, record: parseRunRecord(text, join(dir, RECORD_FILE)) });
      } catch {
        // A record from another cd4ml version or a crashed write: not ours to fail on.
      }
    }
  }
  return runs.sort((a, b) => a.record.createdAt.localeCompare(b.record.createdAt));
}

/**
 * The run that best represents its commit as a baseline: the newest one made from a
 * clean tree (a dirty or `--set` run used params or code that are not the commit's),
 * else the newest of all. `runs` are oldest first, as `listRuns` returns them.
 */
export function representativeRun(runs: readonly StoredRun[]): StoredRun | undefined {
  return runs.findLast((run) => !run.record.git.dirty) ?? runs.at(-1);
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}
