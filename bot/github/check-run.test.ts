import { describe, expect, it } from 'vitest';
import { checkConclusion } from './check-run.js';
import type { Octokit } from './octokit.js';

const answering = (data: unknown) =>
  ({ rest: { checks: { listForRef: () => Promise.resolve({ data }) } } }) as unknown as Octokit;
const me = { appId: 42, login: null };
const repo = { owner: 'octo', repo: 'ml' };

describe('check runs from the REST API', () => {
  it('are parsed at the boundary: a malformed answer is a coded error naming the call and field', async () => {
    const data = { total_count: 1, check_runs: [{ id: 1, head_sha: 'a', status: 'completed' }] };
    await expect(checkConclusion(answering(data), repo, 'a', me)).rejects.toMatchObject({
      code: 'E_IO',
      message: expect.stringMatching(
        /check-runs is not what its API documents at check_runs\.0\.conclusion:/,
      ) as unknown,
    });
  });

  it('gives our newest completed conclusion from a well-formed answer', async () => {
    const run = (id: number, conclusion: string, app: number) => ({
      id,
      head_sha: 'a',
      status: 'completed',
      conclusion,
      app: { id: app },
    });
    const data = {
      total_count: 3,
      check_runs: [run(1, 'failure', 42), run(3, 'neutral', 7), run(2, 'success', 42)],
    };
    expect(await checkConclusion(answering(data), repo, 'a', me)).toBe('success');
  });
});
