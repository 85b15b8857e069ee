// The bot's REST answers for tags, deployments, issues and job logs are parsed at the
// boundary (github/schemas.ts): Probot's own Octokit asks, through its pagination, and a
// fetch answers as GitHub would — or with a field missing, which must be an E_IO naming
// the call and the field, not a TypeError somewhere later.
import { describe, expect, it } from 'vitest';
import { cd4mlOctokit, type Octokit } from './octokit.js';
import { createDeployment, listTags } from './deployments.js';
import { closeIssue, upsertIssue } from './issues.js';
import { failedJobLogTail } from './logs.js';

const repo = { owner: 'octo', repo: 'ml' };
const me = { appId: 42, login: null };
const sha = 'a'.repeat(40);

type Answers = Partial<Record<string, { status?: number; body: unknown }>>;

/** An Octokit whose requests `answer` serves by "METHOD path"; the calls it saw. */
function octokitAnswering(answer: Answers) {
  const calls: string[] = [];
  const fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const key = `${init?.method ?? 'GET'} ${url.pathname}`;
    calls.push(key);
    const found = answer[key];
    if (!found) return Promise.resolve(new Response('{"message":"Not Found"}', { status: 404 }));
    const text = typeof found.body === 'string' ? found.body : null;
    const response = new Response(text ?? JSON.stringify(found.body), {
      status: found.status ?? 200,
      headers: { 'content-type': text !== null ? 'text/plain' : 'application/json' },
    });
    // As fetch names it: Octokit's pagination reads it.
    Object.defineProperty(response, 'url', { value: url.href });
    return Promise.resolve(response);
  };
  const Client = cd4mlOctokit({
    fetch,
    retries: 0,
    throttle: false,
  });
  return { octokit: new Client({ auth: 'ghs_test' }), calls };
}

const p = '/repos/octo/ml';
const issue = (number: number, body: string) => ({
  number,
  body,
  user: { login: 'cd4ml[bot]' },
  performed_via_github_app: { id: 42 },
});

