import type { RunRecord, Scalar } from '../run-record/schema.js';

/** One line of the runs table: what it shows, sorts and filters on, and nothing more. */
export interface RunRow {
  id: string;
  commit: string | null;
  branch: string | null;
  event: string;
  status: RunRecord['status'];
  createdAt: string;
  durationMs: number;
  dirty: boolean;
  champion: string | null;
  params: Record<string, Scalar>;
  metrics: Record<string, number>;
}

/** `runs.json`: every run, newest first, with the union of param and metric names (columns). */
export interface RunsIndex {
  runs: RunRow[];
  params: string[];
  metrics: string[];
  branches: string[];
  events: string[];
}

export function runRow(record: RunRecord): RunRow {
  return {
    id: record.id,
    commit: record.git.commit,
    branch: record.git.branch,
    event: record.event,
    status: record.status,
    createdAt: record.createdAt,
    durationMs: record.timings.durationMs,
    dirty: record.git.dirty,
    champion: record.champion,
    params: record.params,
    metrics: record.metrics,
  };
}

/** The runs table's data from records (any order). */
export function runsIndex(records: readonly RunRecord[]): RunsIndex {
  const rows = records.map(runRow).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const names = (pick: (row: RunRow) => object): string[] =>
    [...new Set(rows.flatMap((row) => Object.keys(pick(row))))].sort();
  const values = (pick: (row: RunRow) => string | null): string[] =>
    [...new Set(rows.map(pick).filter((v): v is string => v !== null))].sort();
  return {
    runs: rows,
    params: names((row) => row.params),
    metrics: names((row) => row.metrics),
    branches: values((row) => row.branch),
    events: values((row) => row.event),
  };
}
