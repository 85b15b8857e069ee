/**
 * One comment per issue or pull request, edited in place on every run: the one that
 * carries the hidden `marker` AND was written by us (anyone can paste a marker, and
 * another bot's comment is not ours to edit). Every page of comments is read, so a PR
 * with hundreds of comments still finds it; copies a race between two events left behind
 * are deleted; the body is cut, markdown-safely, to GitHub's comment limit.
 */
import { REPORT_MARKER } from '../core/report/index.js';
import type { GitHubClient } from './client.js';
import { isOurs, type AppIdentity } from './identity.js';
import { GITHUB_LIMITS, fitMarkdown } from './limits.js';
import type { Repo } from './repo.js';
import { IssueComments, parse } from './schemas.js';

export interface StickyComment {
  id: number;
  body: string;
  url: string | undefined;
  /** Copies an earlier race left behind; `writeStickyComment` deletes them. */
  duplicates: number[];
}

export interface StickyResult {
  id: number;
  url: string | undefined;
  action: 'created' | 'updated' | 'unchanged';
}

/** Our comment carrying `marker` on an issue or PR (the oldest one; newer copies are duplicates), or null. */
export async function findStickyComment(
  github: GitHubClient,
  repo: Repo,
  issueNumber: number,
  me: AppIdentity,
  marker: string = REPORT_MARKER,
): Promise<StickyComment | null> {
  const route = 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments';
  const ours: Array<{ id: number; body: string; url: string | undefined }> = [];
  for await (const page of github.paginate.iterator(route, {
    ...repo,
    issue_number: issueNumber,
    per_page: 100,
  })) {
    for (const comment of parse(IssueComments, page.data, route)) {
      if (comment.body?.includes(marker) && isOurs(comment, me)) {
        ours.push({ id: comment.id, body: comment.body, url: comment.html_url });
      }
    }
  }
  return stickyOf(ours);
}

/** The oldest of our marked comments, in listing order, is the sticky one; newer copies are duplicates. */
export function stickyOf(
  ours: readonly { id: number; body: string; url: string | undefined }[],
): StickyComment | null {
  const [first, ...rest] = ours;
  return first ? { ...first, duplicates: rest.map((c) => c.id) } : null;
}

/** The body as posted: the marker first, cut (with a note saying where the rest is) to fit a comment. */
export function stickyBody(body: string, marker: string = REPORT_MARKER, fullUrl?: string): string {
  const text = body.includes(marker) ? body : `${marker}\n${body}`;
  const note = `\n\n> ✂️ The report was cut to fit a comment${fullUrl ? `; the whole report is in the [job summary](${fullUrl})` : '; the whole report is in the check run and the run’s artifacts'}.\n`;
  return fitMarkdown(text, { chars: GITHUB_LIMITS.commentChars }, note);
}

/** Writes the comment `findStickyComment` found (or a new one), deleting race duplicates. */
export async function writeStickyComment(
  github: GitHubClient,
  repo: Repo,
  issueNumber: number,
  existing: StickyComment | null,
  body: string,
  marker: string = REPORT_MARKER,
): Promise<StickyResult> {
  const text = stickyBody(body, marker);
  for (const duplicate of existing?.duplicates ?? []) {
    await github.request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', {
      ...repo,
      comment_id: duplicate,
    });
  }
  if (!existing) {
    const created = await github.request(
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      { ...repo, issue_number: issueNumber, body: text },
    );
    const [comment] = parse(IssueComments, [created.data], 'POST …/comments');
    return { id: comment?.id ?? 0, url: comment?.html_url, action: 'created' };
  }
  if (existing.body === text) return { id: existing.id, url: existing.url, action: 'unchanged' };
  await github.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
    ...repo,
    comment_id: existing.id,
    body: text,
  });
  return { id: existing.id, url: existing.url, action: 'updated' };
}

/** Creates or updates the one comment of ours carrying `marker` on an issue or PR. */
export async function upsertStickyComment(
  github: GitHubClient,
  repo: Repo,
  issueNumber: number,
  body: string,
  me: AppIdentity,
  marker: string = REPORT_MARKER,
): Promise<StickyResult> {
  const existing = await findStickyComment(github, repo, issueNumber, me, marker);
  return writeStickyComment(github, repo, issueNumber, existing, body, marker);
}
