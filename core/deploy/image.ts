import semver from 'semver';
import { Cd4mlError } from '../errors.js';

/**
 * Container image names, tags and labels of a release, checked against the OCI
 * distribution reference grammar before anything is built or pushed.
 */

/** A repository path component: lowercase, separators `.`, `_`, `__`, `-`s. */
const COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
/** A registry host (with an optional port): the first component when it has `.` or `:`, or is localhost. */
const HOST =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\d+)?$/;
/** A tag: up to 128 of [A-Za-z0-9_.-], not starting with `.` or `-`. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

const isHost = (part: string): boolean =>
  (part.includes('.') || part.includes(':') || part === 'localhost') && HOST.test(part);

/**
 * Checks an image name without a tag (`ghcr.io/acme/iris-serving`); throws E_USAGE saying
 * what is wrong. `where` names the input it came from.
 */
export function checkImageName(name: string, where: string): string {
  const fail = (problem: string, hint: string): never => {
    throw new Cd4mlError('E_USAGE', `${where}: "${name}" ${problem}`, { hint });
  };
  if (name.includes('@') || /:[^/]*$/.test(name.split('/').slice(1).join('/')))
    fail('carries a tag or digest', 'give the image name only; the tags come from the release tag');
  const parts = name.split('/');
  const path = parts.length > 1 && isHost(parts[0] ?? '') ? parts.slice(1) : parts;
  if (path.length === 0 || path.some((c) => c === ''))
    fail('is not an image name', 'write registry/owner/name, e.g. ghcr.io/acme/iris-serving');
  const upper = path.find((c) => c !== c.toLowerCase());
  if (upper)
    fail(
      `has uppercase letters ("${upper}"): image names must be lowercase`,
      `use ${[...parts.slice(0, parts.length - path.length), ...path.map((c) => c.toLowerCase())].join('/')}`,
    );
  const bad = path.find((c) => !COMPONENT.test(c));
  if (bad)
    fail(
      `has an invalid component "${bad}"`,
      'components are lowercase letters and digits separated by ".", "_", "__" or "-"',
    );
  return name;
}

/** The default image of a repository on a registry: `<registry>/<owner>/<repo>-serving`, lowercase (GHCR requires it). */
export function defaultImageName(registry: string, fullName: string): string {
  return `${registry}/${fullName}-serving`.toLowerCase();
}

export interface ImageTags {
  /** The tags to push, most specific first. */
  tags: string[];
  /** A pre-release (or a non-version tag): no `latest`. */
  prerelease: boolean;
  /** The version the OCI `version` label carries. */
  version: string;
}

/**
 * The image tags for a git tag: `v1.2.3` → `1.2.3` and `latest`; `v1.3.0-rc.1` →
 * `1.3.0-rc.1` only (a pre-release never moves `latest`); `v1.2.3+build.7` → `1.2.3_build.7`
 * (a Docker tag cannot hold `+`; `_` as Helm does for OCI charts). A tag that is not a
 * version is used as it is when it is a valid image tag (no `latest`), else E_USAGE.
 */
export function imageTags(gitTag: string): ImageTags {
  const text = gitTag.startsWith('v') ? gitTag.slice(1) : gitTag;
  const parsed = semver.parse(text);
  if (parsed) {
    const build = parsed.build.length ? `_${parsed.build.join('.')}` : '';
    const version = `${parsed.version}${build}`;
    const prerelease = parsed.prerelease.length > 0;
    return { tags: prerelease ? [version] : [version, 'latest'], prerelease, version };
  }
  if (!TAG.test(gitTag) || gitTag === 'latest') {
    throw new Cd4mlError('E_USAGE', `the tag "${gitTag}" cannot name an image`, {
      hint: 'release version tags (v1.2.3); image tags are up to 128 of A-Z a-z 0-9 _ . - and do not start with . or -',
    });
  }
  return { tags: [gitTag], prerelease: true, version: gitTag };
}

export interface LabelSource {
  /** The repository's web URL. */
  source: string;
  revision: string;
  version: string;
  /** ISO 8601. */
  created: string;
  /** SPDX expression, e.g. MIT. */
  licenses: string;
}

/** The OCI annotation labels of a release image, as `key=value` lines. */
export function imageLabels(l: LabelSource): string[] {
  return [
    `org.opencontainers.image.source=${l.source}`,
    `org.opencontainers.image.revision=${l.revision}`,
    `org.opencontainers.image.version=${l.version}`,
    `org.opencontainers.image.created=${l.created}`,
    `org.opencontainers.image.licenses=${l.licenses}`,
  ];
}
