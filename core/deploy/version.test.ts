import { describe, expect, it } from 'vitest';
import { Cd4mlError } from '../errors.js';
import { nextVersionTag, releaseVersions, rollbackTarget } from './version.js';

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
