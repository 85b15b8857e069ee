/**
 * The base side of `cd4ml compare` in git: the ref or default branch to compare with,
 * resolved to a commit, and — in a shallow clone (actions/checkout's `fetch-depth: 1`) —
 * the history the baseline rule needs, fetched from `origin` (core/gate/shallow.ts).
 */
import type { SimpleGit } from 'simple-git';
import { defaultBranch, revParse } from '../../core/gate/local-source.js';
import {
  ensureHistory,
  fetchBranchTip,
  isShallow,
  remoteDefaultBranch,
} from '../../core/gate/shallow.js';

const REMOTE = 'origin';

/** A base: how to name it and its commit; notes say what was fetched. */
export interface GitBase {
  label: string;
  commit: string;
  notes: string[];
}

/**
 * `ref` (a branch, tag or commit) as a commit; in a shallow clone that lacks it, the
 * branch of that name fetched from origin. Null when it names nothing.
 */
export async function namedBase(git: SimpleGit, ref: string): Promise<GitBase | null> {
  let commit = await revParse(git, ref);
  if (!commit && (await isShallow(git)))
    commit = await fetchBranchTip(git, REMOTE, ref.replace(/^origin\//, ''));
  if (!commit) return null;
  const notes = await ensureHistory(git, { remote: REMOTE, base: commit, head: null, label: ref });
  return { label: ref, commit, notes };
}

/**
 * The branch to compare with by default — a pull request job's base (`GITHUB_BASE_REF`),
 * else the default branch (origin/HEAD, main, master; in a shallow clone the remote's
 * HEAD) — with the history for merge-base(head, it). Null when there is none.
 */
export async function defaultBase(git: SimpleGit, head: string): Promise<GitBase | null> {
  const shallow = await isShallow(git);
  const named = process.env.GITHUB_BASE_REF || null;
  let found: { label: string; commit: string } | null = null;
  const local = named ? null : await defaultBranch(git);
  if (local) found = await at(git, local, [local]);
  const branch = found
    ? null
    : (named ?? (shallow ? await remoteDefaultBranch(git, REMOTE) : null));
  if (branch) found = await at(git, branch, [`${REMOTE}/${branch}`, branch]);
  if (branch && !found && shallow) {
    const commit = await fetchBranchTip(git, REMOTE, branch);
    if (commit) found = { label: branch, commit };
  }
  if (!found) return null;
  const notes = await ensureHistory(git, {
    remote: REMOTE,
    base: found.commit,
    head,
    label: found.label,
  });
  return { ...found, notes };
}

async function at(git: SimpleGit, label: string, refs: string[]) {
  for (const ref of refs) {
    const commit = await revParse(git, ref);
    if (commit) return { label, commit };
  }
  return null;
}
