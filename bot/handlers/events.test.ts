import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Probot } from 'probot';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FakeGitHub } from '../../github/testing/fake-github.js';
import { APP_ID, FakeRepo } from '../../github/testing/fake-repo.js';
import { startBot } from '../testing/harness.js';
import {
  REPOSITORY,
  checkRunRerequested,
  checkSuiteRerequested,
  deploymentStatus,
  issueComment,
  pullRequestEvent,
  workflowRunCompleted,
} from '../testing/payloads.js';
import { BASE_RUN, RunFactory, runArtifact, type MadeRun } from '../testing/runs.js';

const R = `/repos/${REPOSITORY.full_name}`;
const POLICY = `gate:
  rules:
    - { metric: accuracy, min: 0.85, max_decrease: 0.002 }
deploy: { on_merge: tag, environment: production }
`;

let factory: RunFactory;
let base: MadeRun;
let regressed: MadeRun;
let night1: MadeRun;
let night2: MadeRun;
let night3: MadeRun;

beforeAll(async () => {
  factory = new RunFactory();
  base = await factory.run(BASE_RUN);
  regressed = await factory.run({
    branch: 'feat/worse',
    accuracy: 0.8,
    wrong: 40,
    event: 'pull_request',
    runId: 2002,
  });
  night1 = await factory.run({
    branch: 'main',
    accuracy: 0.931,
    wrong: 14,
    event: 'schedule',
    runId: 5001,
  });
  night2 = await factory.run({
    branch: 'main',
    accuracy: 0.9,
    wrong: 20,
    event: 'schedule',
    runId: 5002,
  });
  night3 = await factory.run({
    branch: 'main',
    accuracy: 0.9,
    wrong: 20,
    event: 'schedule',
    runId: 5003,
  });
}, 60_000);
afterAll(() => factory.cleanup());

let github: FakeGitHub;
let repo: FakeRepo;
let probot: Probot;

function artifact(run: MadeRun, branch: string) {
  repo.artifacts.push(runArtifact(run, { branch }));
}

function openPull(number: number, head: MadeRun) {
  repo.pulls.push({
    number,
    state: 'open',
    head: {
      sha: head.sha,
      ref: 'feat/worse',
      repo: { id: REPOSITORY.id, owner: { login: REPOSITORY.owner.login } },
    },
    base: { sha: base.sha, ref: 'main', repo: { id: REPOSITORY.id } },
  });
}

function ourCheck(sha: string) {
  const checks = repo.checkRuns.filter((c) => c.head_sha === sha);
  expect(checks).toHaveLength(1);
  return checks[0]!;
}

function replies(number: number): string[] {
  return repo
    .commentsOn(number)
    .filter((c) => c.performed_via_github_app?.id === APP_ID)
    .map((c) => c.body);
}

beforeEach(async () => {
  github = new FakeGitHub();
  repo = new FakeRepo(REPOSITORY.full_name, REPOSITORY.id);
  repo.parents = new Map(factory.parents);
  repo.mount(github);
  repo.files.set(`${base.sha}:.github/cd4ml.yml`, POLICY);
  repo.files.set(`main:.github/cd4ml.yml`, POLICY);
  probot = await startBot(github);
});

describe('pull_request', () => {
  it('queues the required check as soon as a PR opens, once per commit', async () => {
    const event = pullRequestEvent('opened', {
      number: 7,
      headSha: regressed.sha,
      baseSha: base.sha,
    });
    await probot.receive(event);
    await probot.receive(event);
    expect(github.bodies('POST', `${R}/check-runs`)).toEqual([
      {
        name: 'cd4ml / model gate',
        head_sha: regressed.sha,
        status: 'queued',
        output: {
          title: 'Waiting for the ML workflow',
          summary: 'Waiting for the ML workflow to upload its `cd4ml-run` artifact.',
        },
      },
    ]);
  });
});

