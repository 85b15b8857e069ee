import { describe, expect, it } from 'vitest';
import type { Octokit } from './octokit.js';
import { getPullRequest } from './pull-requests.js';

const answering = (data: unknown) =>
  ({ rest: { pulls: { get: () => Promise.resolve({ data }) } } }) as unknown as Octokit;
const repo = { owner: 'octo', repo: 'ml' };

describe('pull requests from the REST API', () => {
  it('are parsed at the boundary: a malformed answer is a coded error naming the call and field', async () => {
    const answer = {
      number: 7,
      state: 'open',
      head: { sha: 'a'.repeat(40), ref: 'feat', repo: { id: 1 } },
      base: { ref: 'main' },
    };
    await expect(getPullRequest(answering(answer), repo, 1, 7)).rejects.toMatchObject({
      code: 'E_IO',
      message: expect.stringMatching(
        /^GitHub's answer to GET \/repos\/\{owner\}\/\{repo\}\/pulls\/7 is not what its API documents at base\.sha:/,
      ) as unknown,
    });
  });

  it('keeps the fields the gate needs from a well-formed answer', async () => {
    const pr = await getPullRequest(
      answering({
        number: 7,
        state: 'open',
        merged: false,
        merge_commit_sha: null,
        head: { sha: 'a'.repeat(40), ref: 'feat', repo: { id: 2 } },
        base: { sha: 'b'.repeat(40), ref: 'main' },
      }),
      repo,
      1,
      7,
    );
    expect(pr).toEqual({
      number: 7,
      headSha: 'a'.repeat(40),
      headRef: 'feat',
      baseRef: 'main',
      baseSha: 'b'.repeat(40),
      fork: true,
      merged: false,
      mergeSha: null,
      state: 'open',
    });
  });
});
