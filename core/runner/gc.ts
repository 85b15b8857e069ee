import { execFile } from 'node:child_process';
import { readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readTextIfPresent } from '../fs/read.js';
import { listRuns } from '../store/local-store.js';
import type { CachedOuts } from './cache.js';
import { readLockWithJournal } from './lock-file.js';
import { recoverWhatIf } from './params.js';
import { stateDirs } from './state.js';
import { acquireWorkspaceLock, describeHolder } from './workspace-lock.js';

export interface GcOptions {
  /** How many of the newest runs in the local store keep their outs (default 10). */
  keepRuns?: number;
  /** Report what would be removed, remove nothing. */
  dryRun?: boolean;
  /** Wait for a run that holds the workspace instead of failing. */
  wait?: boolean;
  onNotice?: (message: string) => void;
}

export interface GcResult {
  /** Objects removed (or that would be, on a dry run), and their bytes. */
  removed: { objects: number; bytes: number };
  kept: { objects: number; bytes: number };
  /** Run-cache entries dropped because none of their outs is referenced any more. */
  entriesRemoved: number;
  entriesKept: number;
  /** Where the references came from, for the report. */
  references: { lockOuts: number; runs: number; branchHeads: number };
}

/**
 * Removes cache objects that nothing worth keeping refers to. Kept: the outs in the lock
 * (with an interrupted run's journal), in the newest `keepRuns` runs of the local store,
 * and in every stored run of a local branch's head commit — with every object of a
 * run-cache entry that produced any of them, so those stages stay restorable. Run-cache
 * entries left without objects are dropped from the index. Holds the workspace lock, so
 * no run stores or restores meanwhile.
 */
export async function collectGarbage(root: string, opts: GcOptions = {}): Promise<GcResult> {
  const lock = await acquireWorkspaceLock(root, {
    command: `cd4ml gc${opts.dryRun ? ' --dry-run' : ''}`,
    wait: opts.wait,
    onWait: (holder) =>
      opts.onNotice?.(`waiting for another run to finish (${describeHolder(holder)})`),
  });
  try {
    // Judged by the committed params, never by an interrupted what-if's.
    for (const note of recoverWhatIf(root)) opts.onNotice?.(note);
    return await collect(root, opts);
  } finally {
    lock.release();
  }
}

async function collect(root: string, opts: GcOptions): Promise<GcResult> {
  const cacheDir = stateDirs(root).cache;
  const wanted = new Set<string>();
  let lockOuts = 0;
  for (const entry of Object.values(readLockWithJournal(root).stages)) {
    for (const out of entry.outs ?? []) {
      wanted.add(out.hash);
      lockOuts += 1;
    }
  }
  const runs = await listRuns(root);
  const heads = await branchHeads(root);
  const keptRuns = new Set(runs.slice(Math.max(0, runs.length - (opts.keepRuns ?? 10))));
  for (const run of runs)
    if (run.record.git.commit && heads.has(run.record.git.commit)) keptRuns.add(run);
  for (const run of keptRuns)
    for (const stage of Object.values(run.record.stages))
      for (const hash of Object.values(stage.outs ?? {})) wanted.add(hash);

  // The run-cache index, last entry per key winning (as the runner reads it).
  const index = new Map<string, CachedOuts>();
  const text = readTextIfPresent(join(cacheDir, 'runs.jsonl')) ?? '';
  for (const line of text.split('\n')) {
    try {
      const { key, outs } = JSON.parse(line) as { key: string } & CachedOuts;
      if (typeof key === 'string' && Array.isArray(outs)) index.set(key, { outs });
    } catch {
      // Blank or torn line.
    }
  }
  const keepObjects = new Set<string>();
  const keptLines: string[] = [];
  for (const [key, entry] of index) {
    if (!entry.outs.some((out) => wanted.has(out.hash))) continue;
    keptLines.push(`${JSON.stringify({ key, outs: entry.outs })}\n`);
    for (const out of entry.outs) {
      if (out.files) for (const [, hash] of out.files) keepObjects.add(hash);
      else keepObjects.add(out.hash);
    }
  }
  // A file out whose entry is gone from the index is still its own object.
  for (const hash of wanted) if (!hash.endsWith('.dir')) keepObjects.add(hash);

  const objectsDir = join(cacheDir, 'files', 'sha256');
  let names: string[] = [];
  try {
    names = readdirSync(objectsDir);
  } catch {
    // No cache yet.
  }
  const result: GcResult = {
    removed: { objects: 0, bytes: 0 },
    kept: { objects: 0, bytes: 0 },
    entriesRemoved: index.size - keptLines.length,
    entriesKept: keptLines.length,
    references: { lockOuts, runs: keptRuns.size, branchHeads: heads.size },
  };
  for (const name of names) {
    const path = join(objectsDir, name);
    const size = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
    // Temporary copies are left only by runs that died mid-store: we hold the workspace.
    if (keepObjects.has(name) && !name.endsWith('.tmp')) {
      result.kept.objects += 1;
      result.kept.bytes += size;
      continue;
    }
    result.removed.objects += 1;
    result.removed.bytes += size;
    if (!opts.dryRun) rmSync(path, { force: true });
  }
  if (!opts.dryRun && result.entriesRemoved > 0) {
    const indexFile = join(cacheDir, 'runs.jsonl');
    const tmp = `${indexFile}.${process.pid}.tmp`;
    writeFileSync(tmp, keptLines.join(''));
    renameSync(tmp, indexFile);
  }
  return result;
}

/** The commits the local branches point at; none outside a git repository. */
async function branchHeads(root: string): Promise<Set<string>> {
  try {
    const { stdout } = await promisify(execFile)(
      'git',
      ['for-each-ref', '--format=%(objectname)', 'refs/heads'],
      { cwd: root },
    );
    return new Set(stdout.split('\n').filter(Boolean));
  } catch {
    return new Set();
  }
}
