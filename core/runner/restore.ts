import { join } from 'node:path';
import { Cd4mlError } from '../errors.js';
import type { Stage } from '../pipeline/model.js';
import type { CachedOuts } from './cache.js';
import type { Checker } from './decide.js';

/**
 * Restores a stage's outs from the run-cache and checks each against the hash the entry
 * recorded (the hash is needed for the lock anyway, so the check costs no extra read).
 * Objects whose bytes no longer match their name — torn, truncated, edited — are removed
 * from the cache, and the stage runs instead.
 */
export function restoreVerified(
  stage: Stage,
  checker: Checker,
  cached: CachedOuts,
): { outs: CachedOuts['outs'] } | { damaged: string[] } {
  const damaged: string[] = [];
  const badObjects = new Set<string>();
  for (const out of cached.outs) {
    const abs = join(checker.root, out.path);
    checker.hashes.forget(abs);
    try {
      checker.cache.restore(abs, out);
    } catch {
      // An object went missing since `decide` saw it (removed by hand): run the stage.
      damaged.push(out.path);
      continue;
    }
    const hashed = checker.hashes.hash(abs);
    if (hashed?.hash === out.hash) continue;
    damaged.push(out.path);
    if (!out.files) badObjects.add(out.hash);
    else {
      const got = new Map(hashed?.files ?? []);
      for (const [rel, hash] of out.files) if (got.get(rel) !== hash) badObjects.add(hash);
    }
  }
  if (damaged.length === 0) return { outs: hashOuts(stage, checker) };
  checker.cache.drop(badObjects);
  return { damaged };
}

export function hashOuts(stage: Stage, checker: Checker): CachedOuts['outs'] {
  return stage.outs.map((out) => {
    const hashed = checker.hashes.hash(join(checker.root, out.path));
    if (!hashed)
      throw new Cd4mlError(
        'E_IO',
        `out '${out.path}' of stage '${stage.name}' vanished after the stage ran`,
      );
    return {
      path: out.path,
      hash: hashed.hash,
      size: hashed.size,
      ...(hashed.files ? { files: hashed.files } : {}),
    };
  });
}
