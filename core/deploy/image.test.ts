import { describe, expect, it } from 'vitest';
import { Cd4mlError } from '../errors.js';
import { checkImageName, defaultImageName, imageLabels, imageTags } from './image.js';

describe('imageTags', () => {
  it.each([
    ['v1.2.3', ['1.2.3', 'latest'], false],
    ['1.2.3', ['1.2.3', 'latest'], false],
    ['v1.3.0-rc.1', ['1.3.0-rc.1'], true],
    ['v1.2.3+build.7', ['1.2.3_build.7', 'latest'], false],
    ['v2.0.0-beta.2+sha.5114f85', ['2.0.0-beta.2_sha.5114f85'], true],
    ['nightly', ['nightly'], true],
  ])('%s → %j (pre-release %s)', (tag, tags, prerelease) => {
    expect(imageTags(tag)).toMatchObject({ tags, prerelease });
  });

  it.each(['-rc', 'release/1', 'latest', 'x'.repeat(129)])('refuses %s as an image tag', (tag) => {
    const error = (() => {
      try {
        imageTags(tag);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(Cd4mlError);
    expect((error as Error).message).toContain(`the tag "${tag}" cannot name an image`);
  });
});

describe('checkImageName', () => {
  it.each([
    'ghcr.io/acme/iris-serving',
    '127.0.0.1:5000/cd4ml/serving',
    'localhost/a__b/c.d',
    'acme/iris',
  ])('accepts %s', (name) => expect(checkImageName(name, 'input "image"')).toBe(name));

  it.each([
    [
      'ghcr.io/Acme/Iris',
      'has uppercase letters ("Acme"): image names must be lowercase\n  hint: use ghcr.io/acme/iris',
    ],
    ['ghcr.io/acme/iris:1.0', 'carries a tag or digest'],
    ['ghcr.io/acme/iris@sha256:00', 'carries a tag or digest'],
    ['ghcr.io/acme/-iris', 'has an invalid component "-iris"'],
    ['ghcr.io//iris', 'is not an image name'],
  ])('refuses %s', (name, problem) => {
    expect(() => checkImageName(name, 'input "image"')).toThrow(
      `input "image": "${name}" ${problem}`,
    );
  });

  it('lowercases the default name (GHCR requires it)', () => {
    expect(defaultImageName('ghcr.io', 'Acme/Iris')).toBe('ghcr.io/acme/iris-serving');
  });
});

it('imageLabels carries the five OCI labels', () => {
  expect(
    imageLabels({
      source: 'https://github.com/a/b',
      revision: 'abc',
      version: '1.2.3',
      created: '2026-01-01T00:00:00Z',
      licenses: 'MIT',
    }),
  ).toEqual([
    'org.opencontainers.image.source=https://github.com/a/b',
    'org.opencontainers.image.revision=abc',
    'org.opencontainers.image.version=1.2.3',
    'org.opencontainers.image.created=2026-01-01T00:00:00Z',
    'org.opencontainers.image.licenses=MIT',
  ]);
});
