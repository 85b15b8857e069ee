import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PULLED_DIR } from '../history-branch/layout.js';
import { runStoreDir } from '../store/local-store.js';

/**
 * A cheap fingerprint of the runs a workspace knows: the modification times of the store's
 * directories (`.cd4ml/runs/`, each commit's directory in it, `.cd4ml/history/`), which
 * change when a run is saved or a pull replaces the history. The UI server compares it on
 * each data request and reloads the runs when it moved, so new runs appear on a reload of
 * the page without restarting `cd4ml ui`.
 */
export async function storeVersion(root: string): Promise<string> {
  const store = runStoreDir(root);
  const mtime = (path: string) =>
    stat(path).then(
      (s) => `${path}:${s.mtimeMs}`,
      () => `${path}:-`,
    );
  const commits = await readdir(store).catch(() => [] as string[]);
  const parts = await Promise.all([
    mtime(store),
    mtime(join(root, ...PULLED_DIR)),
    ...commits.map((commit) => mtime(join(store, commit))),
  ]);
  return parts.join('\n');
}
