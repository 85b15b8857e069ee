import { strToU8, unzipSync, zipSync } from 'fflate';
import type { Probot } from 'probot';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../../github/testing/fake-github.js';
import { APP_ID, FakeRepo, ML_WORKFLOW_ID } from '../../github/testing/fake-repo.js';
import { startBot } from '../testing/harness.js';
import { REPOSITORY, workflowRunCompleted } from '../testing/payloads.js';
import { BASE_RUN, RunFactory, runArtifact, type MadeRun } from '../testing/runs.js';

const POLICY = `gate:
  rules:
    - { metric: accuracy, min: 0.85, max_decrease: 0.002, significant: true }
report: { history: 10, chart: [accuracy] }
`;
const R = `/repos/${REPOSITORY.full_name}`;

/** What `cd4ml shadow report --json` saves and `cd4ml record --shadow` carries. */
const SHADOW = {
  model: 'iris',
  candidate: 2,
  rate: 1,
  tolerance: { atol: 1e-6, rtol: 1e-4 },
  mirrored: 41_202,
  agreed: 40_667,
  disagreed: 535,
  errors: 0,
  dropped: 0,
  pending: 0,
  agreement: 40_667 / 41_202,
  maxScoreDiff: 0.25,
  outputDisagreements: { label: 535 },
  primaryMs: { p50: 0.8, p95: 1.2, p99: 2, samples: 8192 },
  candidateMs: { p50: 0.9, p95: 1.5, p99: 2.4, samples: 8192 },
};

let factory: RunFactory;
let older: MadeRun;
let base: MadeRun;
let improved: MadeRun;
let regressed: MadeRun;
let noise: MadeRun;
let hostile: MadeRun;

beforeAll(async () => {
  factory = new RunFactory();
  older = await factory.run({
    branch: 'main',
    accuracy: 0.92,
    wrong: 16,
    event: 'push',
    runId: 1000,
  });
  base = await factory.run({ ...BASE_RUN, historyFrom: older.dir });
  improved = await factory.run({
    branch: 'feat/better',
    accuracy: 0.95,
    wrong: 10,
    event: 'pull_request',
    runId: 2001,
  });
  regressed = await factory.run({
    branch: 'feat/worse',
    accuracy: 0.8,
    wrong: 40,
    event: 'pull_request',
    runId: 2002,
  });
  noise = await factory.run({
    branch: 'feat/noise',
    accuracy: 0.925,
    wrong: 15,
    event: 'pull_request',
    runId: 2003,
  });
  hostile = await factory.run({
    branch: 'feat/hostile',
    accuracy: 0.94,
    wrong: 12,
    event: 'pull_request',
    runId: 2004,
    extraMetrics: { '</details><img src=x onerror=alert(1)>': 1, '@octo-org/everyone': 2 },
    extraParams: { '[click](https://evil.example)': '@admin' },
  });
}, 60_000);

afterAll(() => factory.cleanup());

let github: FakeGitHub;
let repo: FakeRepo;
let probot: Probot;

function artifact(
  run: MadeRun,
  options: { branch: string; expired?: boolean; fork?: boolean; zip?: Uint8Array },
) {
  repo.artifacts.push(runArtifact(run, options));
}

function prEvent(run: MadeRun, number = 7) {
  return workflowRunCompleted({
    runId: run.runId,
    headSha: run.sha,
    headBranch: `feat/${number}`,
    pr: { number, baseSha: base.sha },
  });
}

function ourCheck() {
  const checks = repo.checkRuns.filter((c) => c.name === 'cd4ml / model gate');
  expect(checks).toHaveLength(1);
  return checks[0]!;
}

function ourComments(number = 7) {
  return repo.commentsOn(number).filter((c) => c.performed_via_github_app?.id === APP_ID);
}

