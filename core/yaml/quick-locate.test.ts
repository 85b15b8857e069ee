import { describe, expect, it } from 'vitest';
import { quickLocate } from './quick-locate.js';
import { YamlSource } from './source.js';

/** Every path into a value, for comparing the two ways of locating it. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value as Record<string, unknown>);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

const BLOCK = `# a pipeline
stages:
  prepare:
    cmd: python prepare.py   # comment
    deps:
      - data/raw.csv
      - src/prepare.py
    outs:
      - data/prepared
  "train model":
    cmd: >
      python train.py
      --fast
    params:
      - train.C
      - other.yaml:
          - seed
    metrics:
      - metrics.json:
          cache: false
    meta:
      'quoted key': 1
      list:
      - a
      - b
vars:
  - config.yaml
`;

describe('quickLocate', () => {
  const source = YamlSource.parse(BLOCK, 'cd4ml.yaml', 'E_SPEC');
  it.each(paths(source.data).map((p) => [p.join('.'), p] as const))(
    'finds %s where the full parse does',
    (_name, path) => {
      for (const key of [false, true]) {
        const { line, column } = source.locate(path, { key });
        expect(quickLocate(BLOCK, path, { key })).toEqual({ line, column });
      }
    },
  );

  it('stops at the deepest field it finds in flow style', () => {
    const text = 'stages:\n  a:\n    deps: [x, y]\n';
    expect(quickLocate(text, ['stages', 'a', 'deps', 1])).toEqual({ line: 3, column: 11 });
  });
});
