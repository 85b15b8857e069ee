import { describe, expect, it } from 'vitest';
import { baseRun, headRun, policyText } from '../compare/__fixtures__/records.js';
import { compare } from '../compare/compare.js';
import type { RunRecord } from '../run-record/schema.js';
import type { Significance } from '../stats/predictions.js';
import { evaluatePolicy } from './evaluate.js';

function withMetrics(run: RunRecord, metrics: Record<string, number>): RunRecord {
  return { ...run, metrics };
}

function decide(
  rule: string,
  base: Record<string, number> | null,
  head: Record<string, number>,
  extra = '',
) {
  const policy = policyText(`gate:\n  rules:\n    - ${rule}\n${extra}`);
  const comparison = compare(
    base ? withMetrics(baseRun(), base) : null,
    withMetrics(headRun(), head),
    policy,
  );
  return evaluatePolicy(comparison, policy);
}

describe('evaluatePolicy: rule kinds', () => {
  it.each([
    ['{ metric: acc, min: 0.9 }', { acc: 0.9 }, { acc: 0.9 }, 'pass'],
    ['{ metric: acc, min: 0.9 }', { acc: 0.9 }, { acc: 0.89 }, 'fail'],
    ['{ metric: loss, max: 0.5 }', { loss: 0.1 }, { loss: 0.5 }, 'pass'],
    ['{ metric: loss, max: 0.5 }', { loss: 0.1 }, { loss: 0.51 }, 'fail'],
    ['{ metric: acc, max_decrease: 0.01 }', { acc: 0.9 }, { acc: 0.89 }, 'pass'],
    ['{ metric: acc, max_decrease: 0.01 }', { acc: 0.9 }, { acc: 0.885 }, 'fail'],
    ['{ metric: acc, max_decrease: 0.01 }', { acc: 0.9 }, { acc: 0.99 }, 'pass'],
    ['{ metric: loss, max_increase: 0.05 }', { loss: 0.2 }, { loss: 0.25 }, 'pass'],
    ['{ metric: loss, max_increase: 0.05 }', { loss: 0.2 }, { loss: 0.26 }, 'fail'],
    ['{ metric: acc, max_decrease_pct: 1 }', { acc: 0.8 }, { acc: 0.792 }, 'pass'],
    ['{ metric: acc, max_decrease_pct: 1 }', { acc: 0.8 }, { acc: 0.79 }, 'fail'],
    [
      '{ metric: latency_ms, max_increase_pct: 10 }',
      { latency_ms: 100 },
      { latency_ms: 110 },
      'pass',
    ],
    [
      '{ metric: latency_ms, max_increase_pct: 10 }',
      { latency_ms: 100 },
      { latency_ms: 111 },
      'fail',
    ],
    [
      '{ metric: latency_ms, max_increase_pct: 10 }',
      { latency_ms: 100 },
      { latency_ms: 50 },
      'pass',
    ],
    ['{ metric: x, max_increase_pct: 10 }', { x: 0 }, { x: 1 }, 'fail'],
    ['{ metric: x, max_decrease_pct: 10 }', { x: 0 }, { x: 1 }, 'pass'],
  ])('%s: %j → %j is %s', (rule, base, head, status) => {
    const decision = decide(rule, base, head);
    expect(decision.reasons).toHaveLength(1);
    expect(decision.reasons[0]?.status).toBe(status);
    expect(decision.conclusion).toBe(status === 'pass' ? 'success' : 'failure');
  });

  it('checks virtual model metrics with sizes', () => {
    const policy = policyText(
      'gate:\n  rules:\n    - { metric: model.bytes, max: 3MB }\n    - { metric: model.latency_p95_ms, max: 1s }\n',
    );
    const decision = evaluatePolicy(compare(baseRun(), headRun(), policy), policy);
    expect(decision.reasons.map((r) => [r.metric, r.status])).toEqual([
      ['model.bytes', 'fail'],
      ['model.latency_p95_ms', 'pass'],
    ]);
    expect(decision.summary).toBe('model.bytes: 3.42\u00a0MB is above the maximum 3\u00a0MB');
  });

  it('checks stage and run durations', () => {
    const policy = policyText(
      'gate:\n  rules:\n    - { metric: stage.train@gbdt.duration_ms, max_increase_pct: 50 }\n    - { metric: run.duration_ms, max: 1h }\n',
    );
    const decision = evaluatePolicy(compare(baseRun(), headRun(), policy), policy);
    expect(decision.reasons.map((r) => r.status)).toEqual(['fail', 'pass']);
  });

  it('gives one reason per rule, combining the checks of a rule', () => {
    const decision = decide(
      '{ metric: acc, min: 0.95, max_decrease: 0.01 }',
      { acc: 0.97 },
      { acc: 0.94 },
    );
    expect(decision.reasons).toHaveLength(1);
    expect(decision.reasons[0]?.checks.map((c) => c.status)).toEqual(['fail', 'fail']);
    expect(decision.summary).toBe(
      'acc: 0.94 is below the minimum 0.95; decreased by 0.03, more than the allowed 0.01',
    );
  });
});