beforeEach(async () => {
  github = new FakeGitHub();
  repo = new FakeRepo(REPOSITORY.full_name, REPOSITORY.id);
  repo.parents = new Map(factory.parents);
  repo.mount(github);
  repo.files.set(`${base.sha}:.github/cd4ml.yml`, POLICY);
  probot = await startBot(github);
});

describe('workflow_run completed on a same-repository PR', () => {
  it('compares with the base push run, comments once and completes the check (improvement)', async () => {
    artifact(base, { branch: 'main' });
    artifact(improved, { branch: 'feat/7' });
    repo.checkRuns.push({
      id: 1,
      name: 'cd4ml / model gate',
      head_sha: improved.sha,
      status: 'queued',
      conclusion: null,
      output: {},
      app: { id: APP_ID },
    });
    await probot.receive(prEvent(improved));

    // Found by what GitHub indexes: the head run's artifacts, the merge-base, the pipeline
    // workflow's push runs at that commit, that run's artifacts.
    expect(github.requests()).toEqual([
      'POST /app/installations/77/access_tokens',
      `GET ${R}/actions/runs/${improved.runId}/artifacts`,
      `GET ${R}/actions/artifacts/20010/zip`,
      `GET ${R}/compare/${base.sha}...${improved.sha}`,
      // The policy at the merge-base, our comment, our check run: one GraphQL request.
      'POST /graphql',
      `GET ${R}/actions/workflows/${ML_WORKFLOW_ID}/runs`,
      `GET ${R}/actions/runs/${base.runId}/artifacts`,
      `GET ${R}/actions/artifacts/10010/zip`,
      `POST ${R}/issues/7/comments`,
      `PATCH ${R}/check-runs/1`,
    ]);
    expect(github.operations('Cd4mlPullContext')).toEqual([
      {
        owner: 'octo-org',
        name: 'octo-repo',
        number: 7,
        file: `${base.sha}:.github/cd4ml.yml`,
        head: improved.sha,
        checkName: 'cd4ml / model gate',
        appId: APP_ID,
      },
    ]);
    const runs = github.calls.find((c) => c.path.endsWith('/runs') && c.path.includes('workflows'));
    expect(Object.fromEntries(runs!.query)).toEqual({
      head_sha: base.sha,
      branch: 'main',
      event: 'push',
      status: 'success',
      per_page: '100',
    });
    const [comment] = ourComments();
    expect(comment?.body).toMatch(/^<!-- cd4ml:report -->/);
    expect(comment?.body).toContain('accuracy');
    // The base artifact carried the base branch's history: the trend shows the older run.
    expect(comment?.body).toContain(older.sha.slice(0, 7));
    const check = ourCheck();
    expect(check).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(check.output.title).toMatch(/^Model gate passed/);
    expect(check.output.summary).toBe(comment?.body);
  });

  it('gates a PR only when its head is the run’s head_sha (a run of an older head, or of a merge commit, is not the PR’s)', async () => {
    artifact(base, { branch: 'main' });
    artifact(improved, { branch: 'feat/7' });
    const event = prEvent(improved);
    // The PR moved on (or the run is of `refs/pull/7/merge`): GitHub lists it with its head.
    event.payload.workflow_run.pull_requests[0].head.sha = 'f'.repeat(40);
    await probot.receive(event);
    expect(ourComments()).toEqual([]);
    expect(repo.checkRuns).toEqual([]);
    const writes = github
      .requests()
      .filter((r) => !r.startsWith('GET') && !r.includes('/access_tokens'));
    expect(writes).toEqual([]);
  });

  it('posts the live traffic the head artifact carries (cd4ml-shadow.json) first', async () => {
    const entries = unzipSync(improved.zip);
    entries['cd4ml-shadow.json'] = strToU8(JSON.stringify(SHADOW));
    artifact(base, { branch: 'main' });
    artifact(improved, { branch: 'feat/7', zip: zipSync(entries) });
    await probot.receive(prEvent(improved));
    const [comment] = ourComments();
    expect(comment?.body).toContain(
      '🟡 Live traffic: 98.7% agreement on 41,202 requests; p95 +0.30 ms',
    );
    expect(comment?.body.indexOf('Live traffic')).toBeLessThan(
      comment!.body.indexOf('<b>Gate rules</b>'),
    );
    expect(ourCheck().output.summary).toBe(comment?.body);
  });

  it('completes the check neutral, naming the entry, when cd4ml-shadow.json is not a summary', async () => {
    const entries = unzipSync(improved.zip);
    entries['cd4ml-shadow.json'] = strToU8(JSON.stringify({ ...SHADOW, mirrored: 'lots' }));
    artifact(base, { branch: 'main' });
    artifact(improved, { branch: 'feat/7', zip: zipSync(entries) });
    await probot.receive(prEvent(improved));
    const check = ourCheck();
    expect(check.conclusion).toBe('neutral');
    expect(check.output.summary).toContain(
      'entry &quot;cd4ml-shadow.json&quot; is invalid: is not a cd4ml shadow summary: mirrored:',
    );
  });

  it('reads the newest attempt’s artifact of a re-run run, in whatever order the run lists them', async () => {
    artifact(base, { branch: 'main' });
    const attempt2 = runArtifact(improved, { branch: 'feat/7' });
    const attempt1 = { ...attempt2, id: 1, expired: true };
    repo.artifacts.push(attempt2);
    // Not among the repository's newest artifacts: the bot asks the run, which lists both.
    github.on('GET', `${R}/actions/artifacts`, { body: { total_count: 0, artifacts: [] } });
    const listed = (a: typeof attempt2) => ({
      id: a.id,
      name: a.name,
      size_in_bytes: a.zip.length,
      expired: a.expired ?? false,
      created_at: null,
      workflow_run: { id: improved.runId, head_sha: improved.sha },
    });
    github.on('GET', `${R}/actions/runs/${improved.runId}/artifacts`, {
      body: { total_count: 2, artifacts: [listed(attempt1), listed(attempt2)] },
    });
    await probot.receive(prEvent(improved));
    expect(github.requests()).toContain(`GET ${R}/actions/artifacts/${attempt2.id}/zip`);
    expect(github.requests()).not.toContain(`GET ${R}/actions/artifacts/1/zip`);
    expect(ourComments()[0]?.body).toContain('accuracy');
  });

  it('fails the check on a significant regression', async () => {
    artifact(base, { branch: 'main' });
    artifact(regressed, { branch: 'feat/7' });
    await probot.receive(prEvent(regressed));
    const check = ourCheck();
    expect(check.conclusion).toBe('failure');
    expect(check.output.title).toMatch(/^Model gate failed/);
    expect(ourComments()[0]?.body).toContain('accuracy');
  });

  it('passes a drop within the noise of the paired bootstrap', async () => {
    artifact(base, { branch: 'main' });
    artifact(noise, { branch: 'feat/7' });
    await probot.receive(prEvent(noise));
    // 0.93 → 0.925 is past max_decrease 0.002, but one more wrong example in 200 is noise.
    expect(ourCheck().conclusion).toBe('success');
  });

  it('reports a first PR with no baseline as undecided', async () => {
    artifact(improved, { branch: 'feat/7' });
    await probot.receive(prEvent(improved));
    const check = ourCheck();
    expect(check.conclusion).toBe('neutral');
    expect(ourComments()[0]?.body).toMatch(
      /<b>Baseline<\/b>: none found[\s\S]*No usable run at the base commit or within 49 first parents before it/,
    );
  });

  it('treats an expired base artifact as missing', async () => {
    artifact(base, { branch: 'main', expired: true });
    artifact(improved, { branch: 'feat/7' });
    await probot.receive(prEvent(improved));
    expect(ourCheck().conclusion).toBe('neutral');
    expect(ourComments()[0]?.body).toMatch(/expired/);
    expect(github.requests()).not.toContain(`GET ${R}/actions/artifacts/10010/zip`);
  });

  it('never takes a baseline from a fork run whose branch is called main', async () => {
    artifact(base, { branch: 'main', fork: true });
    artifact(improved, { branch: 'feat/7' });
    await probot.receive(prEvent(improved));
    expect(ourCheck().conclusion).toBe('neutral');
    expect(github.requests()).not.toContain(`GET ${R}/actions/artifacts/10010/zip`);
  });

  it('takes the baseline from the nearest first-parent ancestor when the base commit has no run', async () => {
    const merge = 'f'.repeat(40);
    repo.parents.set(merge, 'e'.repeat(40));
    repo.parents.set('e'.repeat(40), base.sha);
    // The PR branched from main's tip, which (like its parent) has no run.
    repo.parents.set(regressed.sha, merge);
    repo.files.set(`${merge}:.github/cd4ml.yml`, POLICY);
    artifact(base, { branch: 'main' });
    artifact(regressed, { branch: 'feat/7' });
    await probot.receive(
      workflowRunCompleted({
        runId: regressed.runId,
        headSha: regressed.sha,
        headBranch: 'feat/7',
        pr: { number: 7, baseSha: merge },
      }),
    );
    const commits = github.calls.find((c) => c.path === `${R}/commits`);
    expect(commits?.query.get('sha')).toBe(merge);
    expect(ourCheck().conclusion).toBe('failure');
    expect(ourComments()[0]?.body).toMatch(
      /Used \[workflow run 1001\]\([^)]+\), at <code>[0-9a-f]{7}<\/code>, 2 first parents before the base commit/,
    );
  });

  it('leaves runs without a cd4ml-run artifact alone', async () => {
    await probot.receive(prEvent(improved));
    expect(github.requests()).toEqual([
      'POST /app/installations/77/access_tokens',
      `GET ${R}/actions/runs/${improved.runId}/artifacts`,
    ]);
    expect(repo.checkRuns).toEqual([]);
  });

  it('fails the check when a workflow the policy names fails before uploading its run', async () => {
    repo.files.set(
      `${base.sha}:.github/cd4ml.yml`,
      POLICY.replace('gate:\n', 'gate:\n  workflows: [ml.yml]\n'),
    );
    const event = prEvent(improved);
    event.payload.workflow_run.path = '.github/workflows/ml.yml';
    event.payload.workflow_run.conclusion = 'failure';
    await probot.receive(event);
    const check = ourCheck();
    expect(check).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(check.output.title).toBe('The ML workflow failed before it recorded a run');
  });

  it('does not gate runs of workflows the policy does not name', async () => {
    repo.files.set(
      `${base.sha}:.github/cd4ml.yml`,
      POLICY.replace('gate:\n', 'gate:\n  workflows: [ml.yml]\n'),
    );
    artifact(base, { branch: 'main' });
    artifact(improved, { branch: 'feat/7' });
    const event = prEvent(improved);
    event.payload.workflow_run.path = '.github/workflows/docs.yml';
    event.payload.workflow_run.name = 'Docs';
    await probot.receive(event);
    expect(repo.checkRuns).toEqual([]);
    expect(ourComments()).toEqual([]);
  });

  it('escapes markdown and HTML in metric and param names', async () => {
    artifact(base, { branch: 'main' });
    artifact(hostile, { branch: 'feat/7' });
    await probot.receive(prEvent(hostile));
    const body = ourComments()[0]?.body ?? '';
    expect(body).toContain('onerror');
    expect(body).not.toMatch(/<img/i);
    expect(body).not.toContain('</details><img');
    expect(body).not.toMatch(/@octo-org\/everyone/);
    expect(body).not.toContain('[click](https://evil.example)');
    expect(body).not.toMatch(/(^|[^\u200b])@admin/);
  });

  it('finds its own comment among more than 100 and updates it, ignoring pasted markers', async () => {
    artifact(base, { branch: 'main' });
    artifact(improved, { branch: 'feat/7' });
    repo.addHumanComments(7, 110);
    repo.commentsOn(7).push({
      id: 5555,
      body: '<!-- cd4ml:report -->\nold report',
      user: { login: 'cd4ml[bot]', type: 'Bot' },
      performed_via_github_app: { id: APP_ID },
    });
    repo.addHumanComments(7, 10);
    await probot.receive(prEvent(improved));
    // 121 comments: the oldest 100 and the newest 100 of one request cover them all.
    expect(github.operations('Cd4mlPullContext')).toHaveLength(1);
    expect(github.operations('Cd4mlPullComments')).toEqual([]);
    expect(github.requests().filter((r) => r.includes('/comments') && r.startsWith('GET'))).toEqual(
      [],
    );
    expect(github.bodies('POST', `${R}/issues/7/comments`)).toEqual([]);
    expect(github.bodies('PATCH', `${R}/issues/comments/5555`)).toHaveLength(1);
    expect(repo.commentsOn(7).find((c) => c.id === 5555)?.body).toContain('accuracy');
    expect(repo.commentsOn(7).filter((c) => c.body.startsWith('Looks good'))).toHaveLength(120);
  });

  it('ends duplicate deliveries with one comment and one completed check', async () => {
    artifact(base, { branch: 'main' });
    artifact(improved, { branch: 'feat/7' });
    const event = prEvent(improved);
    await Promise.all([probot.receive(event), probot.receive(event), probot.receive(event)]);
    expect(ourComments()).toHaveLength(1);
    expect(ourCheck()).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(github.bodies('POST', `${R}/check-runs`)).toHaveLength(1);
  });
});

