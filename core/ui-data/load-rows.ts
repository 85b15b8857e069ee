import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RUN_RECORD_LIMITS } from '../run-record/parse.js';
import { RunRecord } from '../run-record/schema.js';
import { RECORD_FILE } from '../store/local-store.js';
import { knownRunDirs } from '../store/known-runs.js';
import { parseJson } from '../yaml/limits.js';
import * as z from '../yaml/zod.js';
import { runRow, type RunRow } from './rows.js';

/** The record's fields a row shows, validated as the full schema validates them. */
const RowFields = z.pick(RunRecord, {
  schema: true,
  id: true,
  git: true,
  event: true,
  status: true,
  createdAt: true,
  timings: true,
  champion: true,
  params: true,
  metrics: true,
});

/** Record files read at once: enough to keep the disk busy, few enough for any ulimit. */
const CONCURRENCY = 64;

/** A known run as the runs table needs it: its directory and its row. */
export interface RowEntry {
  dir: string;
  row: RunRow;
}

/** A record file left out of the runs, and why (the UI says so where it starts). */
export interface SkippedRecord {
  path: string;
  reason: string;
}

/**
 * Every known run's row (local store and pulled branch, one per id, the local copy
 * preferred), oldest first. Only the row's fields are validated here, under the caps of
 * any run record; the full record is read when a run is opened. A record that cannot be
 * read or is not a run record is left out, as `knownRuns` leaves it out, and named in `skipped`.
 */
export async function loadRows(
  root: string,
): Promise<{ entries: RowEntry[]; skipped: SkippedRecord[] }> {
  const dirs = await knownRunDirs(root);
  const rows: (RowEntry | SkippedRecord | null)[] = new Array<null>(dirs.length).fill(null);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < dirs.length) {
      const at = next++;
      rows[at] = await readRow(dirs[at]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, dirs.length) }, worker));
  const byId = new Map<string, RowEntry>();
  const skipped: SkippedRecord[] = [];
  for (const entry of rows) {
    if (entry && 'row' in entry) byId.set(entry.row.id, entry);
    else if (entry) skipped.push(entry);
  }
  const entries = [...byId.values()].sort((a, b) => a.row.createdAt.localeCompare(b.row.createdAt));
  return { entries, skipped };
}

async function readRow(dir: string): Promise<RowEntry | SkippedRecord> {
  const path = join(dir, RECORD_FILE);
  try {
    const data = parseJson(await readFile(path, 'utf8'), path, 'E_RUN_RECORD', RUN_RECORD_LIMITS);
    const parsed = RowFields.safeParse(data);
    if (parsed.success) return { dir, row: runRow(parsed.data) };
    const [issue] = parsed.error.issues;
    return { path, reason: `${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}` };
  } catch (error) {
    return { path, reason: error instanceof Error ? error.message : String(error) };
  }
}
