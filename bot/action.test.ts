import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ACTIONS_LOGIN, runAction } from './action.js';
import { FakeGitHub } from './testing/fake-github.js';
import { FakeRepo } from './testing/fake-repo.js';
import { REPOSITORY, workflowRunCompleted } from './testing/payloads.js';
import { RunFactory, type MadeRun } from './testing/runs.js';

let factory: RunFactory;
let base: MadeRun;
let head: MadeRun;
let dir: string;

beforeAll(async () => {
  factory = new RunFactory();
  base = await factory.run({
    branch: 'main',
    accuracy: 0.93,
    wrong: 14,
    event: 'push',
    runId: 1001,
  });
  head = await factory.run({
    branch: 'feat/better',
    accuracy: 0.95,
    wrong: 10,
    event: 'pull_request',
    runId: 2001,
  });
  dir = mkdtempSync(join(tmpdir(), 'cd4ml-bot-action-'));
}, 60_000);
afterAll(() => {
  factory.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function fakeApi() {
  const github = new FakeGitHub();
  const repo = new FakeRepo(REPOSITORY.full_name, REPOSITORY.id);
  repo.mount(github);
  for (const run of [base, head]) {
    repo.artifacts.push({
      id: run.runId * 10,
      name: 'cd4ml-run',
      zip: run.zip,
      workflowRun: {
        id: run.runId,
        headSha: run.sha,
        headBranch: run === base ? 'main' : 'feat/7',
        headRepositoryId: REPOSITORY.id,
        repositoryId: REPOSITORY.id,
      },
    });
  }
  return { github, repo, api: await github.listen() };
}

function eventFile(): string {
  const event = workflowRunCompleted({
    runId: head.runId,
    headSha: head.sha,
    headBranch: 'feat/7',
    pr: { number: 7, baseSha: base.sha },
  });
  delete (event.payload as { installation?: unknown }).installation;
  const path = join(dir, 'event.json');
  writeFileSync(path, JSON.stringify(event.payload));
  return path;
}

it('runs the app on the job’s event with the job’s token', async () => {
  const { github, repo, api } = await fakeApi();
  try {
    await runAction({
      GITHUB_TOKEN: 'ghs_job_token',
      GITHUB_EVENT_NAME: 'workflow_run',
      GITHUB_EVENT_PATH: eventFile(),
      GITHUB_API_URL: api.url,
      LOG_LEVEL: 'fatal',
    });
  } finally {
    await api.close();
  }
  expect(github.requests()).not.toContain('POST /app/installations/77/access_tokens');
  expect(github.requests()).toContain(`POST /repos/${REPOSITORY.full_name}/issues/7/comments`);
  expect(repo.checkRuns).toHaveLength(1);
  expect(repo.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
  expect(ACTIONS_LOGIN).toBe('github-actions[bot]');
});

it('fails the step when a handler fails', async () => {
  const { github, api } = await fakeApi();
  github.on('GET', `/repos/${REPOSITORY.full_name}/actions/artifacts`, {
    status: 401,
    body: { message: 'Bad credentials' },
  });
  try {
    await expect(
      runAction({
        GITHUB_TOKEN: 'ghs_bad',
        GITHUB_EVENT_NAME: 'workflow_run',
        GITHUB_EVENT_PATH: eventFile(),
        GITHUB_API_URL: api.url,
        LOG_LEVEL: 'fatal',
      }),
    ).rejects.toThrow(/Bad credentials/);
  } finally {
    await api.close();
  }
});
