// The actions' Octokit (createGitHub: @actions/github with plugin-retry and
// plugin-throttling) against the one fake GitHub: what it retries, after how long, and that
// it fails (never answers empty) when GitHub keeps refusing.
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../../github/testing/fake-github.js';
import { FakeRepo } from '../../github/testing/fake-repo.js';
import { createGitHub } from './github.js';

const R = '/repos/octo/ml';
const ROUTE = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts';
const listing = `${R}/actions/runs/5/artifacts`;
let github: FakeGitHub;

beforeEach(() => {
  github = new FakeGitHub();
  new FakeRepo('octo/ml', 1).mount(github);
});

const client = () =>
  createGitHub('t0ken', {
    baseUrl: 'https://api.github.com',
    fetch: github.fetch,
    retries: 2,
    retryAfterBaseValue: 1,
  });
const ask = () => client().request(ROUTE, { owner: 'octo', repo: 'ml', run_id: 5 });
const calls = () => github.requests().filter((r) => r === `GET ${listing}`).length;
const secondary = {
  status: 403,
  headers: { 'retry-after': '1' },
  body: {
    message:
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
  },
};

describe('the actions’ GitHub client', () => {
  it('retries a 5xx and then answers', async () => {
    github.once('GET', listing, { status: 502, body: { message: 'Bad Gateway' } });
    const response = await ask();
    expect(response.status).toBe(200);
    expect(calls()).toBe(2);
  });

  it('waits for retry-after on a secondary rate limit (403) and retries', async () => {
    github.once('GET', listing, secondary);
    expect((await ask()).status).toBe(200);
    expect(calls()).toBe(2);
  });

  it('waits for retry-after on a 429 and retries', async () => {
    github.once('GET', listing, {
      status: 429,
      headers: { 'retry-after': '1' },
      body: { message: 'Too many requests' },
    });
    expect((await ask()).status).toBe(200);
    expect(calls()).toBe(2);
  });

  it('fails after its retries when GitHub keeps refusing, rather than answer nothing', async () => {
    for (let i = 0; i < 3; i++)
      github.once('GET', listing, { status: 503, body: { message: 'Service Unavailable' } });
    await expect(ask()).rejects.toMatchObject({ status: 503 });
    expect(calls()).toBe(3);
  });
});
