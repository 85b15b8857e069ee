import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Cd4mlError } from '../errors.js';
import { RUN_RECORD_LIMITS, parseRunRecord } from '../run-record/parse.js';
import { RECORD_FILE, type StoredRun } from '../store/local-store.js';
import { PULLED_DIR, RUN_ID } from './layout.js';
import { fetchBranch, historyFiles, readBlobs, repositoryOf } from './remote.js';

export interface PullResult {
  /** Runs now in `.cd4ml/history/`. */
  runs: number;
  /** Files that were not a valid record (too large, not JSON, invalid, id ≠ file name). */
  skipped: { file: string; reason: string }[];
}

/**
 * Fetches the history branch and puts its records under `.cd4ml/history/<id>/` (replaced
 * whole, atomically), where `knownRuns` reads them with the local store's.
 */
export async function pullHistory(options: {
  root: string;
  remote: string;
  branch: string;
  /** Added to the environment of git's fetch (credentials as `GIT_CONFIG_*`). */
  gitEnv?: Record<string, string>;
}): Promise<PullResult> {
  const repo = await repositoryOf(options.root);
  const tip = await fetchBranch(repo, options.remote, options.branch, options.gitEnv);
  if (!tip) {
    throw new Cd4mlError('E_USAGE', `${options.remote} has no branch ${options.branch}`, {
      hint: 'push one first: cd4ml history push (or pass --branch <name>)',
    });
  }
  const files = (await historyFiles(repo, tip, options.branch)).filter((file) =>
    file.startsWith('runs/'),
  );
  const blobs = await readBlobs(repo, tip, files, RUN_RECORD_LIMITS.bytes);
  const dir = join(options.root, ...PULLED_DIR);
  const staging = `${dir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const skipped: PullResult['skipped'] = [];
  let runs = 0;
  for (const file of files) {
    const where = `${options.branch}:${file}`;
    const text = blobs.get(file);
    if (text === null || text === undefined) {
      skipped.push({ file: where, reason: `over ${RUN_RECORD_LIMITS.bytes} bytes` });
      continue;
    }
    try {
      const record = parseRunRecord(text, where);
      if (`runs/${record.id}.json` !== file) throw new Error(`its id is ${record.id}`);
      mkdirSync(join(staging, record.id));
      writeFileSync(join(staging, record.id, RECORD_FILE), text);
      runs++;
    } catch (error) {
      skipped.push({
        file: where,
        reason: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
      });
    }
  }
  rmSync(`${dir}.old-${process.pid}`, { recursive: true, force: true });
  try {
    renameSync(dir, `${dir}.old-${process.pid}`);
  } catch {
    // First pull.
  }
  renameSync(staging, dir);
  rmSync(`${dir}.old-${process.pid}`, { recursive: true, force: true });
  return { runs, skipped };
}

/** The pulled runs (`.cd4ml/history/<id>/cd4ml-run.json`); unreadable entries are skipped. */
export async function listPulledRuns(root: string): Promise<StoredRun[]> {
  const dir = join(root, ...PULLED_DIR);
  let ids: string[];
  try {
    ids = await readdir(dir);
  } catch {
    return [];
  }
  const runs: StoredRun[] = [];
  await Promise.all(
    ids
      .filter((id) => RUN_ID.test(id))
      .map(async (id) => {
        try {
          const path = join(dir, id, RECORD_FILE);
          runs.push({
            dir: join(dir, id),
            record: parseRunRecord(await readFile(path, 'utf8'), path),
          });
        } catch {
          // Checked when pulled; a file damaged since is not ours to fail on.
        }
      }),
  );
  return runs;
}
