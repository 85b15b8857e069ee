import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GITHUB_LIMITS, fitMarkdown, fitOutputs, outputBytes } from '../../github/limits.js';
import { setOutputs, writeSummary } from './outputs.js';

let dir: string;
const saved = { ...process.env };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cd4ml-outputs-'));
  process.env.GITHUB_OUTPUT = join(dir, 'output');
  process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary');
  writeFileSync(process.env.GITHUB_OUTPUT, '');
  writeFileSync(process.env.GITHUB_STEP_SUMMARY, '');
});
afterEach(() => {
  process.env = { ...saved };
  rmSync(dir, { recursive: true, force: true });
});

/** GITHUB_OUTPUT as the runner reads it: `name<<delimiter`, lines, the delimiter alone on a line. */
function runnerOutputs(text: string): { values: Record<string, string>; delimiters: string[] } {
  const values: Record<string, string> = {};
  const delimiters: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^=<]+)<<(.+)$/.exec(lines[i]!);
    if (!match) continue;
    const [, name, delimiter] = match;
    delimiters.push(delimiter!);
    const body: string[] = [];
    for (i++; lines[i] !== delimiter; i++) body.push(lines[i]!);
    values[name!] = body.join('\n');
  }
  return { values, delimiters };
}

describe('step outputs', () => {
  it('a value holding would-be delimiters cannot end itself early or forge another output', () => {
    const hostile =
      'a\nEOF\nconclusion=success\nghadelimiter_00000000-0000-0000-0000-000000000000\nforged<<X\nyes\nX';
    setOutputs({ metrics: hostile, conclusion: 'failure' });
    const { values, delimiters } = runnerOutputs(readFileSync(process.env.GITHUB_OUTPUT!, 'utf8'));
    expect(values).toEqual({ metrics: hostile, conclusion: 'failure' });
    // @actions/core's delimiters: random, one per value, never a fixed heredoc word.
    expect(delimiters).toHaveLength(2);
    expect(delimiters[0]).toMatch(/^ghadelimiter_[0-9a-f-]{36}$/);
    expect(delimiters[0]).not.toBe(delimiters[1]);
  });

  it('keeps outputs at exactly the 1 MB job limit counted as GitHub does, in UTF-16, and empties the largest one character over', () => {
    // GitHub counts 2 bytes a UTF-16 code unit: 'x' and 'é' are 2 bytes, an emoji 4.
    const names = 'metrics'.length + 'status'.length;
    const room = GITHUB_LIMITS.jobOutputBytes / 2 - names - 'success'.length;
    const exact = '😀'.repeat(1000) + 'é'.repeat(1000) + 'x'.repeat(room - 3000);
    expect(exact.length + names + 'success'.length).toBe(GITHUB_LIMITS.jobOutputBytes / 2);
    expect(outputBytes(exact)).toBe(2 * (room - 3000) + 2 * 1000 + 4 * 1000);
    expect(fitOutputs({ metrics: exact, status: 'success' }).dropped).toEqual([]);
    // 500,000 ASCII characters in all: in UTF-8 bytes that is half the limit, in GitHub's count all of it.
    expect(Buffer.byteLength(exact) + names + 'success'.length).toBeLessThan(
      GITHUB_LIMITS.jobOutputBytes,
    );
    const over = fitOutputs({ metrics: `${exact}y`, status: 'success' });
    expect(over.outputs).toEqual({ metrics: '', status: 'success' });
    expect(over.dropped).toEqual([{ name: 'metrics', bytes: outputBytes(exact) + 2 }]);
  });

  it('says which output was emptied and where its data is', () => {
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (chunk: string) => (lines.push(String(chunk)), true);
    try {
      setOutputs(
        { metrics: 'x'.repeat(GITHUB_LIMITS.jobOutputBytes / 2) },
        { metrics: 'They are in run.json.' },
      );
    } finally {
      process.stdout.write = write;
    }
    expect(lines.join('')).toContain(
      `::warning::cd4ml: output \`metrics\` (${GITHUB_LIMITS.jobOutputBytes} bytes) was left empty: a job's outputs may hold ${GITHUB_LIMITS.jobOutputBytes} bytes together, which GitHub counts in UTF-16 (2 bytes a character). They are in run.json.`,
    );
    expect(runnerOutputs(readFileSync(process.env.GITHUB_OUTPUT!, 'utf8')).values).toEqual({
      metrics: '',
    });
  });
});

describe('the step summary', () => {
  it('is written whole at exactly 1 MiB in bytes, and cut with a note naming where the rest is one byte over', async () => {
    const max = GITHUB_LIMITS.stepSummaryBytes;
    // Paragraphs of 3-byte characters, padded to exactly the limit.
    const paragraph = `${'€'.repeat(300)}\n\n`;
    let exact = paragraph.repeat(Math.floor(max / Buffer.byteLength(paragraph)));
    exact += 'x'.repeat(max - Buffer.byteLength(exact));
    expect(Buffer.byteLength(exact)).toBe(max);
    expect(fitMarkdown(exact, { bytes: max })).toBe(exact);

    await writeSummary(`${exact}y`, 'in report.md');
    const written = readFileSync(process.env.GITHUB_STEP_SUMMARY!, 'utf8');
    expect(statSync(process.env.GITHUB_STEP_SUMMARY!).size).toBeLessThanOrEqual(max);
    expect(written).toMatch(
      /€\n\n> ✂️ This summary was cut to GitHub's 1048576-byte limit for a step summary; the whole of it is in report\.md\.\n$/,
    );
    // Cut at a blank line: whole paragraphs only, no split character.
    expect(written.split('\n\n> ✂️')[0]!.replace(/\n\n/g, '')).toMatch(/^(€{300})+$/);
  });
});
