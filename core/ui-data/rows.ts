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

/** Rows on a page of the runs table; the page the server sends in its HTML holds this many. */
const PAGE_SIZE = 50;

/** `runs.json`: every run, newest first, with the union of param and metric names (columns). */
export interface RunsIndex {
  runs: RunRow[];
  params: string[];
  metrics: string[];
  branches: string[];
  events: string[];
}

/** What a row is made of: the record's fields the runs table shows. */
export type RowFields = Pick<
  RunRecord,
  'id' | 'git' | 'event' | 'status' | 'createdAt' | 'timings' | 'champion' | 'params' | 'metrics'
>;

/**
 * The runs page as the server inlines it in the HTML: the newest page of rows, with every
 * column and filter value, so the table shows before `runs.json` (every run) arrives.
 */
export interface FirstPage {
  index: RunsIndex;
  /** How many runs there are in all. */
  total: number;
}

export function firstPage(index: RunsIndex): FirstPage {
  return { index: { ...index, runs: index.runs.slice(0, PAGE_SIZE) }, total: index.runs.length };
}

export function runRow(record: RowFields): RunRow {
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

/** Names in reading order: m2 before m10. */
const natural = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/** The runs table's data from rows (any order). */
export function runsIndex(all: readonly RunRow[]): RunsIndex {
  const rows = [...all].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const names = (pick: (row: RunRow) => object): string[] =>
    [...new Set(rows.flatMap((row) => Object.keys(pick(row))))].sort(natural);
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
