import { describe, expect, it } from 'vitest';
import { GITHUB_LIMITS, fitMarkdown, sizeOf } from './limits.js';

function report(rows: number, cell = '0.5'): string {
  const table = ['| metric | base | head |', '|:--|--:|--:|'];
  for (let i = 0; i < rows; i++) table.push(`| eval.slice_${i}.f1 | ${cell} | 0.${i + 1} |`);
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

describe('fitMarkdown', () => {
  it.each([{ chars: GITHUB_LIMITS.commentChars }, { chars: 2000 }])(
    'cuts to %o at a blank line, never inside a table, closing <details>',
    (limit) => {
      const text = report(5000);
      expect(text.length).toBeGreaterThan(limit.chars);
      const cut = fitMarkdown(text, limit);
      expect(cut.length).toBeLessThanOrEqual(limit.chars);
      expect(cut).toMatch(/✂️ The rest of this report was cut/);
      for (const line of cut.split('\n').filter((l) => l.startsWith('|')))
        expect(line).toMatch(/\|$/);
      expect(cut.split('<details>').length).toBe(cut.split('</details>').length);
    },
  );

  it('counts UTF-8 bytes for check-run output: a report of emoji fits in bytes, not just characters', () => {
    // 4 bytes per emoji: ~30,000 characters but ~100,000 bytes.
    const text = report(2500, '🟢');
    expect(text.length).toBeLessThan(GITHUB_LIMITS.checkRunOutputBytes * 1.5);
    expect(Buffer.byteLength(text)).toBeGreaterThan(GITHUB_LIMITS.checkRunOutputBytes);
    const cut = fitMarkdown(text, { bytes: GITHUB_LIMITS.checkRunOutputBytes });
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(GITHUB_LIMITS.checkRunOutputBytes);
    expect(cut).toContain('✂️');
    expect(cut.split('<details>').length).toBe(cut.split('</details>').length);
    // The same text measured in characters would have been left whole.
    expect(fitMarkdown(text, { chars: GITHUB_LIMITS.checkRunOutputBytes * 2 })).toBe(text);
  });

  it('closes a code fence the cut leaves open', () => {
    const log = Array.from({ length: 400 }, (_, i) => `line ${i}`).join('\n\n');
    const text = `### Log\n\n\`\`\`text\n${log}\n\`\`\`\n`;
    const cut = fitMarkdown(text, { chars: 1000 });
    expect(cut.length).toBeLessThanOrEqual(1000);
    expect(cut.split('\n').filter((l) => l.startsWith('```')).length % 2).toBe(0);
  });

  it('never splits a character, even under a limit smaller than the note', () => {
    const cut = fitMarkdown('🟢'.repeat(100), { bytes: 10 });
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(10);
    expect(cut).not.toContain('\uFFFD');
    expect(sizeOf(cut, { bytes: 10 })).toBe(Buffer.byteLength(cut));
  });

  it('leaves text under the limit alone', () => {
    const text = report(10);
    expect(fitMarkdown(text, { chars: GITHUB_LIMITS.commentChars })).toBe(text);
    expect(fitMarkdown(text, { bytes: GITHUB_LIMITS.checkRunOutputBytes })).toBe(text);
  });
});
