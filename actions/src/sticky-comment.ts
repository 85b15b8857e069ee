/**
 * One report comment per pull request, edited in place on every run. It is found by the
 * report's hidden marker among comments written by bots (a person quoting the marker must
 * not make us edit, or fail to edit, their comment).
 */
import { REPORT_MARKER } from '../../core/report/index.js';
import type { Repo } from './context.js';
import { apiError, type GitHub } from './github.js';

/** GitHub refuses issue comments over 65,536 characters; stay clear of it. */
export const MAX_COMMENT_CHARS = 65_000;

export interface StickyComment {
  id: number;
  url: string;
  action: 'created' | 'updated' | 'unchanged';
}

/** The body as posted: the marker first, cut (with a note saying where the rest is) to fit. */
export function commentBody(report: string, fullReportUrl?: string): string {
  let body = report.startsWith(REPORT_MARKER) ? report : `${REPORT_MARKER}\n${report}`;
  if (body.length > MAX_COMMENT_CHARS) {
    const note = `\n\n… the report was cut to fit a comment${fullReportUrl ? `; the whole report is in the [job summary](${fullReportUrl})` : ''}.\n`;
    body = body.slice(0, MAX_COMMENT_CHARS - note.length) + note;
  }
  return body;
}

export async function upsertComment(
  github: GitHub,
  repo: Repo,
  issueNumber: number,
  body: string,
): Promise<StickyComment> {
  const permission = 'pull-requests: write';
  let existing;
  try {
    const comments = await github.paginate(
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      { ...repo, issue_number: issueNumber, per_page: 100 },
    );
    existing = comments.find(
      (c) => c.user?.type === 'Bot' && (c.body ?? '').includes(REPORT_MARKER),
    );
  } catch (error) {
    throw apiError(error, `listing the comments of #${issueNumber}`, permission);
  }
  try {
    if (existing) {
      if (existing.body === body) {
        return { id: Number(existing.id), url: existing.html_url, action: 'unchanged' };
      }
      const updated = await github.request(
        'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
        { ...repo, comment_id: existing.id, body },
      );
      return { id: Number(updated.data.id), url: updated.data.html_url, action: 'updated' };
    }
    const created = await github.request(
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      { ...repo, issue_number: issueNumber, body },
    );
    return { id: Number(created.data.id), url: created.data.html_url, action: 'created' };
  } catch (error) {
    throw apiError(error, `writing the report comment on #${issueNumber}`, permission);
  }
}
