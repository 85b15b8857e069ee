import type { RunEnvironment } from '../run-record/schema.js';

/** One way the current environment differs from the recorded one. */
export interface EnvironmentDifference {
  /** `node`, `python`, `os`, `arch`, `cd4ml`, `image`, or `lockfiles.<file>`. */
  field: string;
  recorded: string | null;
  current: string | null;
}

/**
 * What differs between the environment a run recorded and the one a reproduction would run
 * in. A field the record lacks (an `@1` record has no image) is not a difference; a lockfile
 * that appeared, vanished or changed is.
 */
export function diffEnvironment(
  recorded: RunEnvironment,
  current: RunEnvironment,
): EnvironmentDifference[] {
  const differences: EnvironmentDifference[] = [];
  const check = (field: string, was: string | null | undefined, now: string | null): void => {
    if (was !== undefined && was !== now) differences.push({ field, recorded: was, current: now });
  };
  check('os', recorded.os, current.os);
  check('arch', recorded.arch, current.arch);
  check('node', recorded.node, current.node);
  if (recorded.python !== null) check('python', recorded.python, current.python);
  check('cd4ml', recorded.cd4ml, current.cd4ml ?? null);
  if (recorded.image !== undefined) {
    const was = recorded.image ? (recorded.image.digest ?? recorded.image.ref) : null;
    const now = current.image ? (current.image.digest ?? current.image.ref) : null;
    check('image', was, now);
  }
  const files = new Set([...Object.keys(recorded.lockfiles), ...Object.keys(current.lockfiles)]);
  for (const file of [...files].sort()) {
    check(`lockfiles.${file}`, recorded.lockfiles[file] ?? null, current.lockfiles[file] ?? null);
  }
  return differences;
}