describe('hostile artifacts complete the check as neutral with the reason', () => {
  const cases: Array<[string, () => Uint8Array, RegExp]> = [
    [
      'malformed JSON',
      () =>
        zipSync({ 'cd4ml-run.json': new TextEncoder().encode('{"schema": "cd4ml/run@1", oops') }),
      /cd4ml-run\.json|JSON/i,
    ],
    [
      'a zip-slip entry',
      () =>
        zipSync({
          'cd4ml-run.json': new TextEncoder().encode('{}'),
          '../../.bashrc.json': new TextEncoder().encode('{}'),
        }),
      /\.\.\/\.\.\/\.bashrc\.json/,
    ],
    [
      'a zip bomb',
      () =>
        zipSync({
          'cd4ml-run.json': new TextEncoder().encode('{}'),
          'metrics.json': new Uint8Array(16 * 1024 * 1024),
        }),
      /bomb|cap/,
    ],
    [
      'an oversized record',
      () => zipSync({ 'cd4ml-run.json': new Uint8Array(40 * 1024 * 1024).fill(32) }),
      /cap|over/,
    ],
  ];
  it.each(cases)('%s', async (_name, make, message) => {
    artifact(base, { branch: 'main' });
    artifact(improved, { branch: 'feat/7', zip: make() });
    await probot.receive(prEvent(improved));
    const check = ourCheck();
    expect(check.conclusion).toBe('neutral');
    expect(check.output.title).toBe('cd4ml could not finish the comparison');
    expect(check.output.summary).toMatch(message);
  });
});

