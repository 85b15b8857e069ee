import { describe, expect, it } from 'vitest';
import { Cd4mlError } from '../errors.js';
import { modelVersionOf, nextVersionTag, releaseVersions, rollbackTarget } from './version.js';

describe('nextVersionTag', () => {
  it.each([
    [[], 'minor', 'v0.1.0'],
    [['v1.4.0', 'v1.10.0', 'v1.9.3'], 'minor', 'v1.11.0'],
    [['v1.4.0', 'v2.0.0-rc.1', 'latest', 'v1.4.1'], 'patch', 'v1.4.2'],
    [['1.2.3'], 'major', 'v2.0.0'],
  ] as const)('after %j (%s) is %s', (tags, bump, expected) => {
    expect(nextVersionTag(tags, bump)).toBe(expected);
  });
});

describe('rollbackTarget', () => {
  const tags = ['v1.3.0', 'v1.4.0', 'nightly', 'v1.5.0'];
  it('finds the tag with or without the v', () => {
    expect(rollbackTarget('1.4.0', tags)).toBe('v1.4.0');
    expect(rollbackTarget('v1.4.0', tags)).toBe('v1.4.0');
  });
  it('names the newest releases when the version does not exist', () => {
    expect(() => rollbackTarget('v9.0.0', tags)).toThrow(
      /no release v9\.0\.0[\s\S]*v1\.5\.0, v1\.4\.0, v1\.3\.0/,
    );
  });
  it('refuses what is not a version', () => {
    expect(() => rollbackTarget('main', tags)).toThrow(Cd4mlError);
  });
  it('lists versions newest first, once', () => {
    expect(releaseVersions(['v1.0.0', '1.0.0', 'v0.9.0'])).toEqual(['1.0.0', '0.9.0']);
  });
});

describe('modelVersionOf', () => {
  it.each([
    ['v1.4.2', 1004002],
    ['1.4.2', 1004002],
    ['v0.0.0', 0],
    ['v12.999.999', 12999999],
    ['v1.4.2+build.7', 1004002],
  ])('%s → %i', (tag, version) => expect(modelVersionOf(tag)).toBe(version));

  it.each([
    [
      'v1.4.2-rc.1',
      'the pre-release tag "v1.4.2-rc.1" has no model version of its own (v1.4.2 would have the same one)',
    ],
    ['release-7', 'the tag "release-7" is not a version like v1.2.3'],
    ['v1.1000.0', 'the tag "v1.1000.0" has a minor or patch over 999'],
  ])('%s has none: %s', (tag, message) => {
    expect(() => modelVersionOf(tag)).toThrow(message);
  });
});
