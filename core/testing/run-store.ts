import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from '../run-record/schema.js';
import { saveRun } from '../store/local-store.js';

const BASE = JSON.parse(
  readFileSync(join(import.meta.dirname, '../compare/__fixtures__/base.json'), 'utf8'),
) as RunRecord;

/**
 * A store of `runs` synthetic runs with `metrics` metrics each (UI tests and bench/ui):
 * two branches, push and pull_request events, one in ten failed; metric `m0` rises with
 * the run's index so a chart and a sort have something to show. Returns the records, oldest first.
 */
export async function syntheticStore(
  root: string,
  runs: number,
  metrics: number,
): Promise<RunRecord[]> {
  const records: RunRecord[] = [];
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < runs; i++) {
    const at = new Date(start + i * 3_600_000).toISOString();
    const values: Record<string, number> = {};
    for (let m = 0; m < metrics; m++)
      values[`m${m}`] = Number((0.5 + ((i * (m + 3)) % 97) / 200).toFixed(4));
    values.m0 = Number((0.8 + i / (runs * 10)).toFixed(5));
    const record: RunRecord = {
      ...BASE,
      id: `20260101-${String(i).padStart(6, '0')}-${(0x10000000 + i).toString(16)}`,
      createdAt: at,
      status: i % 10 === 9 ? 'failed' : 'success',
      git: {
        commit: (0x1000000 + i).toString(16).padEnd(40, 'a'),
        branch: i % 3 === 0 ? 'feature' : 'main',
        dirty: false,
        remote: null,
      },
      event: i % 3 === 0 ? 'pull_request' : 'push',
      timings: { startedAt: at, finishedAt: at, durationMs: 1000 + i },
      params: { 'train.C': (i % 5) / 2, 'train.model': i % 2 ? 'logreg' : 'mlp' },
      metrics: values,
    };
    await saveRun(root, record);
    records.push(record);
  }
  return records;
}
