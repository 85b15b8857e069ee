import { describe, expect, it } from 'vitest';
import {
  baseRun,
  fixturePolicy,
  headRun,
  historyRuns,
  predictions,
} from '../compare/__fixtures__/records.js';
import { compare } from '../compare/compare.js';
import { evaluatePolicy } from '../policy/evaluate.js';
import { pairedSignificance } from '../stats/predictions.js';
import { renderJson } from './json.js';
import { renderText } from './text.js';

function fixture() {
  const policy = fixturePolicy();
  const significance = pairedSignificance(predictions('base'), predictions('head'), {
    resamples: 300,
  });
  const comparison = compare(baseRun(), headRun(), policy, {
    history: historyRuns(),
    significance,
  });
  return { comparison, decision: evaluatePolicy(comparison, policy) };
}

describe('renderText', () => {
  it('leads with the verdict and aligns the metric table', () => {
    const { comparison, decision } = fixture();
    const text = renderText(comparison, decision);
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      '✖ gate failure: model.latency_p95_ms: increased by 60.5%, more than the allowed 25%',
    );
    const header = lines.find((l) => l.trimStart().startsWith('metric'))!;
    const accuracy = lines.find((l) => l.trimStart().startsWith('accuracy'))!;
    // Right-aligned numeric columns end at the same place as their headers.
    expect(accuracy.indexOf('0.974') + '0.974'.length).toBe(header.indexOf('head') + 'head'.length);
    expect(text).toContain('McNemar: head fixes 24, breaks 6');
    expect(text).toContain('★ gbdt');
  });

  it('colours through the style hooks only', () => {
    const { comparison, decision } = fixture();
    const tag = (name: string) => (s: string) => `<${name}>${s}</${name}>`;
    const text = renderText(comparison, decision, {
      good: tag('g'),
      bad: tag('b'),
      warn: tag('w'),
      dim: tag('d'),
      bold: tag('s'),
    });
    expect(text.split('\n')[0]).toBe(
      '<b><s>✖ gate failure: model.latency_p95_ms: increased by 60.5%, more than the allowed 25%</s></b>',
    );
    expect(text).toContain('<b>FAIL</b>');
  });

  it('strips terminal escapes from run-record strings', () => {
    const { comparison, decision } = fixture();
    comparison.head.branch = 'evil\u001b]0;owned\u0007\u001b[2J';
    comparison.metrics[0]!.name = 'acc\u001b[31mred';
    const text = renderText(comparison, decision);
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u0007');
  });
});

describe('renderJson', () => {
  it('is versioned and keeps missing values as null, never 0', () => {
    const policy = fixturePolicy();
    const head = headRun();
    delete head.metrics.f1;
    const comparison = compare(baseRun(), head, policy);
    const json = JSON.parse(renderJson(comparison, evaluatePolicy(comparison, policy))) as {
      schema: string;
      conclusion: string;
      comparison: {
        metrics: Array<{ name: string; head: number | null; delta: number | null }>;
        params: Array<{ name: string; head: unknown }>;
      };
    };
    expect(json.schema).toBe('cd4ml/compare@1');
    expect(json.conclusion).toBe('failure');
    expect(json.comparison.metrics.find((m) => m.name === 'f1')).toMatchObject({
      head: null,
      delta: null,
    });
    expect(json.comparison.params.find((p) => p.name === 'featurize.drop')).toMatchObject({
      head: null,
    });
  });
});
