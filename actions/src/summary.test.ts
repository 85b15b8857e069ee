import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../core/run-record/schema.js';
import { pipelineSummary } from './summary.js';

function record(stages: RunRecord['stages'], metrics: Record<string, number>): RunRecord {
  return {
    schema: 'cd4ml/run@1',
    id: 'r1',
    createdAt: '2026-11-29T00:00:00Z',
    status: 'success',
    pipeline: { file: 'cd4ml.yaml' },
    git: { commit: 'abcdef1234567', branch: 'main', dirty: false },
    event: 'push',
    timings: { startedAt: '', finishedAt: '', durationMs: 1500 },
    stages,
    params: {},
    overrides: {},
    metrics,
    candidates: {},
    champion: null,
    model: null,
    predictions: null,
    deps: {},
    stats: {},
    env: { os: 'linux', arch: 'x64', node: '24', python: null, lockfiles: {} },
  } as unknown as RunRecord;
}

describe('pipelineSummary', () => {
  it('tables the stages and metrics, escaping names that would be markdown', () => {
    const text = pipelineSummary(
      record(
        {
          'train|<img src=x>': {
            status: 'ran',
            attempts: 1,
            durationMs: 250,
            reason: 'params changed',
          },
          evaluate: { status: 'cached', attempts: 0, durationMs: 3 },
        },
        { '@team accuracy': 0.9712 },
      ),
    );
    expect(text).toContain('### ✅ Pipeline succeeded');
    expect(text).toContain('1 ran, 1 cached in 1.5 s at `abcdef1`');
    expect(text).not.toContain('<img');
    expect(text).not.toContain('train|');
    expect(text).toContain('| evaluate | ♻️ cached |  | 0 | 0.003 s |');
    expect(text).not.toMatch(/@team/);
  });
});
