import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Cd4mlError } from '../errors.js';

const run = promisify(execFile);

/** A temporary checkout of one commit, outside the user's tree. */
export interface TemporaryWorktree {
  /** Its directory (under the OS temp dir). */
  path: string;
  /** Removes it and its entry in the repository's worktree list; safe to call twice, and from a signal handler. */
  remove(): void;
}

/**
 * Checks `commit` out into a new detached `git worktree` under the OS temp dir. The user's
 * working tree, index and HEAD are never touched: git only adds an entry under
 * `.git/worktrees/`, which `remove()` takes away again.
 */
export async function addWorktree(repo: string, commit: string): Promise<TemporaryWorktree> {
  const path = mkdtempSync(join(tmpdir(), 'cd4ml-reproduce-'));
  let removed = false;
  const remove = (): void => {
    if (removed) return;
    removed = true;
    spawnSync('git', ['worktree', 'remove', '--force', '--force', path], {
      cwd: repo,
      stdio: 'ignore',
    });
    rmSync(path, { recursive: true, force: true });
    spawnSync('git', ['worktree', 'prune'], { cwd: repo, stdio: 'ignore' });
  };
  try {
    await run('git', ['worktree', 'add', '--detach', '--quiet', path, commit], { cwd: repo });
  } catch (error) {
    remove();
    throw new Cd4mlError('E_IO', `could not check out ${commit.slice(0, 12)} into a worktree`, {
      location: { file: repo },
      hint: String((error as { stderr?: string }).stderr ?? error).trim(),
      cause: error,
    });
  }
  return { path, remove };
}

/** The top of the work tree holding `dir`; null outside git. */
export async function gitTopLevel(dir: string): Promise<string | null> {
  try {
    return (await run('git', ['rev-parse', '--show-toplevel'], { cwd: dir })).stdout.trim();
  } catch {
    return null;
  }
}

/** Whether the repository has `commit` (a shallow clone or a force-push may not). */
export async function hasCommit(repo: string, commit: string): Promise<boolean> {
  try {
    await run('git', ['cat-file', '-e', `${commit}^{commit}`], { cwd: repo });
    return true;
  } catch {
    return false;
  }
}
