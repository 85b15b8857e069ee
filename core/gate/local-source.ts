import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { SimpleGit } from 'simple-git';
import { Cd4mlError } from '../errors.js';
import { parseRunRecord } from '../run-record/parse.js';
import type { RunRecord } from '../run-record/schema.js';
import { listRuns, type StoredRun } from '../store/local-store.js';
import { knownRuns } from '../store/known-runs.js';
import type { CandidateRun, RunSource, SourcedRun } from './port.js';
import { mergeBase } from './shallow.js';

/**
 * The gate's port over a laptop: runs from the local store (`.cd4ml/runs`), files at a
 * commit and first-parent lines from git (simple-git: the local side effect, kept here at
 * the edge of `core/gate`), and the working tree's policy as the last resort.
 */
export interface LocalSourceOptions {
  /** Workspace root holding `.cd4ml/runs` (and the git work tree). */
  root: string;
  /** The repository, or null outside git (then there is no baseline and no history). */
  git: SimpleGit | null;
}

/** The git repository at `root`, or null when it is not one (or git is missing). */
export async function openGit(root: string): Promise<SimpleGit | null> {
  const { simpleGit } = await import('simple-git');
  const git = simpleGit({ baseDir: root });
  try {
    return (await git.checkIsRepo()) ? git : null;
  } catch {
    return null;
  }
}

/**
 * A local `RunSource`: the store's runs by commit (listed, every record parsed, at most
 * once and only if needed), git for first parents, merge-bases and files at a commit.
 */
export function localRunSource(options: LocalSourceOptions): RunSource {
  const { root, git } = options;
  const byCommit = once(async () => {
    const map = new Map<string, StoredRun[]>();
    // The pulled history branch too: a baseline whose artifact expired may be kept there.
    for (const run of await knownRuns(root)) {
      const commit = run.record.git.commit;
      if (commit) map.set(commit, [...(map.get(commit) ?? []), run]);
    }
    return map;
  });
  const stored = new Map<CandidateRun, StoredRun>();
  return {
    trust: 'local',
    async candidateRuns(commit) {
      if (!git) return [];
      return ((await byCommit()).get(commit) ?? []).map((run) => {
        const candidate: CandidateRun = {
          label: `store:${commit.slice(0, 7)}/${run.record.id}`,
          commit,
          branch: run.record.git.branch ?? null,
          event: run.record.event,
          succeeded: run.record.status === 'success',
          sameRepository: true,
          createdAt: run.record.createdAt,
        };
        stored.set(candidate, run);
        return candidate;
      });
    },
    firstParents: (commit, depth) => (git ? firstParents(git, commit, depth) : Promise.resolve([])),
    mergeBase: (a, b) => (git ? mergeBase(git, a, b) : Promise.resolve(null)),
    readRun(candidate) {
      const run = stored.get(candidate);
      return Promise.resolve(run ? { run: storedRun(run) } : { missing: 'it left the store' });
    },
    async fileAt(commit, path) {
      if (!git) return null;
      try {
        return await git.show([`${commit}:${path}`]);
      } catch {
        return null;
      }
    },
    async workspaceFile(path) {
      try {
        return await readFile(join(root, path), 'utf8');
      } catch {
        return null;
      }
    },
  };
}

/** The newest run in the local store; `E_USAGE` when the store is empty. */
export async function latestStoredRun(root: string): Promise<SourcedRun> {
  const latest = (await listRuns(root)).at(-1);
  if (!latest) {
    throw new Cd4mlError('E_USAGE', 'no runs in the local store', {
      location: { file: '.cd4ml/runs' },
      hint: 'run the pipeline first (`cd4ml run`), or pass --head <run.json>',
    });
  }
  return storedRun(latest);
}

/** A stored run as the gate sees it. */
export function storedRun(run: StoredRun): SourcedRun {
  return directoryRun(
    run.record,
    run.dir,
    `store:${run.record.git.commit ?? 'no-commit'}/${run.record.id}`,
  );
}

