import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { arch, platform, release } from 'node:os';
import { delimiter, join } from 'node:path';
import { simpleGit } from 'simple-git';
import { readTextIfPresent } from '../fs/read.js';
import type { Pipeline } from '../pipeline/model.js';
import type { RunEnvironment, RunRecord } from '../run-record/schema.js';
import { sha256File } from './hash.js';

/** Lockfiles and environment files whose hashes pin what a run was made with. */
const LOCKFILES = [
  'package-lock.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  'poetry.lock',
  'uv.lock',
  'Pipfile.lock',
  'environment.yml',
  'environment.yaml',
  'conda.yaml',
  'conda.yml',
  'conda-lock.yml',
  'python_env.yaml',
];

/** `requirements.txt`, `requirements-dev.txt`, `requirements/…` is not looked into. */
const REQUIREMENTS = /^requirements[\w.-]*\.txt$/;

declare const CD4ML_VERSION: string | undefined;

/**
 * The commit a run was made at, its branch, and whether tracked files had uncommitted
 * changes: one `git status --porcelain=v2 --branch` answers all three.
 */
export async function gitState(root: string): Promise<RunRecord['git']> {
  // Resolve on 'close' alone: the default also arms a 50 ms timer on 'exit' that keeps a
  // finished `cd4ml run` alive for nothing.
  const git = simpleGit({ baseDir: root, completion: { onExit: false, onClose: true } });
  try {
    const [status, remote] = await Promise.all([
      git.raw(['status', '--porcelain=v2', '--branch', '--untracked-files=no']),
      // `--default -`: no remote is an answer, not an error, and never empty output
      // (simple-git waits 50 ms for output that a silent command never sends).
      git.raw(['config', '--default', '-', '--get', 'remote.origin.url']),
    ]);
    const header = (name: string): string | undefined =>
      status
        .split('\n')
        .find((line) => line.startsWith(`# branch.${name} `))
        ?.slice(`# branch.${name} `.length)
        .trim();
    const commit = header('oid');
    const branch = header('head');
    return {
      commit: commit === undefined || commit === '(initial)' ? null : commit,
      branch: branch === undefined || branch === '(detached)' ? null : branch,
      dirty: status.split('\n').some((line) => line !== '' && !line.startsWith('#')),
      remote: remote.trim() === '-' ? null : remote.trim() || null,
    };
  } catch {
    // Not a git repository: the run is still recorded.
    return { commit: null, branch: null, dirty: true, remote: null };
  }
}

/** OS, Node, Python and lockfile hashes. The Python version is cached per interpreter binary. */
export async function environment(
  root: string,
  tmpDir: string,
  opts: { python: boolean; pathEnv?: string },
): Promise<RunEnvironment> {
  const lockfiles: Record<string, string> = {};
  const names = [...LOCKFILES, ...readdirSync(root).filter((name) => REQUIREMENTS.test(name))];
  for (const name of names.sort()) {
    const path = join(root, name);
    if (existsSync(path)) lockfiles[name] = sha256File(path);
  }
  return {
    os: `${platform()} ${release()}`,
    arch: arch(),
    node: process.version,
    python: opts.python
      ? await pythonVersion(opts.pathEnv ?? process.env.PATH ?? '', tmpDir)
      : null,
    ...(typeof CD4ML_VERSION === 'string' ? { cd4ml: CD4ML_VERSION } : {}),
    lockfiles,
  };
}

/**
 * The environment with what the pipeline's `environment:` declares: each file's hash
 * (`missing` when it is not there, so a reproduction sees it appear) and the image with
 * its digest when the reference pins one.
 */
export function withDeclared(
  env: RunEnvironment,
  root: string,
  declared: Pipeline['environment'],
): RunEnvironment {
  const lockfiles = { ...env.lockfiles };
  for (const file of declared.files) {
    const path = join(root, file);
    lockfiles[file] = existsSync(path) && statSync(path).isFile() ? sha256File(path) : 'missing';
  }
  const image = declared.image
    ? { ref: declared.image, digest: /@(sha256:[0-9a-f]{64})$/.exec(declared.image)?.[1] ?? null }
    : null;
  return { ...env, lockfiles, declared: [...declared.files], image };
}

async function pythonVersion(pathEnv: string, tmpDir: string): Promise<string | null> {
  const binary = pathEnv
    .split(delimiter)
    .map((dir) => join(dir, 'python3'))
    .find((candidate) => existsSync(candidate));
  if (!binary) return null;
  const real = realpathSync(binary);
  const key = `${real}:${statSync(real).mtimeMs}`;
  const cacheFile = join(tmpDir, 'python-version.json');
  try {
    const cached = JSON.parse(readTextIfPresent(cacheFile) ?? 'null') as {
      key: string;
      version: string | null;
    } | null;
    if (cached?.key === key) return cached.version;
  } catch {
    // No cache yet.
  }
  const version = await new Promise<string | null>((resolve) => {
    execFile(binary, ['--version'], { timeout: 10_000 }, (error, stdout, stderr) => {
      resolve(error ? null : `${stdout}${stderr}`.trim().replace(/^Python\s+/, '') || null);
    });
  });
  mkdirSync(tmpDir, { recursive: true });
  writeFileSync(cacheFile, JSON.stringify({ key, version }));
  return version;
}
