import * as z from '../yaml/zod.js';
import type { RunRecord } from '../run-record/schema.js';

/** Where `cd4ml history pull` puts the fetched branch's records (inside the state dir, ignored by git). */
export const PULLED_DIR = ['.cd4ml', 'history'] as const;

/** The local ref the branch is fetched into (never a branch of the user's). */
export const FETCHED_REF = 'refs/cd4ml/history';

export const INDEX_FILE = 'index.json';
export const INDEX_SCHEMA = 'cd4ml/history-index@1';
export const README_FILE = 'README.md';

/** `runs/<id>.json`: one file per run, so two writers never touch the same file. */
export function runFile(id: string): string {
  return `runs/${id}.json`;
}

/** A run id as a file name: what `cd4ml run` makes (`20260412-091500-3f2a9c1e`), nothing that could leave `runs/`. */
export const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** The files a history branch may hold; anything else means it is not ours. */
export function isHistoryPath(path: string): boolean {
  if (path === INDEX_FILE || path === README_FILE) return true;
  const match = /^runs\/(.+)\.json$/.exec(path);
  return match !== null && RUN_ID.test(match[1] ?? '');
}

export const IndexEntry = z.object({
  id: z.string(),
  commit: z.nullable(z.string()),
  branch: z.nullable(z.string()),
  event: z.string(),
  status: z.enum(['success', 'failed']),
  createdAt: z.string(),
});
export type IndexEntry = z.infer<typeof IndexEntry>;

/** `index.json`: every run on the branch, oldest first; rebuilt from `runs/` on every push. */
export const HistoryIndex = z.object({
  schema: z.literal(INDEX_SCHEMA),
  runs: z.array(IndexEntry),
});
export type HistoryIndex = z.infer<typeof HistoryIndex>;

/** A record as the branch keeps it: no per-example predictions file (it stays in the artifact). */
export function compactRecord(record: RunRecord): RunRecord {
  return { ...record, predictions: null };
}

export function indexEntry(record: RunRecord): IndexEntry {
  return {
    id: record.id,
    commit: record.git.commit,
    branch: record.git.branch,
    event: record.event,
    status: record.status,
    createdAt: record.createdAt,
  };
}

export const BRANCH_README = `# cd4ml run history

Written by \`cd4ml history push\`: one file per run under \`runs/\` (the run record, without
per-example predictions) and \`index.json\` listing them. The branch only ever gains files;
\`cd4ml history pull\` fetches it. Do not commit other files here.
`;
