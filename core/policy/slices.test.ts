import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baseRun, headRun, policyText } from '../compare/__fixtures__/records.js';
import { compare } from '../compare/compare.js';
import { Cd4mlAggregateError } from '../errors.js';
import { parsePredictions } from '../stats/prediction-file.js';
import { compareSlices } from '../stats/slices.js';
import { evaluatePolicy } from './evaluate.js';

// The reference fixture: the head loses about 16 points of accuracy in region=north only.
const dir = new URL('../stats/__reference__/', import.meta.url);
const read = (name: string) =>
  parsePredictions(readFileSync(new URL(name, dir), 'utf8'), name, ['region', 'device']);

function decide(rules: string, correction = 'holm') {
  const policy = policyText(`gate:\n  slices: { correction: ${correction} }\n  rules:\n${rules}`);
  const slices = compareSlices(read('slices-base.csv'), read('slices-head.csv'), {
    columns: ['region', 'device'],
    correction: policy.gate.slices.correction,
    bootstrap: { resamples: 2000 },
  });
  const comparison = compare(baseRun(), headRun(), policy, { slices });
  return evaluatePolicy(comparison, policy);
}

describe('slice rules', () => {
  it('fails on the one slice whose drop is large and significant, and names it', () => {
    const decision = decide(
      '    - { metric: accuracy, slices: [region], max_decrease: 0.05, significant: true }\n',
    );
    expect(decision.conclusion).toBe('failure');
    const reason = decision.reasons.find((r) => r.scope === 'slices')!;
    expect(reason.failing).toEqual(['region=north']);
    expect(reason.message).toMatch(
      /^accuracy per region: 1 slice failed: region=north 0\.8772 → 0\.7143 \(max_decrease 0\.05, corrected p < 0\.0001\) \(4 slices tested\)$/,
    );
    expect(decision.summary).toBe(reason.message);
  });

  it('passes when the columns it names did not drop, and counts the tested slices', () => {
    const decision = decide(
      // North's drop pulls both devices down about 6 points: within a 10-point allowance.
      '    - { metric: accuracy, slices: [device], max_decrease: 0.1, significant: true }\n',
    );
    const reason = decision.reasons.find((r) => r.scope === 'slices')!;
    expect(reason.status).toBe('pass');
    expect(reason.message).toBe('accuracy per device: every slice within limits (2 slices tested)');
  });

  it('does not gate a drop that is not significant after correction', () => {
    // Mobile's precision drops 1.3 points (by chance: corrected p = 1), desktop's 9.9 points.
    const rule =
      '    - { metric: precision, slices: [device], max_decrease: 0.01, significant: true }\n';
    const reason = decide(rule).reasons.find((r) => r.scope === 'slices')!;
    expect(reason.failing).toEqual(['device=desktop']);
    expect(reason.message).toMatch(/\(2 slices tested, 1 drop within noise\)$/);
    const strict = decide(rule.replace(', significant: true', '')).reasons[0]!;
    expect(strict.failing).toEqual(['device=desktop', 'device=mobile']);
  });

  it('fails a rule naming a column the predictions do not slice by', () => {
    const decision = decide('    - { metric: accuracy, slices: [country], max_decrease: 0.05 }\n');
    const reason = decision.reasons.find((r) => r.scope === 'slices')!;
    expect(reason.status).toBe('fail');
    expect(reason.message).toBe(
      'accuracy per country: the predictions have no slice column country (declared: region, device)',
    );
  });

  it('is missing_baseline when the runs have no slices', () => {
    const policy = policyText(
      'gate:\n  rules:\n    - { metric: accuracy, slices: [region], max_decrease: 0.05 }\n',
    );
    const decision = evaluatePolicy(compare(baseRun(), headRun(), policy), policy);
    expect(decision.reasons[0]!.status).toBe('neutral');
    expect(decision.reasons[0]!.message).toMatch(/declare `predictions: \{ file, slices \}`/);
  });
});

describe('rule shapes', () => {
  it.each([
    ['    - { metric: accuracy, data: a.csv, max: 1 }', 'not both'],
    [
      '    - { data: a.csv, max_decrease: 0.1 }',
      'a data rule checks max_drift, max_null_rate, min_rows, schema, not max_decrease',
    ],
    ['    - { metric: accuracy, max_drift: 0.2 }', 'max_drift belongs in a `data:` rule'],
    ['    - { metric: accuracy, max: 1, alpha: 0.1 }', 'alpha applies to slice rules'],
    ['    - { data: a.csv }', 'data rule for "a.csv" checks nothing'],
  ])('%s is refused', (rule, message) => {
    let error: unknown;
    try {
      policyText(`gate:\n  rules:\n${rule}\n`);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Cd4mlAggregateError);
    expect((error as Error).message).toContain(message);
  });
});
