// Test helpers: the fixture runs of a churn classifier (base on main, head on a PR branch).
import { readFileSync } from 'node:fs';
import { parsePolicy } from '../../policy/parse.js';
import type { Policy } from '../../policy/schema.js';
import { parseRunRecord } from '../../run-record/parse.js';
import type { RunRecord } from '../../run-record/schema.js';
import { type PredictionRow, parsePredictions } from '../../stats/prediction-file.js';

const dir = new URL('./', import.meta.url);
const text = (name: string): string => readFileSync(new URL(name, dir), 'utf8');

export function baseRun(): RunRecord {
  return parseRunRecord(text('base.json'), 'base.json');
}

export function headRun(): RunRecord {
  return parseRunRecord(text('head.json'), 'head.json');
}

export function historyRuns(): RunRecord[] {
  return (JSON.parse(text('history.json')) as unknown[]).map((r, i) =>
    parseRunRecord(JSON.stringify(r), `history[${i}]`),
  );
}

export function fixturePolicy(): Policy {
  return parsePolicy(text('policy.yml'), 'policy.yml');
}

export function predictions(side: 'base' | 'head'): PredictionRow[] {
  return parsePredictions(text(`${side}-predictions.csv`), `${side}-predictions.csv`);
}

export function policyText(yaml: string): Policy {
  return parsePolicy(yaml, '.github/cd4ml.yml');
}
