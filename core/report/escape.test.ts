import { describe, expect, it } from 'vitest';
import {
  REPORT_MARKER,
  escapeHtml,
  escapeMarkdown,
  escapeMermaid,
  escapeTerminal,
  safeUrl,
} from './escape.js';

describe('escapeMarkdown', () => {
  it.each([
    ['a|b', 'a\\|b'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)&gt;'],
    ['**bold** _it_ `code`', '\\*\\*bold\\*\\* \\_it\\_ \\`code\\`'],
    ['[click](https://evil.example)', '\\[click\\]\\(https:\u200b//evil.example\\)'],
    ['@everyone', '@\u200beveryone'],
    ['see #12', 'see \\#\u200b12'],
    ['www.evil.example', 'www\u200b.evil.example'],
    ['line\nbreak\r\n| x |', 'line break \\| x \\|'],
    ['$x^2$', '\\$x^2\\$'],
    ['- item', '\\- item'],
    ['1. item', '1\\. item'],
    ['&#124;', '&amp;\\#\u200b124;'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('can never produce the report marker', () => {
    expect(escapeMarkdown(REPORT_MARKER)).not.toContain('<!--');
    expect(escapeHtml(REPORT_MARKER)).not.toContain('<!--');
  });

  it('caps length', () => {
    expect(escapeMarkdown('x'.repeat(500), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('escapeMermaid', () => {
  it('keeps only plain characters', () => {
    expect(escapeMermaid('acc"]; click A call alert() %%{init}%%')).toBe(
      'acc click A call alert init',
    );
    expect(escapeMermaid('"')).toBe('?');
  });
});

describe('escapeTerminal', () => {
  it('drops ANSI escapes and control characters', () => {
    expect(escapeTerminal('ok\u001b[2J\u001b]0;pwned\u0007 done')).toBe('ok [2J ]0;pwned done');
  });
});

describe('safeUrl', () => {
  it.each([
    ['https://github.com/acme/x/actions/runs/1', 'https://github.com/acme/x/actions/runs/1'],
    ['http://github.com/', null],
    ['javascript:alert(1)', null],
    ['https://user:pw@github.com/', null],
    ['https://github.com/a)](https://evil', null],
    ['not a url', null],
    [null, null],
  ])('%j → %j', (input, expected) => {
    expect(safeUrl(input)).toBe(expected);
  });
});
