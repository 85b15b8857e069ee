import { load } from 'js-yaml';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { emitYaml } from './emit.js';

const TRICKY = [
  '',
  'true',
  'On',
  'null',
  '~',
  '123',
  '0.1',
  '.inf',
  '-x',
  '@x',
  '*x',
  '&x',
  '!x',
  '%x',
  '?x',
  '[x]',
  '{x}',
  "'x'",
  '"x"',
  'a: b',
  'a:',
  'a #b',
  'a#b',
  'trailing ',
  ' leading',
  'it’s “quoted”',
  '${{ hashFiles(\'a, b\', "c") }}',
  'back\\slash',
  'tab\there',
];

describe('emitYaml', () => {
  it('writes strings that YAML parsers read back unchanged', () => {
    const value = {
      on: { push: { branches: ['main', 'true', 'a,b', 'x y'] }, pull_request: {} },
      'a key: with colon': 1,
      scalars: Object.fromEntries(TRICKY.map((s, i) => [`s${i}`, s])),
      list: [...TRICKY, 1, false, {}, [], ['nested'], { a: 1, b: ['x'], c: { d: 'e' } }],
      multiline: 'one\ntwo\n\nfour',
      multilineTrailing: 'one \ntwo',
      multilineEndingNewline: 'one\ntwo\n',
      empty: [],
      none: {},
    };
    const text = emitYaml(value, new Set(['branches']));
    expect(parse(text)).toEqual(value);
    expect(load(text)).toEqual(value);
    expect(text).toContain('on:\n  push:\n    branches: [ main, "true", "a,b", "x y" ]\n');
    expect(text).toContain('multiline: |-\n  one\n  two\n\n  four\n');
  });
});
