import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { REPORT_MARKER } from '../core/report/index.js';
import { GITHUB_LIMITS } from './limits.js';
import { findStickyComment, stickyBody, upsertStickyComment } from './sticky-comment.js';
import { FakeGitHub } from './testing/fake-github.js';
import { APP_ID, APP_LOGIN, FakeRepo } from './testing/fake-repo.js';

const me = { appId: APP_ID, login: null };
const repoRef = { owner: 'octo-org', repo: 'octo-repo' };
const R = '/repos/octo-org/octo-repo';
let github: FakeGitHub;
let repo: FakeRepo;
const Client = Octokit.plugin(paginateRest);
let client: InstanceType<typeof Client>;

beforeEach(() => {
  github = new FakeGitHub();
  repo = new FakeRepo('octo-org/octo-repo', 1);
  repo.mount(github);
  client = new Client({ request: { fetch: github.fetch } });
});
afterEach(() => {
  github.calls.length = 0;
});

const ours = (id: number, body: string) => ({
  id,
  body,
  user: { login: APP_LOGIN, type: 'Bot' as const },
  performed_via_github_app: { id: APP_ID },
});

describe('stickyBody', () => {
  it('starts with the marker and stays under GitHub’s 65,536-character limit, naming the full report', () => {
    const body = stickyBody(
      `${REPORT_MARKER}\n${'x\n\n'.repeat(40_000)}`,
      REPORT_MARKER,
      'https://example.com/run',
    );
    expect(body.startsWith(REPORT_MARKER)).toBe(true);
    expect(body.length).toBeLessThanOrEqual(GITHUB_LIMITS.commentChars);
    expect(body).toContain('[job summary](https://example.com/run)');
    expect(stickyBody('short')).toBe(`${REPORT_MARKER}\nshort`);
  });

  it('never leaves <details> open when it cuts (a slice would)', () => {
    const rows = Array.from({ length: 8000 }, (_, i) => `| m${i} | 0.${i} |`).join('\n');
    const body = stickyBody(
      `${REPORT_MARKER}\n<details><summary>All</summary>\n\n${rows}\n\n</details>\n`,
    );
    expect(body.length).toBeLessThanOrEqual(GITHUB_LIMITS.commentChars);
    expect(body.split('<details>').length).toBe(body.split('</details>').length);
  });
});

describe('the sticky comment', () => {
  it('edits only our comment carrying the marker, on any page, and deletes the copies a race left', async () => {
    repo.addHumanComments(7, 150); // people quoting the marker: never ours
    repo.commentsOn(7).push(
      {
        ...ours(1, `${REPORT_MARKER}\nold`),
        user: { login: 'other[bot]', type: 'Bot' },
        performed_via_github_app: { id: 9 },
      },
      ours(2, `${REPORT_MARKER}\nold`),
      ours(3, `${REPORT_MARKER}\nrace copy`),
    );
    const found = await findStickyComment(client, repoRef, 7, me);
    expect(found).toMatchObject({ id: 2, duplicates: [3] });
    const result = await upsertStickyComment(client, repoRef, 7, 'new report', me);
    expect(result).toMatchObject({ id: 2, action: 'updated' });
    expect(github.requests().filter((r) => !r.startsWith('GET'))).toEqual([
      `DELETE ${R}/issues/comments/3`,
      `PATCH ${R}/issues/comments/2`,
    ]);
    expect(repo.commentsOn(7).find((c) => c.id === 2)?.body).toBe(`${REPORT_MARKER}\nnew report`);
    expect(repo.commentsOn(7).some((c) => c.id === 3)).toBe(false);
    // Two pages of 100 each time (153 comments).
    expect(github.requests().filter((r) => r === `GET ${R}/issues/7/comments`)).toHaveLength(4);
  });

  it('creates the comment when none of ours exists, and leaves an unchanged one alone', async () => {
    const first = await upsertStickyComment(client, repoRef, 8, 'report', me);
    expect(first.action).toBe('created');
    const again = await upsertStickyComment(client, repoRef, 8, 'report', me);
    expect(again).toMatchObject({ id: first.id, action: 'unchanged' });
    expect(repo.commentsOn(8)).toHaveLength(1);
  });
});
