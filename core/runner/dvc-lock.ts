import { join, posix } from 'node:path';
import { writeTextDurably } from '../fs/write.js';
import { readTextIfPresent } from '../fs/read.js';
import { lookup } from '../pipeline/interpolate.js';
import type { Stage } from '../pipeline/model.js';
import { isRecord } from '../pipeline/values.js';
import { positionParser } from '../yaml/positions.js';
import { YamlSource } from '../yaml/source.js';
import type { Hashed, HashCache } from './hash.js';
import { lockedCmd, type LockEntry, type LockFile } from './lock-file.js';

/**
 * `dvc.lock`, next to a `dvc.yaml`: read so a project that comes with an up-to-date lock
 * does not rerun everything on its first cd4ml run, and kept current after each run in
 * DVC's format (schema 2.0; md5, size and, for directories, nfiles; paths relative to the
 * stage's wdir) so `dvc status`, `dvc exp` and DVC Studio keep working alongside cd4ml.
 */
const DVC_LOCK_FILE = 'dvc.lock';

interface DvcOut {
  path: string;
  md5?: string;
  size?: number;
  nfiles?: number;
}

export interface DvcLockEntry {
  cmd?: string | string[];
  deps?: DvcOut[];
  params?: Record<string, Record<string, unknown>>;
  outs?: DvcOut[];
}

/** The `dvc.yaml` a stage is in (root-relative), and its name there. */
function dvcAddress(stage: Stage): { file: string; name: string } {
  return stage.dvcfile ?? { file: 'dvc.yaml', name: stage.name };
}

/** Each `dvc.lock` next to the stages' `dvc.yaml` files, keyed by cd4ml's stage names. */
export function readDvcLocks(root: string, stages: readonly Stage[]): Record<string, DvcLockEntry> {
  const locks = new Map<string, Record<string, DvcLockEntry>>();
  const entries: Record<string, DvcLockEntry> = {};
  for (const stage of stages) {
    const { file, name } = dvcAddress(stage);
    const dir = posix.dirname(file);
    if (!locks.has(dir)) locks.set(dir, readDvcLock(join(root, dir)));
    const entry = locks.get(dir)?.[name];
    if (entry) entries[stage.name] = entry;
  }
  return entries;
}

/** The stages of a dvc.lock, or {} when there is none (or it cannot be read: DVC's own problem). */
function readDvcLock(dir: string): Record<string, DvcLockEntry> {
  try {
    const text = readTextIfPresent(join(dir, DVC_LOCK_FILE));
    if (text === undefined) return {};
    const data = YamlSource.parse(text, DVC_LOCK_FILE, 'E_SPEC').data as {
      stages?: Record<string, DvcLockEntry>;
    } | null;
    return data?.stages ?? {};
  } catch {
    return {};
  }
}

/**
 * A stage cd4ml has no lock entry for, judged by its dvc.lock entry: the same cmd and
 * params, and every dep and out with the md5 DVC recorded. Then it is up to date, and the
 * entry cd4ml records for it is built from the files as they are.
 */
export function adoptDvcEntry(
  stage: Stage,
  entry: DvcLockEntry | undefined,
  current: {
    root: string;
    md5: HashCache;
    deps: Array<{ path: string; hash: string; size: number }>;
    params: Record<string, Record<string, unknown>>;
    outs: ReadonlyMap<string, Hashed>;
  },
): LockEntry | undefined {
  const { root, md5 } = current;
  if (!entry || JSON.stringify(entry.cmd) !== JSON.stringify(lockedCmd(stage))) return undefined;
  const same = (list: DvcOut[] | undefined, paths: string[]): boolean =>
    (list ?? []).length === paths.length &&
    paths.every((path) => {
      const recorded = list?.find((o) => posix.join(stage.wdir || '.', o.path) === path);
      return recorded?.md5 !== undefined && md5.hash(join(root, path))?.hash === recorded.md5;
    });
  if (
    !same(entry.deps, stage.deps) ||
    !same(
      entry.outs,
      stage.outs.map((o) => o.path),
    )
  )
    return undefined;
  for (const [file, values] of Object.entries(current.params)) {
    const recorded = entry.params?.[posix.relative(stage.wdir || '.', file) || file];
    for (const [key, value] of Object.entries(values))
      if (JSON.stringify(recorded?.[key]) !== JSON.stringify(value)) return undefined;
  }
  const outs = stage.outs.map((o) => ({ path: o.path, hashed: current.outs.get(o.path) }));
  if (outs.some((o) => !o.hashed)) return undefined;
  return {
    cmd: lockedCmd(stage),
    ...(current.deps.length > 0 ? { deps: current.deps } : {}),
    ...(Object.keys(current.params).length > 0 ? { params: current.params } : {}),
    ...(outs.length > 0
      ? { outs: outs.map((o) => ({ path: o.path, hash: o.hashed!.hash, size: o.hashed!.size })) }
      : {}),
  };
}