describe('fork pull requests', () => {
  /** PR #9 from forker:feature at `improved` is open when the fork's workflow run completes. */
  async function forkRunCompletes(): Promise<void> {
    artifact(base, { branch: 'main' });
    artifact(improved, { branch: 'feature', fork: true });
    repo.pulls.push({
      number: 9,
      state: 'open',
      head: {
        sha: improved.sha,
        ref: 'feature',
        repo: { id: 999_001, owner: { login: 'forker' } },
      },
      base: { sha: base.sha, ref: 'main', repo: { id: REPOSITORY.id } },
    });
    await probot.receive(
      workflowRunCompleted({
        runId: improved.runId,
        headSha: improved.sha,
        headBranch: 'feature',
        forkOwner: 'forker',
      }),
    );
  }

  it('finds the PR by owner:branch and marks its metrics unverified', async () => {
    await forkRunCompletes();
    const list = github.calls.find((c) => c.method === 'GET' && c.path === `${R}/pulls`);
    expect(list?.query.get('head')).toBe('forker:feature');
    const check = ourCheck();
    expect(check.conclusion).toBe('neutral');
    expect(ourComments(9)[0]?.body).toMatch(/unverified/);
  });

  it('asks for a maintainer when the policy fails unverified results', async () => {
    repo.files.set(
      `${base.sha}:.github/cd4ml.yml`,
      `${POLICY}\n`.replace('gate:\n', 'gate:\n  unverified: fail\n'),
    );
    await forkRunCompletes();
    expect(ourCheck().conclusion).toBe('action_required');
  });

  it('dispatches trusted evaluation on the base branch and gates on that run', async () => {
    repo.files.set(
      `${base.sha}:.github/cd4ml.yml`,
      POLICY.replace('gate:\n', 'gate:\n  trusted_evaluation: { workflow: evaluate.yml }\n'),
    );
    await forkRunCompletes();
    expect(github.bodies('POST', `${R}/actions/workflows/evaluate.yml/dispatches`)).toEqual([
      {
        ref: 'main',
        inputs: { model_run_id: String(improved.runId), pull_request: '9', head_sha: improved.sha },
      },
    ]);
    expect(ourCheck()).toMatchObject({ status: 'in_progress' });
    // The evaluation run (base branch code, this repository) uploads the trusted record.
    const evaluation = { ...improved, runId: 3001 };
    artifact(evaluation, { branch: 'main' });
    await probot.receive(
      workflowRunCompleted({
        runId: 3001,
        headSha: base.sha,
        headBranch: 'main',
        event: 'workflow_dispatch',
        displayTitle: `cd4ml trusted evaluation #9 ${improved.sha}`,
      }),
    );
    expect(ourCheck()).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(ourComments(9)[0]?.body).not.toMatch(/unverified/);
  });
});

