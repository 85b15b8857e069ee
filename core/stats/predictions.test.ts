import { describe, expect, it } from 'vitest';
import { Cd4mlError } from '../errors.js';
import { parsePredictions } from './prediction-file.js';
import { pairedSignificance } from './predictions.js';

function csv(rows: Array<[string, string, string, number?]>): string {
  return [
    'id,label,prediction,score',
    ...rows.map(([id, l, p, s]) => `${id},${l},${p},${s ?? ''}`),
  ].join('\n');
}

describe('parsePredictions', () => {
  it('reads quoted fields, any column order and CRLF', () => {
    const rows = parsePredictions('prediction,id,label\r\n"a,b",1,"say ""hi"""\r\n', 'p.csv');
    expect(rows).toEqual([{ id: '1', label: 'say "hi"', prediction: 'a,b' }]);
  });

  it('names the file and line of a bad score', () => {
    expect(() =>
      parsePredictions('id,label,prediction,score\n1,0,0,0.1\n2,1,1,high', 'p.csv'),
    ).toThrow(/p\.csv:3: score/);
  });

  it('reads a BOM, skips blank lines and counts quoted newlines in the line it names', () => {
    const text = '\ufeffid,label,prediction,score\n\n1,"two\nlines",0,0.1\n2,1,1,high\n';
    expect(() => parsePredictions(text, 'p.csv')).toThrow(
      /p\.csv:5: score: score "high" is not a number/,
    );
    expect(parsePredictions(text.replace('high', '0.9'), 'p.csv')).toHaveLength(2);
  });

  it('names the line of malformed quoting', () => {
    expect(() => parsePredictions('id,label,prediction\n1,"0"x,0\n', 'p.csv')).toThrow(
      /^p\.csv:2: predictions file is not valid CSV/,
    );
  });

  it('requires the header', () => {
    expect(() => parsePredictions('a,b\n1,2', 'p.csv')).toThrow(Cd4mlError);
  });
});

describe('pairedSignificance', () => {
  it('pairs by id regardless of order and computes accuracy, McNemar, Brier and log loss', () => {
    const base = parsePredictions(
      csv([
        ['a', '1', '1', 0.9],
        ['b', '0', '1', 0.6],
        ['c', '1', '0', 0.4],
        ['d', '0', '0', 0.2],
      ]),
      'b',
    );
    const head = parsePredictions(
      csv([
        ['d', '0', '0', 0.1],
        ['c', '1', '1', 0.7],
        ['b', '0', '0', 0.3],
        ['a', '1', '1', 0.95],
      ]),
      'h',
    );
    const result = pairedSignificance(base, head, { resamples: 200 });
    if (result.kind !== 'classification')
      throw new Error(`expected classification, got ${result.kind}`);
    expect(result.paired).toBe(4);
    const accuracy = result.metrics.find((m) => m.name === 'accuracy')!;
    expect([accuracy.base, accuracy.head, accuracy.delta.estimate]).toEqual([0.5, 1, 0.5]);
    expect(result.mcnemar).toMatchObject({ baseOnly: 0, headOnly: 2, pValue: 0.5 });
    expect(result.metrics.map((m) => m.name)).toEqual([
      'accuracy',
      'error_rate',
      'brier',
      'log_loss',
    ]);
    const brier = result.metrics.find((m) => m.name === 'brier')!;
    expect(brier.base).toBeCloseTo((0.01 + 0.36 + 0.36 + 0.04) / 4, 12);
  });

  it('treats numeric non-integer predictions as regression', () => {
    const rows = (offset: number) =>
      Array.from({ length: 30 }, (_, i) => ({
        id: String(i),
        label: String(i / 2),
        prediction: String(i / 2 + offset * ((i % 3) - 1)),
      }));
    const result = pairedSignificance(rows(0.5), rows(0.25), { resamples: 100 });
    expect(result.kind).toBe('regression');
    if (result.kind !== 'regression') return;
    const mae = result.metrics.find((m) => m.name === 'mae')!;
    expect(mae.delta.estimate).toBeLessThan(0);
    expect(result.metrics.map((m) => m.name)).toEqual(['mae', 'mse', 'rmse']);
  });

  it('uses fewer resamples on very large evaluation sets, and says how many', () => {
    const rows = Array.from({ length: 250_000 }, (_, i) => ({
      id: String(i),
      label: '1',
      prediction: i % 10 === 0 ? '0' : '1',
    }));
    const result = pairedSignificance(rows, rows);
    if (result.kind !== 'classification') throw new Error(result.kind);
    expect(result.metrics[0]?.delta.resamples).toBe(400);
  });

  it('refuses to pair different evaluation sets', () => {
    const a = [{ id: '1', label: 'x', prediction: 'x' }];
    expect(pairedSignificance(a, [{ id: '1', label: 'y', prediction: 'y' }])).toMatchObject({
      kind: 'skipped',
    });
    expect(pairedSignificance(a, [{ id: '2', label: 'x', prediction: 'x' }])).toMatchObject({
      kind: 'skipped',
    });
  });
});
