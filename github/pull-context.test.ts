import { beforeEach, describe, expect, it } from 'vitest';
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { REPORT_MARKER } from '../core/report/index.js';
import { readPullContext, type PullContextRequest } from './pull-context.js';
import { writeStickyComment } from './sticky-comment.js';
import { FakeGitHub } from './testing/fake-github.js';
import { APP_ID, APP_LOGIN, FakeRepo } from './testing/fake-repo.js';

const repoRef = { owner: 'octo-org', repo: 'octo-repo' };
const R = '/repos/octo-org/octo-repo';
const BASE = 'b'.repeat(40);
const HEAD = 'c'.repeat(40);
const Client = Octokit.plugin(paginateRest);
let github: FakeGitHub;
let repo: FakeRepo;
let client: InstanceType<typeof Client>;

const request = (over: Partial<PullContextRequest> = {}): PullContextRequest => ({
  repo: repoRef,
  number: 7,
  file: { commit: BASE, path: '.github/cd4ml.yml', maxBytes: 1000 },
  headSha: HEAD,
  checkName: 'cd4ml / model gate',
  me: { appId: APP_ID, login: null },
  marker: REPORT_MARKER,
  ...over,
});

const ours = (id: number, body = `${REPORT_MARKER}\nreport ${id}`) => ({
  id,
  body,
  user: { login: APP_LOGIN, type: 'Bot' as const },
  performed_via_github_app: { id: APP_ID },
});

beforeEach(() => {
  github = new FakeGitHub();
  repo = new FakeRepo('octo-org/octo-repo', 1);
  repo.mount(github);
  client = new Client({ request: { fetch: github.fetch } });
});

