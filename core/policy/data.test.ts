import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseRun, headRun, policyText } from '../compare/__fixtures__/records.js';
import { compare } from '../compare/compare.js';
import { profileFile } from '../profile/profile.js';
import type { ProfileEntry } from '../profile/schema.js';
import { tempProjects } from '../testing/project.js';
import { evaluatePolicy } from './evaluate.js';

const project = tempProjects();

async function profile(text: string): Promise<ProfileEntry> {
  const file = join(project({}).dir, 'train.csv');
  writeFileSync(file, text);
  return profileFile(file, 'data/train.csv');
}

function csv(rows: number, f: (i: number) => string, header = 'income,region'): string {
  return `${[header, ...Array.from({ length: rows }, (_, i) => f(i))].join('\n')}\n`;
}

async function decide(rules: string, base: string, head: string) {
  const policy = policyText(`gate:\n  rules:\n${rules}`);
  const b = { ...baseRun(), profiles: { 'data/train.csv': await profile(base) } };
  const h = { ...headRun(), profiles: { 'data/train.csv': await profile(head) } };
  return evaluatePolicy(compare(b, h, policy), policy).reasons.filter((r) => r.scope === 'data');
}

const steady = (i: number) => `${1000 + ((i * 7919) % 1000)},${['n', 's', 'e'][i % 3]}`;

describe('data rules', () => {
  it('max_drift fails on the drifted column and names it', async () => {
    const shifted = (i: number) => `${3000 + ((i * 7919) % 1000)},${['n', 's', 'e'][i % 3]}`;
    const [reason] = await decide(
      '    - { data: data/train.csv, max_drift: 0.2 }\n',
      csv(2000, steady),
      csv(2000, shifted),
    );
    expect(reason!.status).toBe('fail');
    expect(reason!.failing).toEqual(['income']);
    expect(reason!.message).toMatch(/^data\/train\.csv: drift \(PSI\) over 0\.2 in income \(\d/);
  });

  it('max_null_rate on one column, min_rows and schema: unchanged', async () => {
    const holes = (i: number) => (i % 10 === 0 ? `,${['n', 's', 'e'][i % 3]}` : steady(i));
    const rules =
      '    - { data: data/train.csv, column: income, max_null_rate: 0.01 }\n' +
      '    - { data: data/train.csv, min_rows: 5000 }\n' +
      '    - { data: data/train.csv, schema: unchanged }\n';
    const [nulls, rows, schema] = await decide(rules, csv(2000, steady), csv(2000, holes));
    expect(nulls!.message).toBe('data/train.csv column income: null rate over 1% in income (10%)');
    expect(rows!.message).toBe('data/train.csv: 2,000 rows, fewer than min_rows 5,000');
    expect(schema!.status).toBe('pass');
    const retyped = await decide(
      rules.split('\n')[2]! + '\n',
      csv(10, steady),
      csv(10, (i) => `x${i},n`),
    );
    expect(retyped[0]!.message).toBe(
      'data/train.csv: schema changed: income retyped integer → string',
    );
  });

  it('fails, with the reason, when the head file could not be profiled', async () => {
    const [reason] = await decide(
      '    - { data: data/train.csv, min_rows: 1 }\n',
      csv(5, steady),
      'a,b\n1\n',
    );
    expect(reason!.status).toBe('fail');
    expect(reason!.message).toBe(
      'data/train.csv: no profile: head: data/train.csv:2: row has 1 field, the header has 2',
    );
  });
});
