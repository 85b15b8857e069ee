import { listRuns, type StoredRun } from './local-store.js';

/**
 * Every run this workspace knows: the local store, plus the runs fetched from the history
 * branch, as one set (deduplicated by run id, the local copy preferred), oldest first.
 */
export async function knownRuns(root: string): Promise<StoredRun[]> {
  return listRuns(root);
}
