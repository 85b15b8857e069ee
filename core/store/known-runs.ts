import { listPulledRuns } from '../history-branch/pull.js';
import { listRuns, type StoredRun } from './local-store.js';

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
