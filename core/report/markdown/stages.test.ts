import { describe, expect, it } from 'vitest';
import { baseRun, headRun, policyText } from '../../compare/__fixtures__/records.js';
import { compare } from '../../compare/compare.js';
import { evaluatePolicy } from '../../policy/evaluate.js';
import { renderReport } from './index.js';

describe('the Stages section', () => {
  it('counts each stage’s checks and spells out the failed ones, opened', () => {
    const head = headRun();
    const [first] = Object.keys(head.stages);
    head.stages[first!] = {
      ...head.stages[first!]!,
      status: 'failed',
      checks: [
        { data: 'data/clean.csv', check: 'min_rows', status: 'pass', message: 'ok' },
        {
          data: 'data/clean.csv',
          column: 'age',
          check: 'min',
          status: 'fail',
          message: 'data/clean.csv line 3, column age: -4 is below min 0',
        },
      ],
    };
    const policy = policyText('gate:\n  rules: []\n');
    const comparison = compare(baseRun(), head, policy);
    const md = renderReport(comparison, evaluatePolicy(comparison, policy));
    const section = md.slice(md.indexOf('<b>Stages</b>'));
    expect(md).toContain('<details open><summary><b>Stages</b>');
    expect(section).toContain('| Checks |');
    expect(section).toContain('❌ 1 of 2');
    expect(section).toContain(
      `**Failed stage checks**\n\n- <code>${first}</code>: data/clean.csv line 3, column age: -4 is below min 0`,
    );
  });

  it('has no Checks column when no stage declares checks', () => {
    const policy = policyText('gate:\n  rules: []\n');
    const comparison = compare(baseRun(), headRun(), policy);
    const md = renderReport(comparison, evaluatePolicy(comparison, policy));
    expect(md).toContain('<details><summary><b>Stages</b>');
    expect(md).not.toContain('| Checks |');
  });
});
