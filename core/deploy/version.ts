import semver from 'semver';
import { Cd4mlError } from '../errors.js';

/**
 * Release versions of a model repository: `v<semver>` tags. Pure functions shared by the
 * bot (deploy on merge, `/cd4ml rollback`) and the CLI (`cd4ml rollback`).
 */

export type Bump = 'major' | 'minor' | 'patch';

/** The first release when a repository has no version tag yet. */
const FIRST_VERSION = '0.1.0';

/** `v1.4.0` / `1.4.0` → `1.4.0`; null for anything that is not a plain release version. */
export function releaseVersion(tag: string): string | null {
  const text = tag.startsWith('v') ? tag.slice(1) : tag;
  const parsed = semver.valid(text);
  if (!parsed || semver.prerelease(parsed)) return null;
  return parsed;
}

/** The release versions among `tags`, newest first; duplicates (`v1.0.0`, `1.0.0`) once. */
export function releaseVersions(tags: readonly string[]): string[] {
  const versions = new Set<string>();
  for (const tag of tags) {
    const version = releaseVersion(tag);
    if (version) versions.add(version);
  }
  return [...versions].sort(semver.rcompare);
}

/** The tag for the next release after the newest one in `tags` (`v0.1.0` when there is none). */
export function nextVersionTag(tags: readonly string[], bump: Bump = 'minor'): string {
  const newest = releaseVersions(tags)[0];
  if (!newest) return `v${FIRST_VERSION}`;
  return `v${semver.inc(newest, bump) ?? newest}`;
}

/**
 * The tag a rollback to `requested` deploys: the existing release tag for that version
 * (`1.4.0`, `v1.4.0`). Throws E_USAGE naming the releases there are when it does not exist.
 */
export function rollbackTarget(requested: string, tags: readonly string[]): string {
  const version = releaseVersion(requested.trim());
  if (!version) {
    throw new Cd4mlError('E_USAGE', `"${requested}" is not a release version`, {
      hint: 'give a version such as v1.4.0 (see the repository tags)',
    });
  }
  const tag = tags.find((t) => releaseVersion(t) === version);
  if (!tag) {
    const known = releaseVersions(tags).slice(0, 5);
    throw new Cd4mlError('E_USAGE', `there is no release v${version}`, {
      hint: known.length
        ? `the newest releases are ${known.map((v) => `v${v}`).join(', ')}`
        : 'this repository has no release tags yet',
    });
  }
  return tag;
}

/**
 * The integer model version of a release tag (TF Serving's version directories are
 * integers, ordered like the tags): `v1.4.2` → 1004002, major·10⁶ + minor·10³ + patch.
 * Build metadata is ignored as semver orders it (`v1.4.2+build.7` → 1004002). A
 * pre-release tag (`v1.4.2-rc.1`) has no model version of its own: it would share
 * 1004002 with the release `v1.4.2` and a server would take the later one for the same
 * model. Such tags — and minor or patch over 999 — throw E_USAGE: give the version explicitly.
 */
export function modelVersionOf(tag: string): number {
  const text = tag.startsWith('v') ? tag.slice(1) : tag;
  const parsed = semver.parse(text);
  if (!parsed) {
    throw new Cd4mlError('E_USAGE', `the tag "${tag}" is not a version like v1.2.3`, {
      hint: 'tag releases v<major>.<minor>.<patch>, or give the model version as an integer',
    });
  }
  if (parsed.prerelease.length > 0) {
    throw new Cd4mlError(
      'E_USAGE',
      `the pre-release tag "${tag}" has no model version of its own (v${parsed.major}.${parsed.minor}.${parsed.patch} would have the same one)`,
      {
        hint: 'give the model version as an integer for pre-releases, e.g. 1004001 before 1004002',
      },
    );
  }
  if (parsed.minor > 999 || parsed.patch > 999) {
    throw new Cd4mlError('E_USAGE', `the tag "${tag}" has a minor or patch over 999`, {
      hint: 'give the model version as an integer',
    });
  }
  return parsed.major * 1_000_000 + parsed.minor * 1_000 + parsed.patch;
}