describe('REST answers the bot reads, parsed at the boundary', () => {
  it.each([
    {
      name: 'a tag without its commit',
      call: (o: Octokit) => listTags(o, repo),
      answer: { [`GET ${p}/tags`]: { body: [{ name: 'v1' }] } },
      error:
        /^GitHub's answer to GET \/repos\/\{owner\}\/\{repo\}\/tags is not what its API documents at 0\.commit:/,
    },
    {
      name: 'a created deployment without an id',
      call: (o: Octokit) =>
        createDeployment(o, repo, 'v1', 'production', deployPayload(), 'deploy v1'),
      answer: { [`POST ${p}/deployments`]: { status: 201, body: { id: '7' } } },
      error:
        /^GitHub's answer to POST \/repos\/\{owner\}\/\{repo\}\/deployments is not what its API documents at id:/,
    },
    {
      name: 'an issue listing whose issue has no number',
      call: (o: Octokit) => upsertIssue(o, repo, '<!-- m -->', me, 'Nightly failed', 'body'),
      answer: { [`GET ${p}/issues`]: { body: [{ body: '<!-- m -->', user: null }] } },
      error:
        /^GitHub's answer to GET \/repos\/\{owner\}\/\{repo\}\/issues is not what its API documents at 0\.number:/,
    },
    {
      name: 'an opened issue without its number',
      call: (o: Octokit) => upsertIssue(o, repo, '<!-- m -->', me, 'Nightly failed', 'body'),
      answer: {
        [`GET ${p}/issues`]: { body: [] },
        [`POST ${p}/issues`]: { status: 201, body: { id: 9 } },
      },
      error:
        /^GitHub's answer to POST \/repos\/\{owner\}\/\{repo\}\/issues is not what its API documents at number:/,
    },
    {
      name: 'a job listing whose job has no name',
      call: (o: Octokit) => failedJobLogTail(o, repo, 5),
      answer: {
        [`GET ${p}/actions/runs/5/jobs`]: {
          body: { total_count: 1, jobs: [{ id: 1, conclusion: 'failure' }] },
        },
      },
      error:
        /^GitHub's answer to GET \/repos\/\{owner\}\/\{repo\}\/actions\/runs\/5\/jobs is not what its API documents at 0\.name:/,
    },
  ])('$name is an E_IO naming the call and the field', async ({ call, answer, error }) => {
    const { octokit } = octokitAnswering(answer);
    await expect(call(octokit)).rejects.toMatchObject({
      code: 'E_IO',
      message: expect.stringMatching(error) as unknown,
    });
  });

  it('well-formed answers give what the handlers use', async () => {
    const { octokit, calls } = octokitAnswering({
      [`GET ${p}/tags`]: { body: [{ name: 'v1', commit: { sha }, zipball_url: 'x' }] },
      [`POST ${p}/deployments`]: { status: 201, body: { id: 77, sha } },
      [`GET ${p}/issues`]: {
        body: [{ ...issue(3, 'a PR <!-- m -->'), pull_request: {} }, issue(4, 'report <!-- m -->')],
      },
      [`PATCH ${p}/issues/4`]: { body: issue(4, 'new') },
      [`POST ${p}/issues/4/comments`]: { status: 201, body: { id: 1 } },
      [`GET ${p}/actions/runs/5/jobs`]: {
        body: {
          total_count: 2,
          jobs: [
            { id: 1, name: 'lint', conclusion: 'success', steps: [] },
            {
              id: 2,
              name: 'train',
              conclusion: 'failure',
              html_url: 'https://github.com/octo/ml/actions/runs/5/job/2',
              steps: [
                { name: 'setup', conclusion: 'success' },
                { name: 'fit', conclusion: 'failure' },
              ],
            },
          ],
        },
      },
      [`GET ${p}/actions/jobs/2/logs`]: { body: 'line 1\nline 2' },
    });
    expect(await listTags(octokit, repo)).toEqual([{ name: 'v1', sha }]);
    expect(
      await createDeployment(octokit, repo, 'v1', 'production', deployPayload(), 'deploy v1'),
    ).toBe(77);
    // The pull request among the issues is passed over; ours (marker + app) is updated.
    expect(await upsertIssue(octokit, repo, '<!-- m -->', me, 'T', 'new <!-- m -->')).toEqual({
      number: 4,
      action: 'updated',
    });
    expect(await closeIssue(octokit, repo, '<!-- m -->', me, 'fixed')).toBe(4);
    expect(await failedJobLogTail(octokit, repo, 5)).toEqual({
      job: 'train',
      step: 'fit',
      url: 'https://github.com/octo/ml/actions/runs/5/job/2',
      tail: 'line 1\nline 2',
    });
    expect(calls).toEqual([
      `GET ${p}/tags`,
      `POST ${p}/deployments`,
      `GET ${p}/issues`,
      `PATCH ${p}/issues/4`,
      `GET ${p}/issues`,
      `POST ${p}/issues/4/comments`,
      `PATCH ${p}/issues/4`,
      `GET ${p}/actions/runs/5/jobs`,
      `GET ${p}/actions/jobs/2/logs`,
    ]);
  });

  it('a deployment GitHub did not create (202) says why, from its message', async () => {
    const { octokit } = octokitAnswering({
      [`POST ${p}/deployments`]: { status: 202, body: { message: 'Auto-merged main into v1' } },
    });
    await expect(
      createDeployment(octokit, repo, 'v1', 'staging', deployPayload(), 'deploy v1'),
    ).rejects.toMatchObject({
      code: 'E_USAGE',
      message: expect.stringMatching(
        /^GitHub did not create the deployment of v1 to staging: Auto-merged main into v1\n/,
      ) as unknown,
    });
  });
});

function deployPayload() {
  return { cd4ml: { version: 'v1', issue: null, rollback: false, requestedBy: null } };
}