describe('commands', () => {
  beforeEach(() => {
    artifact(base, 'main');
    artifact(regressed, 'feat/worse');
    openPull(7, regressed);
  });

  it('/cd4ml override from someone without write permission gets a polite refusal', async () => {
    repo.permissions.set('passer-by', 'read');
    await probot.receive(issueComment(7, '/cd4ml override trust me', 'passer-by'));
    expect(replies(7)).toEqual([
      expect.stringMatching(
        /^Sorry @\u200bpasser-by, only people with write, maintain or admin permission/,
      ),
    ]);
    expect(repo.checkRuns).toEqual([]);
  });

  it('reads `permission`, not `role_name`: a custom role counts as its base role', async () => {
    // `role_name` of a custom role is its own name; only `permission` says what it grants.
    repo.permissions.set('reviewer', { role_name: 'ml-reviewer', base: 'write' });
    repo.permissions.set('tricky', { role_name: 'maintain', base: 'read' });
    await probot.receive(issueComment(7, '/cd4ml override tricky says so', 'tricky'));
    expect(replies(7)).toEqual([expect.stringMatching(/^Sorry @\u200btricky, only people/)]);
    await probot.receive(issueComment(7, '/cd4ml override eval set changed', 'reviewer'));
    expect(ourCheck(regressed.sha)).toMatchObject({ conclusion: 'success' });
  });

  it('/cd4ml override from a maintainer passes the gate with the reason in the report, and survives a recompare', async () => {
    repo.permissions.set('lead', 'maintain');
    await probot.receive(
      workflowRunCompleted({
        runId: regressed.runId,
        headSha: regressed.sha,
        headBranch: 'feat/worse',
        pr: { number: 7, baseSha: base.sha },
      }),
    );
    expect(ourCheck(regressed.sha).conclusion).toBe('failure');
    await probot.receive(
      issueComment(
        7,
        '/cd4ml override the eval set changed; accuracy @team checked by hand',
        'lead',
      ),
    );
    const check = ourCheck(regressed.sha);
    expect(check.conclusion).toBe('success');
    expect(check.output.title).toBe(
      'Gate overridden by @lead: the eval set changed; accuracy @team checked by hand',
    );
    const [report] = replies(7);
    expect(report).toContain('Gate overridden** by @\u200blead');
    expect(report).toContain('accuracy @\u200bteam checked by hand');
    await probot.receive(issueComment(7, '/cd4ml recompare', 'someone'));
    expect(ourCheck(regressed.sha).conclusion).toBe('success');
    expect(replies(7)).toHaveLength(1);
  });

  it('a re-requested check compares again', async () => {
    await probot.receive(checkRunRerequested(regressed.sha, [7]));
    expect(ourCheck(regressed.sha)).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('"Re-run all checks" (check_suite.rerequested) compares again', async () => {
    await probot.receive(checkSuiteRerequested(regressed.sha, [7]));
    expect(ourCheck(regressed.sha)).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('a re-requested check on a fork PR finds the PR among the open pulls', async () => {
    repo.pulls[0]!.head.repo = { id: 999_001, owner: { login: 'forker' } };
    await probot.receive(checkRunRerequested(regressed.sha, []));
    const check = ourCheck(regressed.sha);
    // Unverified, and failing anyway: a regression is not excused by being a fork's.
    expect(check).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(replies(7)[0]).toMatch(/Unverified metrics/);
  });

  it('/cd4ml recompare before the ML workflow has run says so', async () => {
    repo.artifacts = repo.artifacts.filter((a) => a.workflowRun.headSha !== regressed.sha);
    await probot.receive(issueComment(7, '/cd4ml recompare', 'someone'));
    expect(replies(7)).toEqual([
      expect.stringMatching(/there is no run of `[0-9a-f]{7}` with a `cd4ml-run` artifact yet/),
    ]);
    expect(repo.checkRuns).toEqual([]);
  });

  it('answers an unknown command with the list of commands', async () => {
    await probot.receive(issueComment(7, '/cd4ml deploy-now please', 'someone'));
    expect(replies(7)[0]).toMatch(
      /I do not know `\/cd4ml deploy-now please`[\s\S]*\/cd4ml recompare/,
    );
  });
});

describe('deploy on merge and rollback', () => {
  const mergeSha = 'c'.repeat(40);

  /** PR 7, merged as `mergeSha` into main, its gate check completed with `conclusion`. */
  function mergedPull(conclusion: string) {
    repo.pulls.push({
      number: 7,
      state: 'closed',
      merged: true,
      merge_commit_sha: mergeSha,
      head: {
        sha: regressed.sha,
        ref: 'feat/worse',
        repo: { id: REPOSITORY.id, owner: { login: REPOSITORY.owner.login } },
      },
      base: { sha: base.sha, ref: 'main', repo: { id: REPOSITORY.id } },
    });
    repo.checkRuns.push({
      id: 1,
      name: 'cd4ml / model gate',
      head_sha: regressed.sha,
      status: 'completed',
      conclusion,
      output: {},
      app: { id: APP_ID },
    });
  }

  /** The merge commit's push run on main, with its cd4ml-model unless `model` is false. */
  function mergeRun(options: { model?: boolean; conclusion?: string } = {}) {
    if (options.model !== false)
      repo.artifacts.push({
        ...runArtifact(base, { branch: 'main' }),
        id: 77_001,
        name: 'cd4ml-model',
        workflowRun: {
          ...runArtifact(base, { branch: 'main' }).workflowRun,
          id: 7001,
          headSha: mergeSha,
        },
      });
    return workflowRunCompleted({
      runId: 7001,
      headSha: mergeSha,
      headBranch: 'main',
      event: 'push',
      conclusion: options.conclusion ?? 'success',
    });
  }

  it('waits for the merge commit’s push run: nothing on pull_request.closed, then the tag, a deployment and the version', async () => {
    repo.tags.push(
      { name: 'v0.1.0', sha: 'a'.repeat(40) },
      { name: 'v0.2.0', sha: 'b'.repeat(40) },
      { name: 'nightly', sha: 'd'.repeat(40) },
    );
    mergedPull('success');
    // The merge: its push run (which uploads the model the release needs) only starts now.
    await probot.receive(
      pullRequestEvent('closed', {
        number: 7,
        headSha: regressed.sha,
        baseSha: base.sha,
        merged: true,
        mergeSha,
      }),
    );
    expect(github.requests()).toEqual([]);
    // A failed run of the merge commit releases nothing either.
    await probot.receive(mergeRun({ conclusion: 'failure' }));
    expect(github.bodies('POST', `${R}/git/refs`)).toEqual([]);
    const done = mergeRun();
    await probot.receive(done);
    await probot.receive(done); // a duplicate delivery
    expect(github.bodies('POST', `${R}/git/refs`)).toEqual([
      { ref: 'refs/tags/v0.3.0', sha: mergeSha },
    ]);
    expect(github.bodies('POST', `${R}/deployments`)).toEqual([
      {
        ref: 'v0.3.0',
        environment: 'production',
        auto_merge: false,
        required_contexts: [],
        production_environment: true,
        description: 'cd4ml release v0.3.0 (#7)',
        payload: { cd4ml: { version: 'v0.3.0', issue: 7, rollback: false, requestedBy: null } },
      },
    ]);
    expect(github.requests()).toContain(`GET ${R}/commits/${mergeSha}/pulls`);
    expect(replies(7)).toEqual([expect.stringContaining('🚀 Released as **v0.3.0**')]);
  });

  it('does not release a merge whose gate did not pass, or whose run uploaded no model', async () => {
    mergedPull('failure');
    await probot.receive(mergeRun());
    expect(github.bodies('POST', `${R}/git/refs`)).toEqual([]);
    expect(replies(7)).toEqual([expect.stringContaining('Not released: the model gate')]);
    repo.checkRuns[0]!.conclusion = 'success';
    repo.artifacts.length = 0;
    await probot.receive(mergeRun({ model: false }));
    expect(github.bodies('POST', `${R}/git/refs`)).toEqual([]);
    expect(replies(7)).toEqual([expect.stringContaining('uploaded no `cd4ml-model` artifact')]);
  });

  it('with deployWorkflow (the job’s token, whose tags start no workflow) dispatches it at the new tag and at a rollback', async () => {
    probot = await startBot(github, { settings: { deployWorkflow: 'release.yml' } });
    mergedPull('success');
    await probot.receive(mergeRun());
    const [release] = repo.deployments;
    expect(github.bodies('POST', `${R}/actions/workflows/release.yml/dispatches`)).toEqual([
      { ref: 'v0.1.0', inputs: { deployment: String(release!.id) } },
    ]);
    expect(replies(7)).toEqual([expect.stringContaining('dispatched `release.yml` at the tag')]);
    repo.permissions.set('lead', 'admin');
    repo.tags.push({ name: 'v0.2.0', sha: 'e'.repeat(40) });
    await probot.receive(
      issueComment(12, '/cd4ml rollback v0.1.0', 'lead', { onPullRequest: false }),
    );
    // What is dispatched is what docs/workflows/release.yml accepts.
    const release_yml = parse(
      readFileSync(resolve(import.meta.dirname, '../../docs/workflows/release.yml'), 'utf8'),
    ) as { on: { workflow_dispatch?: { inputs: Record<string, unknown> } } };
    expect(Object.keys(release_yml.on.workflow_dispatch?.inputs ?? {})).toEqual(['deployment']);
    const rollback = repo.deployments[1]!;
    expect(github.bodies('POST', `${R}/actions/workflows/release.yml/dispatches`)).toEqual([
      { ref: 'v0.1.0', inputs: { deployment: String(release!.id) } },
      { ref: 'v0.1.0', inputs: { deployment: String(rollback.id) } },
    ]);
  });

  it('leaves a push run of a commit that merged no PR alone', async () => {
    await probot.receive(mergeRun());
    expect(github.bodies('POST', `${R}/git/refs`)).toEqual([]);
    const writes = github
      .requests()
      .filter((r) => !r.startsWith('GET') && !r.includes('/access_tokens'));
    expect(writes).toEqual([]);
  });

  it('/cd4ml rollback from a maintainer deploys the earlier release and reports its status back', async () => {
    repo.tags.push(
      { name: 'v1.3.0', sha: 'a'.repeat(40) },
      { name: 'v1.4.0', sha: 'b'.repeat(40) },
    );
    repo.permissions.set('lead', 'admin');
    await probot.receive(
      issueComment(12, '/cd4ml rollback 1.3.0', 'lead', { onPullRequest: false }),
    );
    const [deployment] = repo.deployments;
    expect(deployment).toMatchObject({
      ref: 'v1.3.0',
      environment: 'production',
      payload: { cd4ml: { version: 'v1.3.0', issue: 12, rollback: true, requestedBy: 'lead' } },
    });
    expect(replies(12)).toEqual([
      expect.stringContaining(
        `back to **v1.3.0** for @\u200blead: created deployment ${deployment!.id}`,
      ),
    ]);
    await probot.receive(deploymentStatus(deployment!.id, deployment!.payload, 'success', APP_ID));
    expect(replies(12)[1]).toMatch(
      /^<!-- cd4ml:deployment \d+ -->\n✅ Rollback to \*\*v1\.3\.0\*\* to `production` \(deployment \d+\): \*\*success\*\*/,
    );
  });

  it.each([
    { name: 'a string', payload: 'deploy it' },
    { name: "another tool's object", payload: { env: 'prod' } },
    {
      name: 'a cd4ml part with the issue as a string',
      payload: { cd4ml: { version: 'v1', issue: '12', rollback: false, requestedBy: null } },
    },
  ])('a status of a deployment whose payload is $name reports nothing', async ({ payload }) => {
    await probot.receive(deploymentStatus(41, payload, 'success', APP_ID));
    expect(
      github.requests().filter((r) => !r.startsWith('GET') && !r.includes('/access_tokens')),
    ).toEqual([]);
  });

  it('lets a custom role based on maintain roll back', async () => {
    repo.tags.push({ name: 'v1.3.0', sha: 'a'.repeat(40) });
    repo.permissions.set('rm', { role_name: 'release-manager', base: 'maintain' });
    await probot.receive(
      issueComment(12, '/cd4ml rollback v1.3.0', 'rm', { onPullRequest: false }),
    );
    expect(repo.deployments).toEqual([expect.objectContaining({ ref: 'v1.3.0' })]);
  });

  it('a deployment GitHub did not create fails with what to check, not an unexpected error', async () => {
    repo.tags.push({ name: 'v1.3.0', sha: 'a'.repeat(40) });
    repo.permissions.set('lead', 'admin');
    github.on('POST', `${R}/deployments`, {
      status: 202,
      body: { message: 'Auto-merged main into v1.3.0.' },
    });
    const failed = probot.receive(
      issueComment(12, '/cd4ml rollback v1.3.0', 'lead', { onPullRequest: false }),
    );
    await expect(failed).rejects.toThrow(
      /GitHub did not create the deployment of v1\.3\.0 to production: Auto-merged main into v1\.3\.0\.[\s\S]*hint: check that the tag v1\.3\.0 exists/,
    );
  });

  it('refuses a rollback from a writer, and names the releases for an unknown version', async () => {
    repo.tags.push({ name: 'v1.3.0', sha: 'a'.repeat(40) });
    repo.permissions.set('dev', 'write');
    repo.permissions.set('lead', 'maintain');
    await probot.receive(
      issueComment(12, '/cd4ml rollback v1.3.0', 'dev', { onPullRequest: false }),
    );
    await probot.receive(
      issueComment(12, '/cd4ml rollback v9.9.9', 'lead', { onPullRequest: false }),
    );
    expect(repo.deployments).toEqual([]);
    expect(replies(12)).toEqual([
      expect.stringMatching(/^Sorry @\u200bdev, only maintainers/),
      expect.stringMatching(/there is no release v9\.9\.9; the newest releases are v1\.3\.0/),
    ]);
  });
});

/** Runs of a scheduled workflow, as its run listing shows them. */
function scheduledRuns(workflowId: number, ids: number[]): void {
  for (const id of ids) {
    repo.runs.push({
      id,
      headSha: base.sha,
      headBranch: 'main',
      event: 'schedule',
      workflowId,
      headRepositoryId: REPOSITORY.id,
    });
  }
}

describe('scheduled runs', () => {
  it('opens one issue with the failed step’s log tail, updates it, and closes it when a later run passes', async () => {
    scheduledRuns(777, [5001, 5002, 5003, 5004, 5005]);
    for (const night of [night1, night2, night3])
      repo.files.set(`${night.sha}:.github/cd4ml.yml`, POLICY);
    artifact(night1, 'main');
    const failedLog =
      Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n') +
      '\n``` @everyone Traceback: disk full';
    repo.jobs.set(5004, [
      {
        id: 64,
        name: 'pipeline',
        conclusion: 'failure',
        steps: [{ name: 'cd4ml run', conclusion: 'failure' }],
        log: failedLog,
      },
    ]);
    const scheduled = (runId: number, sha: string, conclusion: string) =>
      workflowRunCompleted({
        runId,
        headSha: sha,
        headBranch: 'main',
        event: 'schedule',
        conclusion,
        workflowId: 777,
      });

    await probot.receive(scheduled(5004, night1.sha, 'failure'));
    expect(repo.issues).toHaveLength(1);
    const issue = repo.issues[0]!;
    expect(issue.title).toMatch(/scheduled run of .* failed/);
    expect(issue.body).toContain('step **cd4ml run**');
    expect(issue.body).toContain('line 99');
    expect(issue.body).not.toContain('line 39\n');
    expect(issue.body).toContain('@\u200beveryone');
    expect(issue.body).toMatch(/````text\n/);

    // The next night runs but its gate fails against the previous night: same issue, updated.
    artifact(night2, 'main');
    await probot.receive(scheduled(night2.runId, night2.sha, 'success'));
    expect(repo.issues).toHaveLength(1);
    expect(repo.issues[0]!.body).toMatch(/gate failed against the previous scheduled run/);
    expect(repo.issues[0]!.state).toBe('open');

    // The night after matches the previous one: the issue closes.
    artifact(night3, 'main');
    await probot.receive(scheduled(night3.runId, night3.sha, 'success'));
    expect(repo.issues[0]!.state).toBe('closed');
    expect(replies(repo.issues[0]!.number)).toEqual([
      expect.stringMatching(/Scheduled run 5003\]\(.*\) at `[0-9a-f]{7}` passed/),
    ]);
  });

  it('finds the failed job past the first page of a run’s jobs (100 a page)', async () => {
    scheduledRuns(777, [5001, 5004]);
    artifact(night1, 'main');
    const passed = (i: number) => ({
      id: 1000 + i,
      name: `stage ${i}`,
      conclusion: 'success',
      steps: [{ name: 'run', conclusion: 'success' }],
      log: 'ok',
    });
    repo.jobs.set(5004, [
      ...Array.from({ length: 130 }, (_, i) => passed(i)),
      {
        id: 64,
        name: 'train (lr)',
        conclusion: 'failure',
        steps: [{ name: 'Run the stage', conclusion: 'failure' }],
        log: 'Traceback: out of memory',
      },
      ...Array.from({ length: 20 }, (_, i) => passed(200 + i)),
    ]);
    await probot.receive(
      workflowRunCompleted({
        runId: 5004,
        headSha: night1.sha,
        headBranch: 'main',
        event: 'schedule',
        conclusion: 'failure',
        workflowId: 777,
      }),
    );
    expect(repo.issues[0]?.body).toContain('step **Run the stage**');
    expect(repo.issues[0]!.body).toContain('out of memory');
    expect(
      github.requests().filter((r) => r.startsWith(`GET ${R}/actions/runs/5004/jobs`)),
    ).toHaveLength(2);
  });

  it('leaves scheduled workflows that never uploaded a run artifact alone', async () => {
    scheduledRuns(888, [6001]);
    await probot.receive(
      workflowRunCompleted({
        runId: 6001,
        headSha: base.sha,
        headBranch: 'main',
        event: 'schedule',
        conclusion: 'failure',
        workflowId: 888,
      }),
    );
    expect(repo.issues).toEqual([]);
  });
});
