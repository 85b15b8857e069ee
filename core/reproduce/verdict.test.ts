import { describe, expect, it } from 'vitest';
import type { RunEnvironment } from '../run-record/schema.js';
import { diffEnvironment } from './environment-diff.js';
import { parseTolerance } from './verdict.js';

describe('parseTolerance', () => {
  it.each([
    ['0', { kind: 'absolute', value: 0 }],
    ['1e-6', { kind: 'absolute', value: 1e-6 }],
    ['0.5%', { kind: 'relative', value: 0.005 }],
    ['-1', null],
    ['', null],
    ['abc', null],
    ['5 %', null],
  ])('%s', (text, expected) => expect(parseTolerance(text)).toEqual(expected));
});

describe('diffEnvironment', () => {
  const base: RunEnvironment = {
    os: 'linux 6.1',
    arch: 'x64',
    node: 'v20.19.0',
    python: '3.11.2',
    lockfiles: { 'requirements.txt': 'aaa', 'uv.lock': 'bbb' },
  };

  it('lists runtime, platform and lockfile changes, and files that appeared or vanished', () => {
    const now: RunEnvironment = {
      ...base,
      node: 'v24.1.0',
      lockfiles: { 'requirements.txt': 'ccc', 'conda.yaml': 'ddd' },
    };
    expect(diffEnvironment(base, now)).toEqual([
      { field: 'node', recorded: 'v20.19.0', current: 'v24.1.0' },
      { field: 'lockfiles.conda.yaml', recorded: null, current: 'ddd' },
      { field: 'lockfiles.requirements.txt', recorded: 'aaa', current: 'ccc' },
      { field: 'lockfiles.uv.lock', recorded: 'bbb', current: null },
    ]);
  });

  it('ignores what an @1 record did not record, and compares images by digest', () => {
    expect(diffEnvironment(base, { ...base, cd4ml: '0.2.0', image: null })).toEqual([]);
    const pinned = { ref: 'img@sha256:1', digest: 'sha256:1' };
    expect(
      diffEnvironment(
        { ...base, image: pinned },
        { ...base, image: { ref: 'img:2', digest: null } },
      ),
    ).toEqual([{ field: 'image', recorded: 'sha256:1', current: 'img:2' }]);
  });
});
