import { REPORT_MARKER } from '../../core/report/index.js';
import type { AppIdentity } from './identity.js';
import { isOurs } from './identity.js';
import { MAX_COMMENT_CHARS, fitMarkdown } from './limits.js';
import type { Octokit } from './octokit.js';
import type { Repo } from './repo.js';

export interface StickyComment {
  id: number;
  body: string;
  /** Copies an earlier race left behind; `writeStickyComment` deletes them. */
  duplicates: number[];
}

export interface StickyResult {
  id: number;
  action: 'created' | 'updated' | 'unchanged';
}

/**
 * Our comment on an issue or PR: the one that carries `marker` AND was written by this app
 * (anyone can paste the marker). Every page of comments is read, so a PR with hundreds of
 * comments still finds it.
 */
export async function findStickyComment(
  octokit: Octokit,
  repo: Repo,
  issueNumber: number,
  me: AppIdentity,
  marker: string = REPORT_MARKER,
): Promise<StickyComment | null> {
  const ours: Array<{ id: number; body: string }> = [];
  for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, {
    ...repo,
    issue_number: issueNumber,
    per_page: 100,
  })) {
    for (const comment of page.data) {
      if (comment.body?.includes(marker) && isOurs(comment, me)) {
        ours.push({ id: comment.id, body: comment.body });
      }
    }
  }
  const [first, ...rest] = ours;
  return first ? { ...first, duplicates: rest.map((c) => c.id) } : null;
}

/** Writes the comment found by `findStickyComment` (or a new one), under GitHub's size limit. */
export async function writeStickyComment(
  octokit: Octokit,
  repo: Repo,
  issueNumber: number,
  existing: StickyComment | null,
  body: string,
  marker: string = REPORT_MARKER,
): Promise<StickyResult> {
  const text = fitMarkdown(body.includes(marker) ? body : `${marker}\n${body}`, MAX_COMMENT_CHARS);
  for (const duplicate of existing?.duplicates ?? []) {
    await octokit.rest.issues.deleteComment({ ...repo, comment_id: duplicate });
  }
  if (!existing) {
    const created = await octokit.rest.issues.createComment({
      ...repo,
      issue_number: issueNumber,
      body: text,
    });
    return { id: created.data.id, action: 'created' };
  }
  if (existing.body === text) return { id: existing.id, action: 'unchanged' };
  await octokit.rest.issues.updateComment({ ...repo, comment_id: existing.id, body: text });
  return { id: existing.id, action: 'updated' };
}

/** Creates or updates the one comment carrying `marker` on an issue or PR. */
export async function upsertStickyComment(
  octokit: Octokit,
  repo: Repo,
  issueNumber: number,
  body: string,
  me: AppIdentity,
  marker: string = REPORT_MARKER,
): Promise<StickyResult> {
  const existing = await findStickyComment(octokit, repo, issueNumber, me, marker);
  return writeStickyComment(octokit, repo, issueNumber, existing, body, marker);
}
