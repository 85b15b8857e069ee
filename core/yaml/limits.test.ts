import { describe, expect, it } from 'vitest';
import { Cd4mlError } from '../errors.js';
import { parseRunRecord } from '../run-record/parse.js';
import { parsePolicy } from '../policy/parse.js';
import { findBreach, parseJson, PARSE_LIMITS } from './limits.js';
import { aliasBomb } from './testing.js';
import { YamlSource } from './source.js';

/** Typically ~50 ms; the bound leaves room for a loaded 2-core CI machine, and the unbounded parse took minutes. */
const LOADED_MACHINE_MS = 3000;

/** The error `fn` throws, and how long it took to throw it. */
function failure(fn: () => unknown): { error: Cd4mlError; ms: number } {
  const start = performance.now();
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(Cd4mlError);
    return { error: error as Cd4mlError, ms: performance.now() - start };
  }
  throw new Error('expected an error');
}

describe('YamlSource.parse limits', () => {
  it('rejects an alias bomb in well under a second, at its line', () => {
    const { error, ms } = failure(() => YamlSource.parse(aliasBomb(), 'params.yaml', 'E_PARAMS'));
    expect(ms).toBeLessThan(LOADED_MACHINE_MS);
    expect(error.code).toBe('E_PARAMS');
    expect(error.message).toMatch(
      /^params\.yaml:\d+:\d+: a\d.*: expands to more than 1,000,000 values: YAML aliases/,
    );
  });

  it('accepts a few aliases of small anchors', () => {
    const source = YamlSource.parse('base: &b [a, b]\none: *b\ntwo: *b\n', 'p.yaml', 'E_PARAMS');
    expect(source.data).toEqual({ base: ['a', 'b'], one: ['a', 'b'], two: ['a', 'b'] });
  });

  it('rejects deep flow nesting with its line, never a stack overflow', () => {
    const deep = `a: 1\nb: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    const { error, ms } = failure(() => YamlSource.parse(deep, 'cd4ml.yaml', 'E_SPEC'));
    expect(ms).toBeLessThan(LOADED_MACHINE_MS);
    expect(error.message).toMatch(/^cd4ml\.yaml:2:\d+: nesting is deeper than 64 levels/);
  });

  it('rejects deep block nesting', () => {
    let text = '';
    for (let i = 0; i < 200; i++) text += `${' '.repeat(i)}k:\n`;
    const { error } = failure(() => YamlSource.parse(text, 'cd4ml.yaml', 'E_SPEC'));
    expect(error.message).toMatch(/^cd4ml\.yaml:\d+:\d+: nesting is deeper than 64 levels/);
  });

  it('says a binary file is not text, without printing its bytes', () => {
    const text = Buffer.from([0x73, 0x3a, 0x20, 0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a]).toString(
      'utf8',
    );
    const { error } = failure(() => YamlSource.parse(text, 'cd4ml.yaml', 'E_SPEC'));
    expect(error.message).toMatch(
      /^cd4ml\.yaml:1:4: not a UTF-8 text file \(control character U\+0000 here\)/,
    );
    // eslint-disable-next-line no-control-regex -- none of the file's bytes may reach the terminal
    expect(error.message).not.toMatch(/[\u0000-\u0008\u001b\ufffd]/);
  });

  it('rejects invalid UTF-8', () => {
    const text = Buffer.from('a: caf\xe9\n', 'latin1').toString('utf8');
    expect(failure(() => YamlSource.parse(text, 'p.yaml', 'E_PARAMS')).error.message).toMatch(
      /^p\.yaml:1:7: not a UTF-8 text file \(invalid UTF-8 here\)/,
    );
  });

  it('rejects an oversized file before parsing it', () => {
    const text = `a: "${'x'.repeat(PARSE_LIMITS.bytes)}"\n`;
    const { error, ms } = failure(() => YamlSource.parse(text, 'p.yaml', 'E_PARAMS'));
    expect(ms).toBeLessThan(LOADED_MACHINE_MS);
    expect(error.message).toMatch(
      /^p\.yaml: the file is [\d,]+ characters, over the limit of 8,388,608/,
    );
  });

  it('applies the limits to the policy file', () => {
    const { error, ms } = failure(() => parsePolicy(`x:\n${aliasBomb('  ')}`, '.github/cd4ml.yml'));
    expect(ms).toBeLessThan(LOADED_MACHINE_MS);
    expect(error.code).toBe('E_POLICY');
    expect(error.message).toMatch(/expands to more than/);
  });
});

describe('findBreach', () => {
  it('stops at the limit instead of walking an exponential value', () => {
    let value: unknown = ['x'];
    for (let i = 0; i < 60; i++) value = [value, value];
    expect(findBreach(value)?.message).toMatch(/expands to more than 1,000,000 values/);
  });

  it('counts a long string repeated through aliases', () => {
    const big = 'x'.repeat(1024 * 1024);
    expect(findBreach(Array(100).fill(big))?.message).toMatch(/more than 67,108,864 characters/);
  });

  it('names the path of a value nested too deep', () => {
    let value: unknown = 1;
    for (let i = 0; i < 100; i++) value = { k: value };
    expect(findBreach(value)?.path.length).toBe(64);
  });
});

describe('parseJson', () => {
  it('rejects deep nesting', () => {
    const { error } = failure(() =>
      parseJson(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'x.json', 'E_IO'),
    );
    expect(error.message).toMatch(/^x\.json: .*nesting is deeper than 64 levels/);
  });

  it('reports a syntax error at its line without quoting the text', () => {
    const { error } = failure(() => parseJson('{\n  "a": 1,\n  \u00ffsecret\n}', 'x.json', 'E_IO'));
    expect(error.message).toMatch(/^x\.json:3:3: invalid JSON/);
    expect(error.message).not.toContain('secret');
  });

  it('guards run records too', () => {
    const { error } = failure(() =>
      parseRunRecord(`${'['.repeat(50)}${']'.repeat(50)}`, 'cd4ml-run.json'),
    );
    expect(error.code).toBe('E_RUN_RECORD');
    expect(error.message).toMatch(/nesting is deeper than 32 levels/);
  });
});
