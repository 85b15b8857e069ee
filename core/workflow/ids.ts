import { createHash } from 'node:crypto';

/**
 * Names the compiled workflow gives its jobs and artifacts. GitHub's rules:
 * - a job id "must start with a letter or `_` and contain only alphanumeric characters,
 *   `-`, or `_`", and must be unique (GitHub compares keys case-insensitively);
 * - an artifact name may not contain `" : < > | * ? \r \n \ /` (actions/upload-artifact v4,
 *   for NTFS), and within a run it must be unique.
 * Both are derived from the stage name alone, so adding a stage does not rename the others'
 * jobs unless two names collide after cleaning (then the one that runs later gets a
 * numbered suffix).
 */

export const JOB_ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;
// Plus `,`: the name also goes into the stage's cache key, which may not hold a comma.
const ARTIFACT_FORBIDDEN = /[":<>|*?\r\n\\/,]/g;

/** The prefix of every stage's artifact, so the final job downloads them with one pattern. */
export const STAGE_ARTIFACT_PREFIX = 'cd4ml-stage-';
/** The prefix of every stage's fragment artifact (its result and lock entry alone). */
export const FRAGMENT_ARTIFACT_PREFIX = 'cd4ml-fragment-';

/** The fragment artifact of a stage whose outs artifact is `artifact`. */
export function fragmentArtifactFor(artifact: string): string {
  return `${FRAGMENT_ARTIFACT_PREFIX}${artifact.slice(STAGE_ARTIFACT_PREFIX.length)}`;
}

/** A job id for a stage name: `train@logreg-0.1` → `train_logreg-0_1`; `1st` → `_1st`. */
export function jobIdFor(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

/**
 * Longest artifact name written as is. The name is also part of the stage's cache key,
 * which actions/cache caps at 512 characters (the rest of the key takes about 100).
 */
const ARTIFACT_NAME_MAX = 200;

/**
 * An artifact name for a stage: `cd4ml-stage-train@logreg-0.1`; forbidden characters (and
 * `,`) become `_`; a name over 200 characters keeps its start and gets a hash of the whole.
 */
export function artifactNameFor(name: string): string {
  const full = `${STAGE_ARTIFACT_PREFIX}${name.replace(ARTIFACT_FORBIDDEN, '_')}`;
  if (full.length <= ARTIFACT_NAME_MAX) return full;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 12);
  return `${full.slice(0, ARTIFACT_NAME_MAX - 13)}-${hash}`;
}

/**
 * Makes names unique, case-insensitively, in the order given: the first keeps its name,
 * later ones get `-2`, `-3`, … `taken` holds names used elsewhere (the final job's id).
 */
export function uniqueNames(wanted: readonly string[], taken: Iterable<string> = []): string[] {
  const used = new Set([...taken].map((name) => name.toLowerCase()));
  return wanted.map((name) => {
    let candidate = name;
    for (let n = 2; used.has(candidate.toLowerCase()); n += 1) candidate = `${name}-${n}`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}
