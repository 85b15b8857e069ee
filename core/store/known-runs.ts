import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PULLED_DIR, RUN_ID } from '../history-branch/layout.js';
import { listPulledRuns } from '../history-branch/pull.js';
import { listRuns, runStoreDir, type StoredRun } from './local-store.js';

/**
 * Every run this workspace knows: the local store, plus the runs `cd4ml history pull`
 * fetched from the history branch, as one set (deduplicated by run id, the local copy
 * preferred: it has the predictions), oldest first.
 */
export async function knownRuns(root: string): Promise<StoredRun[]> {
  const [local, pulled] = await Promise.all([listRuns(root), listPulledRuns(root)]);
  const byId = new Map(pulled.map((run) => [run.record.id, run]));
  for (const run of local) byId.set(run.record.id, run);
  return [...byId.values()].sort((a, b) => a.record.createdAt.localeCompare(b.record.createdAt));
}

/**
 * The directories of every run this workspace knows, without reading them: the pulled
 * branch's (`.cd4ml/history/<id>/`) first, then the local store's
 * (`.cd4ml/runs/<commit>/<id>/`), so a reader that keeps the last copy of an id prefers
 * the local one, as `knownRuns` does.
 */
export async function knownRunDirs(root: string): Promise<string[]> {
  const pulled = join(root, ...PULLED_DIR);
  const store = runStoreDir(root);
  const [history, commits] = await Promise.all([entries(pulled), entries(store)]);
  const local = await Promise.all(
    commits.map(async (commit) =>
      (await entries(join(store, commit)))
        .filter((id) => !id.includes('.tmp-'))
        .map((id) => join(store, commit, id)),
    ),
  );
  return [
    ...history.filter((id) => RUN_ID.test(id)).map((id) => join(pulled, id)),
    ...local.flat(),
  ];
}

const entries = (dir: string): Promise<string[]> => readdir(dir).catch(() => []);
