import { describe, expect, it } from 'vitest';
import { baseRun } from '../compare/__fixtures__/records.js';
import type { RunRecord } from '../run-record/schema.js';
import { renderHistoryJson, renderHistoryText, toHistoryJson } from './history.js';

/** Three runs: a clean one, a dirty one without accuracy, a failed one with no git data. */
function runs(): RunRecord[] {
  const base = baseRun();
  const at = (id: string, createdAt: string, extra: Partial<RunRecord>): RunRecord => ({
    ...base,
    id,
    createdAt,
    ...extra,
  });
  return [
    at('r1', '2026-01-01T08:00:00Z', { metrics: { accuracy: 0.9, f1: 0.8 } }),
    at('r2', '2026-01-02T09:30:00Z', {
      metrics: { f1: 0.85 },
      git: { ...base.git, branch: 'feat/x', dirty: true },
    }),
    at('r3', '2026-01-03T10:45:00Z', {
      metrics: { accuracy: 0.95, f1: 0.7 },
      status: 'failed',
      git: { ...base.git, commit: null, branch: null },
    }),
  ];
}

describe('renderHistoryText', () => {
  it('draws a trend line per metric, then a table of the runs', () => {
    expect(renderHistoryText(runs(), ['accuracy', 'model.bytes', 'nope'])).toBe(
      [
        'accuracy  ▁·█  min 0.9 · max 0.95 · last 0.95 (+0.05 vs the run before)',
        'model.bytes  ▄▄▄  min 1.24\u00a0MB · max 1.24\u00a0MB · last 1.24\u00a0MB (0 vs the run before)',
        'nope    last —',
        '',
        'when              commit    branch  status   accuracy  model.bytes  nope',
        '2026-01-01 08:00  1405df6   main    success       0.9      1.24\u00a0MB     —',
        '2026-01-02 09:30  1405df6*  feat/x  success         —      1.24\u00a0MB     —',
        '2026-01-03 10:45  —         —       failed       0.95      1.24\u00a0MB     —',
        '',
      ].join('\n'),
    );
  });

  it('compares the last value with the nearest earlier run that has one', () => {
    const [first, second] = runs();
    // r2 has no accuracy: the change is measured against r1, two runs back.
    const withLast = { ...second!, id: 'r4', metrics: { accuracy: 0.88 } };
    const text = renderHistoryText([first!, second!, withLast], ['accuracy']);
    expect(text.split('\n')[0]).toBe(
      'accuracy  █·▁  min 0.88 · max 0.9 · last 0.88 (−0.02 vs the run before)',
    );
    // A last run without the metric has no change to report.
    expect(renderHistoryText([first!, second!], ['accuracy']).split('\n')[0]).toBe(
      'accuracy  ▄·  min 0.9 · max 0.9 · last —',
    );
  });

  it('colours through the style hooks only: name, trend, details, header and failed runs', () => {
    const tag = (name: string) => (s: string) => `<${name}>${s}</${name}>`;
    const text = renderHistoryText(runs(), ['accuracy'], {
      bold: tag('s'),
      trend: tag('t'),
      dim: tag('d'),
      bad: tag('b'),
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      '<s>accuracy</s>  <t>▁·█</t>  <d>min 0.9 · max 0.95 · last 0.95 (+0.05 vs the run before)</d>',
    );
    expect(lines[2]).toBe('<d>when              commit    branch  status   accuracy</d>');
    expect(lines[3]).toBe('2026-01-01 08:00  1405df6   main    success       0.9');
    expect(lines[5]).toBe('<b>2026-01-03 10:45  —         —       failed       0.95</b>');
  });

  it('strips terminal escapes from metric names and branches, and caps their width', () => {
    const [first] = runs();
    const evil = {
      ...first!,
      git: { ...first!.git, branch: 'evil\u001b]0;owned\u0007\u001b[2J-and-a-very-long-tail' },
    };
    const text = renderHistoryText([evil], ['acc\u001b[31mred']);
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u0007');
    const row = text.split('\n').at(-2)!;
    const branch = row.split(/\s{2,}/)[2]!;
    expect([...branch].length).toBeLessThanOrEqual(24);
    expect(branch.startsWith('evil')).toBe(true);
  });
});

describe('toHistoryJson / renderHistoryJson', () => {
  it('is versioned, one entry per run, missing metrics as null and model metrics resolved', () => {
    const json = toHistoryJson(runs(), ['accuracy', 'model.bytes', 'nope']);
    expect(json.schema).toBe('cd4ml/history@1');
    expect(json.metrics).toEqual(['accuracy', 'model.bytes', 'nope']);
    expect(json.runs).toEqual([
      {
        id: 'r1',
        commit: '1405df66cbe219b0bf6355bc3d60361a8376b6b4',
        branch: 'main',
        createdAt: '2026-01-01T08:00:00Z',
        status: 'success',
        metrics: { accuracy: 0.9, 'model.bytes': 1_240_000, nope: null },
      },
      {
        id: 'r2',
        commit: '1405df66cbe219b0bf6355bc3d60361a8376b6b4',
        branch: 'feat/x',
        createdAt: '2026-01-02T09:30:00Z',
        status: 'success',
        metrics: { accuracy: null, 'model.bytes': 1_240_000, nope: null },
      },
      {
        id: 'r3',
        commit: null,
        branch: null,
        createdAt: '2026-01-03T10:45:00Z',
        status: 'failed',
        metrics: { accuracy: 0.95, 'model.bytes': 1_240_000, nope: null },
      },
    ]);
  });

  it('prints that object as two-space-indented JSON with a final newline', () => {
    const text = renderHistoryJson(runs(), ['f1']);
    expect(text).toBe(`${JSON.stringify(toHistoryJson(runs(), ['f1']), null, 2)}\n`);
    expect(
      text.startsWith('{\n  "schema": "cd4ml/history@1",\n  "metrics": [\n    "f1"\n  ],'),
    ).toBe(true);
  });
});