describe('evaluatePolicy: missing values', () => {
  it('fails a rule whose metric the head lacks, even with no baseline', () => {
    const decision = decide('{ metric: acc, min: 0.9 }', null, { other: 1 });
    expect(decision.conclusion).toBe('failure');
    expect(decision.summary).toBe('acc is missing from the head run');
  });

  it.each([
    ['pass', 'success', 'pass'],
    ['neutral', 'neutral', 'neutral'],
    ['fail', 'failure', 'fail'],
  ] as const)('missing_baseline: %s → %s', (setting, conclusion, status) => {
    const decision = decide(
      '{ metric: acc, min: 0.5, max_decrease: 0.01 }',
      null,
      { acc: 0.9 },
      `  missing_baseline: ${setting}\n`,
    );
    expect(decision.conclusion).toBe(conclusion);
    expect(decision.reasons[0]?.checks.map((c) => c.status)).toEqual(['pass', status]);
    expect(decision.reasons[0]?.checks[1]?.message).toContain('no baseline run');
  });

  it('treats a metric new in the head like a missing baseline', () => {
    const decision = decide('{ metric: acc, max_decrease: 0.01 }', { other: 1 }, { acc: 0.9 });
    expect(decision.conclusion).toBe('neutral');
    expect(decision.reasons[0]?.message).toContain('the base run has no value');
  });

  it('fails when the head run failed', () => {
    const policy = policyText('');
    const decision = evaluatePolicy(
      compare(baseRun(), { ...headRun(), status: 'failed' }, policy),
      policy,
    );
    expect(decision.conclusion).toBe('failure');
    expect(decision.reasons[0]?.kind).toBe('run');
  });

  it('succeeds with no rules, saying so', () => {
    const policy = policyText('');
    expect(evaluatePolicy(compare(baseRun(), headRun(), policy), policy)).toMatchObject({
      conclusion: 'success',
      summary: 'no gate rules: report only',
    });
  });
});

describe('evaluatePolicy: model signature', () => {
  it.each([
    ['', 'neutral'],
    ['  breaking_change: fail\n', 'failure'],
    ['  breaking_change: pass\n', 'success'],
  ])('a changed input %j → %s', (setting, conclusion) => {
    const policy = policyText(`gate:\n  rules: []\n${setting}`);
    const head = headRun();
    head.model = {
      ...head.model!,
      inputs: [{ name: 'features', type: 'float32', shape: ['batch', 32] }],
    };
    const decision = evaluatePolicy(compare(baseRun(), head, policy), policy);
    expect(decision.conclusion).toBe(conclusion);
    expect(decision.reasons[0]).toMatchObject({
      kind: 'model',
      message: 'breaking change to the model signature (input features shape changed)',
    });
  });
});

describe('evaluatePolicy: significance', () => {
  function significance(low: number, high: number, estimate: number): Significance {
    const delta = { estimate, low, high, confidence: 0.95, resamples: 2000, seed: 1, n: 500 };
    return {
      kind: 'classification',
      paired: 500,
      baseRows: 500,
      headRows: 500,
      metrics: [{ name: 'accuracy', base: 0.9, head: 0.9 + estimate, delta }],
    };
  }
  function decideSignificant(rule: string, low: number, high: number, estimate: number) {
    const policy = policyText(`gate:\n  rules:\n    - ${rule}\n`);
    const comparison = compare(
      withMetrics(baseRun(), { accuracy: 0.9 }),
      withMetrics(headRun(), { accuracy: 0.9 + estimate }),
      policy,
      {
        significance: significance(low, high, estimate),
      },
    );
    return evaluatePolicy(comparison, policy).reasons[0]!;
  }

  it('passes a drop beyond the limit whose interval reaches back inside it (noise)', () => {
    const reason = decideSignificant(
      '{ metric: accuracy, max_decrease: 0.005, significant: true }',
      -0.02,
      0.001,
      -0.008,
    );
    expect(reason.status).toBe('pass');
    expect(reason.checks[0]?.withinNoise).toBe(true);
    expect(reason.message).toContain('but within noise (95% CI −0.02 … +0.001)');
  });

  it('fails when the whole interval lies beyond the allowed drop', () => {
    const reason = decideSignificant(
      '{ metric: accuracy, max_decrease: 0.005, significant: true }',
      -0.03,
      -0.006,
      -0.018,
    );
    expect(reason.status).toBe('fail');
    expect(reason.message).toContain('significantly so');
  });

  it('uses the interval for percentage limits too', () => {
    // Allowed drop 1% of 0.9 = 0.009; the interval's upper end −0.01 is beyond it.
    expect(
      decideSignificant(
        '{ metric: accuracy, max_decrease_pct: 1, significant: true }',
        -0.03,
        -0.01,
        -0.02,
      ).status,
    ).toBe('fail');
    expect(
      decideSignificant(
        '{ metric: accuracy, max_decrease_pct: 1, significant: true }',
        -0.03,
        -0.008,
        -0.02,
      ).status,
    ).toBe('pass');
  });

  it('without the flag, the point estimate decides', () => {
    expect(
      decideSignificant('{ metric: accuracy, max_decrease: 0.005 }', -0.02, 0.001, -0.008).status,
    ).toBe('fail');
  });

  it('falls back to the point estimate, saying so, when there are no predictions', () => {
    const decision = decide(
      '{ metric: accuracy, max_decrease: 0.005, significant: true }',
      { accuracy: 0.9 },
      { accuracy: 0.89 },
    );
    expect(decision.reasons[0]?.status).toBe('fail');
    expect(decision.summary).toContain('no per-example predictions');
  });
});
