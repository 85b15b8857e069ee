import { expect, it } from 'vitest';
import { MAX_CHECK_SUMMARY_CHARS, MAX_COMMENT_CHARS, fitMarkdown } from './limits.js';

function report(rows: number): string {
  const table = ['| metric | base | head |', '|:--|--:|--:|'];
  for (let i = 0; i < rows; i++) table.push(`| eval.slice_${i}.f1 | 0.${i} | 0.${i + 1} |`);
  return [
    '<!-- cd4ml:report -->',
    '### Model gate passed',
    '',
    '<details><summary>All metrics</summary>',
    '',
    ...table,
    '',
    '</details>',
    '',
    'footer',
  ].join('\n');
}

it.each([MAX_COMMENT_CHARS, MAX_CHECK_SUMMARY_CHARS, 2000])(
  'cuts to %i characters at a blank line, never inside a table',
  (max) => {
    const text = report(5000);
    expect(text.length).toBeGreaterThan(max);
    const cut = fitMarkdown(text, max);
    expect(cut.length).toBeLessThanOrEqual(max);
    expect(cut).toMatch(/✂️ The rest of this report was cut/);
    const lines = cut.split('\n');
    for (const line of lines.filter((l) => l.startsWith('|'))) expect(line).toMatch(/\|$/);
    expect(cut.split('<details>').length).toBe(cut.split('</details>').length);
  },
);

it('leaves text under the limit alone', () => {
  const text = report(10);
  expect(fitMarkdown(text, MAX_COMMENT_CHARS)).toBe(text);
});