/** Writes dvc.lock for the stages cd4ml has lock entries for, in DVC's shape; unchanged text is not rewritten. */
export function writeDvcLock(
  root: string,
  stages: readonly Stage[],
  lock: LockFile,
  md5: HashCache,
  readParams: (file: string) => unknown,
): void {
  const byDir = new Map<string, Stage[]>();
  for (const stage of stages) {
    const dir = posix.dirname(dvcAddress(stage).file);
    byDir.set(dir, [...(byDir.get(dir) ?? []), stage]);
  }
  for (const [dir, those] of byDir)
    writeOne(join(root, dir), those, (stage) => lockEntryOf(root, stage, lock, md5, readParams));
  md5.save();
}

/** One dvc.lock, in DVC's shape; unchanged text is not rewritten. */
function writeOne(
  dir: string,
  stages: readonly Stage[],
  entryOf: (stage: Stage) => Record<string, unknown> | undefined,
): void {
  const out: Record<string, unknown> = {};
  for (const stage of stages) {
    const entry = entryOf(stage);
    if (entry) out[dvcAddress(stage).name] = entry;
  }
  const path = join(dir, DVC_LOCK_FILE);
  const current = readTextIfPresent(path);
  // As DVC: no lock until some stage has succeeded.
  if (current === undefined && Object.keys(out).length === 0) return;
  const text = positionParser().stringify({ schema: '2.0', stages: out }, { lineWidth: 0 });
  if (current !== text) writeTextDurably(path, text);
}

/** A stage's dvc.lock entry from cd4ml's lock entry, with md5s; paths relative to its wdir. */
function lockEntryOf(
  root: string,
  stage: Stage,
  lock: LockFile,
  md5: HashCache,
  readParams: (file: string) => unknown,
): Record<string, unknown> | undefined {
  const entry = lock.stages[stage.name];
  if (!entry) return undefined;
  const rel = (path: string): string => posix.relative(stage.wdir || '.', path) || '.';
  const described = (path: string): Record<string, unknown> | undefined => {
    const hashed = md5.hash(join(root, path));
    if (!hashed) return undefined;
    return {
      path: rel(path),
      hash: 'md5',
      md5: hashed.hash,
      size: hashed.size,
      ...(hashed.files ? { nfiles: hashed.files.length } : {}),
    };
  };
  const deps = stage.deps.map(described).filter(Boolean);
  const outs = stage.outs.map((o) => described(o.path)).filter(Boolean);
  const merged: Record<string, Record<string, unknown>> = {};
  for (const [file, values] of Object.entries(entry.params ?? {})) merged[file] = { ...values };
  // What `${...}` read from params files is a param of the stage to DVC (Context.track).
  for (const ref of stage.trackedParams ?? []) {
    if (ref.key === undefined) continue;
    const data = readParams(ref.file);
    const { found, value } = lookup(isRecord(data) ? data : {}, ref.key);
    if (found) (merged[ref.file] ??= {})[ref.key] ??= value;
  }
  const params = Object.fromEntries(
    Object.entries(merged).map(([file, values]) => [rel(file), values]),
  );
  return {
    cmd: entry.cmd,
    ...(deps.length > 0 ? { deps } : {}),
    ...(Object.keys(params).length > 0 ? { params } : {}),
    ...(outs.length > 0 ? { outs } : {}),
  };
}