describe('GitHub failures', () => {
  it('retries a 502 and then succeeds', async () => {
    probot = await startBot(github, { retries: true });
    artifact(base, { branch: 'main' });
    artifact(improved, { branch: 'feat/7' });
    const listing = `${R}/actions/runs/${improved.runId}/artifacts`;
    github.once('GET', listing, { status: 502, body: { message: 'Bad Gateway' } });
    await probot.receive(prEvent(improved));
    expect(github.requests().filter((r) => r === `GET ${listing}`)).toHaveLength(2);
    expect(ourCheck().conclusion).toBe('success');
  });

  it('waits for retry-after on a secondary rate limit and retries', async () => {
    probot = await startBot(github, { retries: true });
    artifact(base, { branch: 'main' });
    artifact(improved, { branch: 'feat/7' });
    github.once('POST', `${R}/issues/7/comments`, {
      status: 403,
      headers: { 'retry-after': '1' },
      body: {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      },
    });
    await probot.receive(prEvent(improved));
    expect(github.requests().filter((r) => r === `POST ${R}/issues/7/comments`)).toHaveLength(2);
    expect(ourComments()).toHaveLength(1);
  });

  it('completes the check as neutral on an unexpected error, then fails the delivery', async () => {
    artifact(base, { branch: 'main' });
    artifact(improved, { branch: 'feat/7' });
    github.on('POST', '/graphql', { status: 500, body: { message: 'Server Error' } });
    await expect(probot.receive(prEvent(improved))).rejects.toThrow();
    const check = ourCheck();
    expect(check).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(check.output.summary).toMatch(/GitHub answered 500 to POST .*graphql/);
  });
});
