import { join } from 'node:path';
import { paramsReader } from '../pipeline/files.js';
import type { Stage } from '../pipeline/model.js';
import { ContentCache, runCacheKey, type CachedOuts } from './cache.js';
import { adoptDvcEntry, readDvcLocks, type DvcLockEntry } from './dvc-lock.js';
import { HashCache, type Hashed } from './hash.js';
import { lockedCmd, readLockWithJournal, type LockEntry, type LockFile } from './lock-file.js';
import { resolveParams } from './params.js';
import { stateDirs } from './state.js';

/** What a stage would do now and why; shared by `run` and `status`. */
export type Decision =
  /** `adopted`: up to date by its dvc.lock entry; the entry cd4ml's lock takes for it. */
  | { action: 'unchanged'; reasons: string[]; adopted?: LockEntry }
  | {
      action: 'run' | 'restore';
      reasons: string[];
      key: string;
      deps: Array<{ path: string; hash: string; size: number }>;
      params: Record<string, Record<string, unknown>>;
      cached: CachedOuts | undefined;
    };

export interface Checker {
  root: string;
  hashes: HashCache;
  cache: ContentCache;
  lock: LockFile;
  readParams: (file: string) => unknown;
  force: boolean;
  /** For a dvc.yaml: its dvc.lock, and md5s as DVC computes them. */
  dvc: { lock: Record<string, DvcLockEntry>; md5: HashCache } | undefined;
}

/**
 * What `decide` reads, from the project's lock, memos and cache. `dvcStages`: for a
 * `dvc.yaml` pipeline, its stages, whose `dvc.lock` files are read.
 */
export function openChecker(root: string, force: boolean, dvcStages?: readonly Stage[]): Checker {
  const dirs = stateDirs(root);
  return {
    root,
    hashes: new HashCache(join(dirs.tmp, 'hashes.json')),
    cache: new ContentCache(dirs.cache, force),
    lock: readLockWithJournal(root),
    readParams: paramsReader(root),
    force,
    dvc: dvcStages
      ? {
          lock: readDvcLocks(root, dvcStages),
          md5: new HashCache(join(dirs.tmp, 'md5.json'), 'md5'),
        }
      : undefined,
  };
}

/** Decides whether a stage is up to date, can be restored from the run-cache, or must run. */
export function decide(stage: Stage, checker: Checker): Decision {
  if (stage.frozen) return { action: 'unchanged', reasons: ['frozen'] };
  const entry: LockEntry | undefined = checker.lock.stages[stage.name];
  let reasons: string[] = [];
  if (checker.force) reasons.push('forced');
  if (!entry) reasons.push('never ran');
  else if (JSON.stringify(entry.cmd) !== JSON.stringify(lockedCmd(stage)))
    reasons.push('cmd changed');
  const deps: Array<{ path: string; hash: string; size: number }> = [];
  for (const dep of stage.deps) {
    const hashed = checker.hashes.hash(join(checker.root, dep));
    if (!hashed) {
      reasons.push(`dep missing: ${dep}`);
      continue;
    }
    deps.push({ path: dep, hash: hashed.hash, size: hashed.size });
    const locked = entry?.deps?.find((d) => d.path === dep);
    if (entry && locked?.hash !== hashed.hash) reasons.push(`dep changed: ${dep}`);
  }
  const params = resolveParams(stage.params, checker.readParams);
  if (entry) {
    for (const [file, values] of Object.entries(params)) {
      for (const [key, value] of Object.entries(values)) {
        if (JSON.stringify(entry.params?.[file]?.[key]) !== JSON.stringify(value))
          reasons.push(`param changed: ${key}`);
      }
    }
  }
  const outs = new Map<string, Hashed>();
  for (const out of stage.outs) {
    const hashed = checker.hashes.hash(join(checker.root, out.path));
    const locked = entry?.outs?.find((o) => o.path === out.path);
    if (hashed) outs.set(out.path, hashed);
    if (!hashed) reasons.push(`out missing: ${out.path}`);
    else if (entry && locked?.hash !== hashed.hash) reasons.push(`out changed: ${out.path}`);
  }
  if (stage.alwaysChanged) reasons.push('always changed');
  // DVC's "callback" stage: nothing to compare, so it always runs (dvc/stage/__init__.py).
  else if (stage.deps.length === 0 && stage.params.length === 0 && stage.outs.length === 0)
    reasons.push('always changed (no deps or outs)');
  if (!entry && checker.dvc && !checker.force && !stage.alwaysChanged) {
    const adopted = adoptDvcEntry(stage, checker.dvc.lock[stage.name], {
      root: checker.root,
      md5: checker.dvc.md5,
      deps,
      params,
      outs,
    });
    if (adopted) return { action: 'unchanged', reasons: ['up to date by dvc.lock'], adopted };
  }
  // A stage that never ran has missing outs by definition: say only what matters.
  if (!entry) reasons = reasons.filter((reason) => !reason.startsWith('out missing: '));
  if (reasons.length === 0) return { action: 'unchanged', reasons: [] };
  const key = runCacheKey({
    cmd: stage.cmd,
    deps: deps.map((d) => [d.path, d.hash]),
    params,
    outs: stage.outs.map((o) => o.path),
    env: stage.env,
  });
  const restorable = !checker.force && runCacheable(stage);
  const cached = restorable ? checker.cache.getRun(key) : undefined;
  const usable =
    cached !== undefined &&
    cached.outs.length === stage.outs.length &&
    checker.cache.has(cached.outs);
  return {
    action: usable ? 'restore' : 'run',
    reasons,
    key,
    deps,
    params,
    cached: usable ? cached : undefined,
  };
}

/**
 * DVC's rule for the run-cache (dvc/stage/cache.py `_can_hash`): a stage with a cmd, outs
 * none of which persist, and deps — files or params, declared or read by `${...}` — and
 * not always changed. A stage without deps writes what nothing it declares determines (a
 * download, a clock), so a copy of an earlier result is no answer: it runs again.
 */
function runCacheable(stage: Stage): boolean {
  const deps = stage.deps.length + stage.params.length + (stage.trackedParams?.length ?? 0);
  return (
    !stage.alwaysChanged && deps > 0 && stage.outs.length > 0 && stage.outs.every((o) => !o.persist)
  );
}
