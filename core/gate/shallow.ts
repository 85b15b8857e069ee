/**
 * History for the baseline rule in a shallow clone. `actions/checkout` fetches one commit
 * by default (`fetch-depth: 1`): no base branch, no PR head (the checkout is the merge
 * commit `refs/pull/N/merge`), no first parents, so `git merge-base` finds nothing and the
 * gate would go neutral for want of history. Here the missing commits are fetched from the
 * remote instead — the base and the head by name or sha, then deeper in bounded steps
 * until their merge-base and its first-parent line are there — and the report says so. If
 * the bound is reached, or the remote cannot be reached, it is an error naming the fix
 * (`fetch-depth: 0`), never a silent "no baseline".
 */
import type { SimpleGit } from 'simple-git';
import { Cd4mlError } from '../errors.js';
import { WALKED_COMMITS } from './baseline.js';

/** Commits added per deepening, in turn: about 3,000 in all before giving up. */
const DEEPEN_STEPS = [100, 300, 1000, 1600] as const;

const FIX =
  'check out with full history: `fetch-depth: 0` on actions/checkout (or run `git fetch --unshallow`)';

export interface HistoryNeed {
  /** The remote to fetch from. */
  remote: string;
  /** The base side: a commit sha. */
  base: string;
  /** The head commit, when the baseline is at merge-base(head, base). */
  head: string | null;
  /** How to name the base in messages (`main`). */
  label: string;
}

/** Whether the repository is a shallow clone. */
export async function isShallow(git: SimpleGit): Promise<boolean> {
  return (await git.raw(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
}

/**
 * A branch `name` of `remote` fetched (into `refs/remotes/<remote>/<name>`, `depth`
 * commits deep) when this clone lacks it; its sha, or null when the remote has no such
 * branch. Throws `E_IO` naming the fix when the remote cannot be reached.
 */
export async function fetchBranchTip(
  git: SimpleGit,
  remote: string,
  name: string,
): Promise<string | null> {
  const ref = `refs/remotes/${remote}/${name}`;
  try {
    await git.raw([
      'fetch',
      '--quiet',
      '--no-tags',
      `--depth=${WALKED_COMMITS}`,
      remote,
      `+refs/heads/${name}:${ref}`,
    ]);
  } catch (error) {
    if (/couldn't find remote ref/i.test(String(error))) return null;
    throw unreachable(remote, `the base branch ${name}`, error);
  }
  return (await git.raw(['rev-parse', '--verify', `${ref}^{commit}`])).trim();
}

/** The remote's default branch (`git ls-remote --symref <remote> HEAD`), or null. */
export async function remoteDefaultBranch(git: SimpleGit, remote: string): Promise<string | null> {
  try {
    const out = await git.raw(['ls-remote', '--symref', remote, 'HEAD']);
    return /^ref: refs\/heads\/(\S+)\s+HEAD$/m.exec(out)?.[1] ?? null;
  } catch (error) {
    throw unreachable(remote, 'its default branch', error);
  }
}

/**
 * Makes the commits the baseline rule reads present in a shallow clone: `base` and
 * `head`, their merge-base and `WALKED_COMMITS` first parents of it. Nothing to do (and
 * no note) in a full clone. The notes say what was fetched, for the report.
 */
export async function ensureHistory(
  git: SimpleGit,
  need: HistoryNeed,
  steps: readonly number[] = DEEPEN_STEPS,
): Promise<string[]> {
  if (!(await isShallow(git))) return [];
  const tips = need.head ? [need.base, need.head] : [need.base];
  const missing: string[] = [];
  for (const sha of tips) if (!(await hasCommit(git, sha))) missing.push(sha);
  if (missing.length > 0) await fetchCommits(git, need, [`--depth=${WALKED_COMMITS}`], missing);
  let fetched = missing.length > 0 ? WALKED_COMMITS : 0;
  const note = () =>
    fetched === 0
      ? []
      : [
          `This is a shallow clone (actions/checkout's default \`fetch-depth: 1\`): cd4ml fetched ${need.head ? `${need.label} and the head` : need.label} from ${need.remote}, about ${fetched} commits deep, for ${need.head ? 'their merge-base and ' : ''}its first parents. \`fetch-depth: 0\` on actions/checkout saves the fetch.`,
        ];
  for (const step of [0, ...steps]) {
    if (step > 0) {
      await fetchCommits(git, need, [`--deepen=${step}`], tips);
      fetched += step;
    }
    const start = need.head ? await mergeBase(git, need.base, need.head) : need.base;
    if (start && (await lineComplete(git, start))) return note();
    // The whole history is here now: what merge-base says is the answer (maybe "none").
    if (!(await isShallow(git))) return note();
  }
  const what = need.head
    ? `a merge-base of the head ${need.head.slice(0, 7)} and ${need.label} ${need.base.slice(0, 7)}`
    : `the first-parent history of ${need.label} ${need.base.slice(0, 7)}`;
  throw new Cd4mlError(
    'E_USAGE',
    `this shallow clone lacks ${what}, even after fetching about ${fetched} commits of history from ${need.remote}`,
    { hint: FIX },
  );
}

async function hasCommit(git: SimpleGit, sha: string): Promise<boolean> {
  try {
    await git.raw(['cat-file', '-e', `${sha}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

async function fetchCommits(
  git: SimpleGit,
  need: HistoryNeed,
  depth: string[],
  shas: string[],
): Promise<void> {
  try {
    await git.raw(['fetch', '--quiet', '--no-tags', ...depth, need.remote, ...shas]);
  } catch (error) {
    throw unreachable(need.remote, `the history of ${need.label}`, error);
  }
}

/** `git merge-base a b`, or null when they have none here (or either is unknown). */
export async function mergeBase(git: SimpleGit, a: string, b: string): Promise<string | null> {
  try {
    return (await git.raw(['merge-base', a, b])).trim() || null;
  } catch {
    return null;
  }
}

/**
 * `start`'s first-parent line holds `WALKED_COMMITS` commits, or ends at the repository's
 * first commit rather than at the shallow boundary.
 */
async function lineComplete(git: SimpleGit, start: string): Promise<boolean> {
  const line = (
    await git.raw(['rev-list', '--first-parent', `--max-count=${WALKED_COMMITS}`, start])
  )
    .split('\n')
    .filter(Boolean);
  if (line.length >= WALKED_COMMITS) return true;
  // A shallow boundary's object still names its parents; the first commit names none.
  const last = await git.raw(['cat-file', '-p', line.at(-1) ?? start]);
  return !/^parent /m.test(last);
}

function unreachable(remote: string, what: string, error: unknown): Cd4mlError {
  const reason =
    String((error as Error).message ?? error)
      .trim()
      .split('\n')
      .at(-1) ?? '';
  return new Cd4mlError(
    'E_IO',
    `this is a shallow clone and ${what} could not be fetched from ${remote}: ${reason}`,
    { hint: FIX, cause: error },
  );
}
