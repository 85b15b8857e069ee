import { describe, expect, it } from 'vitest';
import { baseRun, headRun, policyText } from '../../compare/__fixtures__/records.js';
import { compare } from '../../compare/compare.js';
import { evaluatePolicy } from '../../policy/evaluate.js';
import type { PredictionRow } from '../../stats/prediction-file.js';
import { compareSlices } from '../../stats/slices.js';
import { renderReport } from './index.js';

/** `values` slices of 40 examples; the head breaks half of slice `s007`'s examples. */
function predictions(values: number): { base: PredictionRow[]; head: PredictionRow[] } {
  const base: PredictionRow[] = [];
  const head: PredictionRow[] = [];
  for (let v = 0; v < values; v++) {
    const region = `s${String(v).padStart(3, '0')}`;
    for (let i = 0; i < 40; i++) {
      const id = `${region}-${i}`;
      const label = String(i % 2);
      const wrong = i % 10 === 0;
      const broken = region === 's007' && i % 2 === 1;
      const flip = (l: string) => (l === '1' ? '0' : '1');
      base.push({ id, label, prediction: wrong ? flip(label) : label, slices: [region] });
      head.push({ id, label, prediction: wrong || broken ? flip(label) : label, slices: [region] });
    }
  }
  return { base, head };
}

function render(values: number): string {
  const policy = policyText(
    'gate:\n  rules:\n    - { metric: accuracy, slices: [region], max_decrease: 0.05, significant: true }\n',
  );
  const { base, head } = predictions(values);
  const slices = compareSlices(base, head, { columns: ['region'], bootstrap: { resamples: 300 } });
  const comparison = compare(baseRun(), headRun(), policy, { slices });
  return renderReport(comparison, evaluatePolicy(comparison, policy));
}

describe('the Slices section', () => {
  it('leads with the failed slice, folds the rest, and keeps 200 slices under the comment limit', () => {
    const md = render(200);
    expect(md.length).toBeLessThan(65_536);
    const section = md.slice(md.indexOf('<summary><b>Slices</b>'));
    expect(section).toMatch(
      /^<summary><b>Slices<\/b>: ❌ 1 failed of 200 \(200 tested\), worst region=s007 −0\.5<\/summary>/,
    );
    // Open because a slice failed; the failed slice is the first row, with its bar.
    expect(md).toContain('<details open><summary><b>Slices</b>');
    const firstRow = section.split('\n').find((l) => l.startsWith('| ❌'));
    expect(firstRow).toBe(
      '| ❌ <code>region</code>\u00a0=\u00a0<code>s007</code> | 40 | 0.9 → 0.4 | −0.5 | 0.00038 | <code>🟥🟥🟥🟥🟥🟥🟥🟥🟥🟥</code> |',
    );
    expect(section).toContain('<summary>192 more slices</summary>');
    expect(md).toContain('accuracy per region: 1 slice failed: region=s007');
  });

  it('says when slices could not be compared', () => {
    const policy = policyText('gate:\n  rules: []\n');
    const comparison = compare(baseRun(), headRun(), policy, {
      slices: { kind: 'skipped', reason: 'predictions file has no slice column "region"' },
    });
    const md = renderReport(comparison, evaluatePolicy(comparison, policy));
    expect(md).toContain(
      '<details><summary><b>Slices</b>: not compared</summary>\n\nThe per-slice comparison could not be made: predictions file has no slice column',
    );
  });
});
