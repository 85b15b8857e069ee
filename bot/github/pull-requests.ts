import type { Octokit } from './octokit.js';
import type { Repo } from '../../github/repo.js';
import { PullRequest, PullRequests, parse } from '../../github/schemas.js';

/** A pull request as the gate needs it. Numbers and shas always come from GitHub's API. */
export interface PullRef {
  number: number;
  headSha: string;
  headRef: string;
  baseRef: string;
  baseSha: string;
  /** The head branch lives in another repository: its workflow ran code the fork controls. */
  fork: boolean;
}

/** What a `workflow_run` payload says about the run (GitHub's data, not the artifact's). */
export interface RunHead {
  head_sha: string;
  head_branch: string | null;
  head_repository?: { id: number; owner: { login: string } | null } | null;
  pull_requests?: ReadonlyArray<{
    number: number;
    head: { sha: string; ref: string; repo: { id: number } };
    base: { sha: string; ref: string; repo: { id: number } };
  } | null> | null;
}

/** The fields of a pull request (payload or API) the gate keeps. */
function toPullRef(
  pr: {
    number: number;
    head: { sha: string; ref: string; repo?: { id: number } | null };
    base: { sha: string; ref: string };
  },
  repositoryId: number,
): PullRef {
  return {
    number: pr.number,
    headSha: pr.head.sha,
    headRef: pr.head.ref,
    baseRef: pr.base.ref,
    baseSha: pr.base.sha,
    fork: pr.head.repo?.id !== repositoryId,
  };
}

/**
 * The open pull requests whose head is `run.head_sha`. The payload lists same-repository
 * PRs; for a fork it lists none (and `commits/{sha}/pulls` on the base repository finds
 * nothing either), so the open pulls are listed by `head: "<fork owner>:<branch>"` and
 * kept when their head sha matches.
 */
export async function pullRequestsForRun(
  octokit: Octokit,
  repo: Repo,
  repositoryId: number,
  run: RunHead,
): Promise<PullRef[]> {
  const listed = (run.pull_requests ?? []).filter(
    (pr): pr is NonNullable<typeof pr> =>
      pr !== null && pr.head.sha === run.head_sha && pr.base.repo.id === repositoryId,
  );
  if (listed.length > 0) {
    return listed.map((pr) => toPullRef(pr, repositoryId));
  }
  const owner = run.head_repository?.owner?.login;
  if (!owner || !run.head_branch) return [];
  const { data } = await octokit.rest.pulls.list({
    ...repo,
    state: 'open',
    head: `${owner}:${run.head_branch}`,
    per_page: 100,
  });
  return parse(PullRequests, data, 'GET /repos/{owner}/{repo}/pulls')
    .filter((pr) => pr.head.sha === run.head_sha)
    .map((pr) => toPullRef(pr, repositoryId));
}

/** One pull request by number (for commands and re-requested checks). */
export async function getPullRequest(
  octokit: Octokit,
  repo: Repo,
  repositoryId: number,
  number: number,
): Promise<PullRef & { merged: boolean; mergeSha: string | null; state: string }> {
  const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
  const pr = parse(PullRequest, data, `GET /repos/{owner}/{repo}/pulls/${number}`);
  return {
    ...toPullRef(pr, repositoryId),
    merged: pr.merged ?? false,
    mergeSha: pr.merge_commit_sha ?? null,
    state: pr.state,
  };
}
