import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { baseRun } from '../../core/compare/__fixtures__/records.js';
import type { RunRecord } from '../../core/run-record/schema.js';
import { saveRun } from '../../core/store/local-store.js';
import { runCli } from '../testing.js';

let root: string;

function run(id: string, createdAt: string, extra: Partial<RunRecord>): RunRecord {
  const base = baseRun();
  return { ...base, id, createdAt, git: { ...base.git, commit: id.padEnd(40, '0') }, ...extra };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cd4ml-history-'));
  // Two successful runs with metrics, then the newest: a failed run that recorded none.
  await saveRun(root, run('a1', '2026-01-01T08:00:00Z', { metrics: { accuracy: 0.9, f1: 0.8 } }));
  await saveRun(root, run('b2', '2026-01-02T08:00:00Z', { metrics: { accuracy: 0.92, f1: 0.82 } }));
  await saveRun(root, run('c3', '2026-01-03T08:00:00Z', { metrics: {}, status: 'failed' }));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

describe('cd4ml history without metric names', () => {
  it('shows the metrics of the newest run that has any when the newest run has none', async () => {
    const { code, stdout } = await runCli('history', '--root', root);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'accuracy  ▁█·  min 0.9 · max 0.92 · last —',
        'f1  ▁█·  min 0.8 · max 0.82 · last —',
        '',
        'when              commit   branch  status   accuracy    f1',
        '2026-01-01 08:00  a100000  main    success       0.9   0.8',
        '2026-01-02 08:00  b200000  main    success      0.92  0.82',
        '2026-01-03 08:00  c300000  main    failed          —     —',
        '',
      ].join('\n'),
    );
    const json = JSON.parse(
      (await runCli('history', '--root', root, '--format', 'json')).stdout,
    ) as {
      metrics: string[];
    };
    expect(json.metrics).toEqual(['accuracy', 'f1']);
  });

  it('still takes the policy’s metrics first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd4ml-history-policy-'));
    try {
      mkdirSync(join(dir, '.github'));
      writeFileSync(
        join(dir, '.github/cd4ml.yml'),
        'gate:\n  rules:\n    - { metric: f1, min: 0.5 }\nreport: { chart: [f1] }\n',
      );
      await saveRun(
        dir,
        run('a1', '2026-01-01T08:00:00Z', { metrics: { accuracy: 0.9, f1: 0.8 } }),
      );
      await saveRun(dir, run('c3', '2026-01-03T08:00:00Z', { metrics: {}, status: 'failed' }));
      const { stdout } = await runCli('history', '--root', dir, '--format', 'json');
      expect((JSON.parse(stdout) as { metrics: string[] }).metrics).toEqual(['f1']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