describe('readPullContext', () => {
  it('reads the policy, our comment and our check run in one GraphQL request', async () => {
    repo.files.set(`${BASE}:.github/cd4ml.yml`, 'gate: {}\n');
    repo.addHumanComments(7, 150);
    repo.commentsOn(7).splice(60, 0, ours(5001));
    repo.checkRuns.push(
      // Another app's check of the same name, newer: never ours.
      ...[
        { id: 30, app: { id: APP_ID } },
        { id: 31, app: { id: APP_ID }, status: 'in_progress' },
        { id: 99, app: { id: 1234, slug: 'impostor' } },
      ].map((c) => ({
        name: 'cd4ml / model gate',
        head_sha: HEAD,
        status: 'queued',
        conclusion: null,
        output: {},
        ...c,
      })),
    );
    const context = await readPullContext(client, request());
    expect(github.requests()).toEqual(['POST /graphql']);
    expect(context).toEqual({
      file: 'gate: {}\n',
      sticky: {
        id: 5001,
        body: `${REPORT_MARKER}\nreport 5001`,
        url: expect.stringContaining('5001') as string,
        duplicates: [],
      },
      check: { id: 31, status: 'in_progress', conclusion: null },
    });
  });

  it('pages the middle of a long discussion only, and keeps every race duplicate', async () => {
    repo.addHumanComments(7, 450);
    const list = repo.commentsOn(7);
    // Ours in the middle, copies a race left in the middle and at the newest end, a
    // pasted marker by a person and another bot's comment with the marker.
    list.splice(150, 0, ours(6001));
    list.splice(300, 0, ours(6002));
    list.splice(445, 0, ours(6003));
    list.push({
      id: 6004,
      body: `${REPORT_MARKER} other bot`,
      user: { login: 'other[bot]', type: 'Bot' },
      performed_via_github_app: { id: 99 },
    });
    expect(list).toHaveLength(454);
    const context = await readPullContext(client, request());
    // 454 comments: two ends of 100 in one request, the middle 254 in pages of 100 until
    // a page reaches the newest end (indexes 354…).
    const pages = github.operations('Cd4mlPullComments');
    expect(pages).toHaveLength(3);
    expect(github.requests()).toEqual(Array(4).fill('POST /graphql'));
    expect(context.sticky).toMatchObject({ id: 6001, duplicates: [6002, 6003] });
    expect(context.file).toBeNull();
    expect(context.check).toBeNull();

    await writeStickyComment(client, repoRef, 7, context.sticky, 'new report');
    expect(github.requests().slice(4)).toEqual([
      `DELETE ${R}/issues/comments/6002`,
      `DELETE ${R}/issues/comments/6003`,
      `PATCH ${R}/issues/comments/6001`,
    ]);
    expect(list.filter((c) => c.body.includes('new report')).map((c) => c.id)).toEqual([6001]);
    expect(list.find((c) => c.id === 6004)?.body).toContain('other bot');
  });

  it('takes a check run as ours by the app slug when the token has no app id (the bot in Actions)', async () => {
    repo.writer = { login: 'github-actions[bot]', appId: 15368, slug: 'github-actions' };
    repo.checkRuns.push({
      id: 40,
      name: 'cd4ml / model gate',
      head_sha: HEAD,
      status: 'completed',
      conclusion: 'success',
      output: {},
      app: { id: 15368, slug: 'github-actions' },
    });
    const context = await readPullContext(
      client,
      request({ me: { appId: null, login: 'github-actions[bot]' } }),
    );
    expect(github.operations('Cd4mlPullContext')[0]).toMatchObject({ appId: null });
    expect(context.check).toEqual({ id: 40, status: 'completed', conclusion: 'success' });
    const other = await readPullContext(
      client,
      request({ me: { appId: null, login: 'cd4ml-ci[bot]' } }),
    );
    expect(other.check).toBeNull();
  });

  it('refuses a policy over the size limit, naming the file and commit', async () => {
    repo.files.set(`${BASE}:.github/cd4ml.yml`, `# ${'x'.repeat(2000)}\n`);
    await expect(readPullContext(client, request())).rejects.toThrow(
      /\.github\/cd4ml\.yml at bbbbbbb is over 1000 bytes/,
    );
  });

  it('throws an answer that is not GitHub’s schema as an error naming the query', async () => {
    github.graphql('Cd4mlPullContext', () => ({ repository: { pullRequest: { oldest: 1 } } }));
    await expect(readPullContext(client, request())).rejects.toThrow(
      /GitHub's answer to GraphQL query Cd4mlPullContext is not what its API documents at repository/,
    );
  });
});

describe('the fake GitHub’s GraphQL', () => {
  it('validates variables as GitHub does: missing, null, mistyped, undeclared', async () => {
    const ask = (variables: Record<string, unknown>) =>
      client.graphql(
        'query Cd4mlPullComments($owner: String!, $name: String!, $number: Int!, $after: String!) { x }',
        variables,
      );
    const valid = { owner: 'octo-org', name: 'octo-repo', number: 7, after: 'Y3Vyc29yOnYyOjA=' };
    await expect(ask(valid)).resolves.toMatchObject({ repository: { pullRequest: {} } });
    await expect(ask({ ...valid, number: '7' })).rejects.toThrow(
      /Variable \$number of type Int! was provided invalid value/,
    );
    await expect(ask({ ...valid, after: null })).rejects.toThrow(/Variable \$after/);
    await expect(ask({ ...valid, extra: 1 })).rejects.toThrow(/\$extra is not declared/);
    await expect(client.graphql('query { viewer { login } }')).rejects.toThrow(
      /named operations only/,
    );
  });

  it('answers at /api/graphql for a GitHub Enterprise Server base URL', async () => {
    const ghe = new Client({
      baseUrl: 'https://ghe.example/api/v3',
      request: { fetch: github.fetch },
    });
    await expect(ghe.graphql('query Cd4mlViewer { viewer { login } }')).resolves.toEqual({
      viewer: { login: APP_LOGIN },
    });
    expect(github.calls.at(-1)).toMatchObject({ method: 'POST', path: '/graphql' });
  });
});
