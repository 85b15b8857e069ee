import type { AppIdentity } from '../../github/identity.js';
import { isOurs } from '../../github/identity.js';
import { GITHUB_LIMITS, fitMarkdown } from '../../github/limits.js';
import type { Octokit } from './octokit.js';
import type { Repo } from '../../github/repo.js';
import { CreatedIssue, Issues, parse } from '../../github/schemas.js';

/** Our open issue carrying `marker` (every page of open issues is read), or null. */
export async function findOpenIssue(
  octokit: Octokit,
  repo: Repo,
  marker: string,
  me: AppIdentity,
): Promise<{ number: number; body: string } | null> {
  for await (const page of octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
    ...repo,
    state: 'open',
    per_page: 100,
  })) {
    for (const issue of parse(Issues, page.data, 'GET /repos/{owner}/{repo}/issues')) {
      if (!issue.pull_request && issue.body?.includes(marker) && isOurs(issue, me)) {
        return { number: issue.number, body: issue.body };
      }
    }
  }
  return null;
}

/** Opens the issue, or updates the open one, with `body` (which must carry `marker`). */
export async function upsertIssue(
  octokit: Octokit,
  repo: Repo,
  marker: string,
  me: AppIdentity,
  title: string,
  body: string,
): Promise<{ number: number; action: 'created' | 'updated' }> {
  const text = fitMarkdown(body, { chars: GITHUB_LIMITS.commentChars });
  const open = await findOpenIssue(octokit, repo, marker, me);
  if (open) {
    await octokit.rest.issues.update({ ...repo, issue_number: open.number, title, body: text });
    return { number: open.number, action: 'updated' };
  }
  const { data } = await octokit.rest.issues.create({ ...repo, title, body: text });
  return {
    number: parse(CreatedIssue, data, 'POST /repos/{owner}/{repo}/issues').number,
    action: 'created',
  };
}

/** Closes our open issue carrying `marker` with a closing comment; false when there is none. */
export async function closeIssue(
  octokit: Octokit,
  repo: Repo,
  marker: string,
  me: AppIdentity,
  comment: string,
): Promise<number | null> {
  const open = await findOpenIssue(octokit, repo, marker, me);
  if (!open) return null;
  await octokit.rest.issues.createComment({ ...repo, issue_number: open.number, body: comment });
  await octokit.rest.issues.update({
    ...repo,
    issue_number: open.number,
    state: 'closed',
    state_reason: 'completed',
  });
  return open.number;
}