/**
 * A record whose attachments sit in `dir` (a store entry, or the directory of a record file):
 * attachment paths are resolved against it and may not leave it.
 */
export function directoryRun(record: RunRecord, dir: string, source: string): SourcedRun {
  const root = resolve(dir);
  return {
    record,
    source,
    async readAttachment(file, maxBytes) {
      const path = resolve(root, file);
      if (!path.startsWith(root + sep)) {
        throw new Cd4mlError('E_ARTIFACT', `attachment "${file}" leaves the record's directory`, {
          location: { file: source, field: 'predictions.file' },
        });
      }
      let size: number;
      try {
        size = (await stat(path)).size;
      } catch {
        return null;
      }
      if (size > maxBytes) {
        throw new Cd4mlError(
          'E_ARTIFACT',
          `attachment "${file}" is ${size} bytes, over the ${maxBytes}-byte limit`,
          { location: { file: path } },
        );
      }
      return readFile(path, 'utf8');
    },
  };
}

/** Resolves a git ref to a commit sha; null when it names none. */
export async function revParse(git: SimpleGit, ref: string): Promise<string | null> {
  try {
    return (await git.raw(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim() || null;
  } catch {
    return null;
  }
}

/** `origin/HEAD`'s target, else `main`, else `master`; null when none exists. */
export async function defaultBranch(git: SimpleGit): Promise<string | null> {
  try {
    const ref = (
      await git.raw(['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'])
    ).trim();
    if (ref) return ref;
  } catch {
    // No remote HEAD: a local clone or a fresh repository.
  }
  for (const name of ['main', 'master']) if (await revParse(git, name)) return name;
  return null;
}

/** `commit` and its first-parent ancestors, newest first; none when git cannot tell. */
async function firstParents(git: SimpleGit, commit: string, max: number): Promise<string[]> {
  try {
    return (await git.raw(['rev-list', '--first-parent', `--max-count=${max}`, commit]))
      .split('\n')
      .filter(Boolean);
  } catch {
    return [];
  }
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= load());
}

/** Whether a `--base` value names a run on disk (a record file, an artifact directory or `.zip`) rather than a git ref. */
export function isRunPath(path: string): boolean {
  return /\.(json|zip)$/i.test(path) || existsSync(path);
}

/**
 * A run named by a path: a record file (attachments beside it), a run artifact directory,
 * or its `.zip`. Artifacts go through the safe reader (`core/run-artifact/read.ts`).
 */
export async function loadRunPath(path: string): Promise<SourcedRun> {
  const hint =
    'pass the cd4ml-run.json a `cd4ml run` wrote (in .cd4ml/runs/<commit>/<id>/), a run artifact directory (`cd4ml record --dir`) or its .zip';
  let isDirectory: boolean;
  let size: number;
  try {
    const info = await stat(path);
    isDirectory = info.isDirectory();
    size = info.size;
  } catch (error) {
    throw new Cd4mlError(
      'E_USAGE',
      `cannot read run record: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      { location: { file: path }, hint },
    );
  }
  if (isDirectory || /\.zip$/i.test(path)) {
    const { artifactRun, readRunArtifactDir, readRunArtifactZip } =
      await import('../run-artifact/read.js');
    const { ARTIFACT_LIMITS } = await import('../run-artifact/layout.js');
    // Not read at all when it is larger than any artifact may be.
    if (!isDirectory && size > ARTIFACT_LIMITS.totalBytes) {
      throw new Cd4mlError(
        'E_ARTIFACT',
        `is ${size} bytes, over the ${ARTIFACT_LIMITS.totalBytes}-byte cap of a whole run artifact`,
        { location: { file: path } },
      );
    }
    const artifact = isDirectory
      ? await readRunArtifactDir(path)
      : readRunArtifactZip(await readFile(path), path);
    return artifactRun(artifact);
  }
  const text = await readFile(path, 'utf8');
  return directoryRun(parseRunRecord(text, path), dirname(resolve(path)), path);
}
