import semver from 'semver';
import { Cd4mlError } from '../errors.js';

/**
 * Release versions of a model repository: `v<semver>` tags. Pure functions shared by the
 * bot (deploy on merge, `/cd4ml rollback`) and the CLI (`cd4ml rollback`).
 */

export type Bump = 'major' | 'minor' | 'patch';

/** The first release when a repository has no version tag yet. */
export const FIRST_VERSION = '0.1.0';

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
