import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ACTIONS_LOGIN, runAction } from './action.js';
import { FakeGitHub } from '../github/testing/fake-github.js';
import { FakeRepo, ML_WORKFLOW_ID } from '../github/testing/fake-repo.js';
import { REPOSITORY, workflowRunCompleted } from './testing/payloads.js';
import { BASE_RUN, RunFactory, runArtifact, type MadeRun } from './testing/runs.js';

let factory: RunFactory;
let base: MadeRun;
let head: MadeRun;
let dir: string;

beforeAll(async () => {
  factory = new RunFactory();
  base = await factory.run(BASE_RUN);
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
  repo.parents = new Map(factory.parents);
  repo.mount(github);
  for (const run of [base, head]) {
    repo.artifacts.push(runArtifact(run, { branch: run === base ? 'main' : 'feat/7' }));
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

it('acts as whoever the token writes as: finds its own comment and check, not a look-alike', async () => {
  const { github, repo, api } = await fakeApi();
  // An app's token (actions/create-github-app-token) writes as `<slug>[bot]`.
  repo.writer = { login: 'acme-ml[bot]', appId: 31337 };
  // A workflow step made a check of the same name with the job's token.
  repo.checkRuns.push({
    id: 1,
    name: 'cd4ml / model gate',
    head_sha: head.sha,
    status: 'completed',
    conclusion: 'success',
    output: {},
    app: { id: 15368, slug: 'github-actions' },
  });
  const env = {
    GITHUB_TOKEN: 'ghs_app_token',
    GITHUB_EVENT_NAME: 'workflow_run',
    GITHUB_EVENT_PATH: eventFile(),
    GITHUB_API_URL: api.url,
    LOG_LEVEL: 'fatal' as const,
  };
  try {
    await runAction(env);
    await runAction(env); // the next event: the same comment and check are updated
  } finally {
    await api.close();
  }
  const slug = REPOSITORY.full_name;
  expect(github.bodies('POST', `/repos/${slug}/issues/7/comments`)).toHaveLength(1);
  expect(repo.commentsOn(7).map((c) => c.user.login)).toEqual(['acme-ml[bot]']);
  expect(github.bodies('POST', `/repos/${slug}/check-runs`)).toHaveLength(1);
  expect(github.bodies('PATCH', '/repos/' + slug + '/check-runs/1')).toEqual([]);
  expect(repo.checkRuns.filter((c) => c.app.id === 31337)).toHaveLength(1);
});

it('fails the step when a handler fails', async () => {
  const { github, api } = await fakeApi();
  github.on('GET', `/repos/${REPOSITORY.full_name}/actions/runs/:run/artifacts`, {
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

const ROOT = resolve(import.meta.dirname, '..');

/**
 * The action as the runner has it: a checkout of the repository with dist/ and no
 * node_modules (copied to a temp dir whose path has a space), `runs.main` resolved from bot/action.yml's
 * directory, started as `node <main>` with the inputs as INPUT_* variables.
 */
function actionCheckout(): string {
  // A space in the path, as a self-hosted runner's work directory may have.
  const checkout = join(dir, '_actions with space', 'cd4ml');
  rmSync(checkout, { recursive: true, force: true });
  for (const file of ['package.json', 'bot/action.yml', 'dist/bot/action.js']) {
    mkdirSync(dirname(join(checkout, file)), { recursive: true });
    cpSync(join(ROOT, file), join(checkout, file));
  }
  const action = parse(readFileSync(join(checkout, 'bot/action.yml'), 'utf8')) as {
    runs: { using: string; main: string };
  };
  expect(action.runs.using).toBe('node24');
  return resolve(checkout, 'bot', action.runs.main);
}

async function runBundle(
  main: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(process.execPath, [main], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  return { code, stdout };
}

/** Records each request's Authorization header on its way to the fake GitHub. */
async function recordingProxy(target: string) {
  const tokens: string[] = [];
  const server = createServer((req, res) => {
    tokens.push(req.headers.authorization ?? '');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void fetch(`${target}${req.url ?? '/'}`, {
        method: req.method,
        headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
        redirect: 'manual',
      })
        .then(async (answer) => {
          res.writeHead(answer.status, Object.fromEntries(answer.headers));
          res.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch((error: unknown) => res.writeHead(502).end(String(error)));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    tokens,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

it('dist/bot/action.js runs as the runner starts it: INPUT_TOKEN, the event file, GITHUB_API_URL', async () => {
  const main = actionCheckout();
  const { github, repo, api } = await fakeApi();
  repo.files.set(
    `${base.sha}:.github/cd4ml.yml`,
    'gate:\n  rules:\n    - { metric: accuracy, min: 0.9 }\n',
  );
  const proxy = await recordingProxy(api.url);
  let result: { code: number | null; stdout: string };
  try {
    result = await runBundle(main, {
      INPUT_TOKEN: 'ghs_job_token',
      GITHUB_EVENT_NAME: 'workflow_run',
      GITHUB_EVENT_PATH: eventFile(),
      GITHUB_API_URL: proxy.url,
      GITHUB_RUN_ID: '9001',
      LOG_LEVEL: 'warn',
    });
  } finally {
    await proxy.close();
    await api.close();
  }
  expect(result.code, result.stdout).toBe(0);
  expect(result.stdout).not.toContain('::error::');
  const slug = REPOSITORY.full_name;
  // The job's token needs no exchange; each request once (some run concurrently).
  const requests = github.requests();
  expect([...requests].sort()).toEqual(
    [
      // Who the token writes as (GraphQL's viewer), to know our comment and check.
      'POST /graphql',
      `GET /repos/${slug}/actions/runs/${head.runId}/artifacts`,
      `GET /repos/${slug}/compare/${base.sha}...${head.sha}`,
      // The policy, our comment and our check run (github/pull-context.ts).
      'POST /graphql',
      `GET /repos/${slug}/actions/workflows/${ML_WORKFLOW_ID}/runs`,
      `GET /repos/${slug}/actions/runs/${base.runId}/artifacts`,
      `GET /repos/${slug}/actions/artifacts/${head.runId * 10}/zip`,
      `GET /repos/${slug}/actions/artifacts/${base.runId * 10}/zip`,
      `POST /repos/${slug}/issues/7/comments`,
      `POST /repos/${slug}/check-runs`,
    ].sort(),
  );
  expect(github.operations('Cd4mlPullContext')).toEqual([
    expect.objectContaining({ number: 7, head: head.sha, appId: null }),
  ]);
  expect(proxy.tokens.length).toBeGreaterThanOrEqual(requests.length);
  expect(new Set(proxy.tokens)).toEqual(new Set(['token ghs_job_token']));
  const [comment] = github.bodies('POST', `/repos/${slug}/issues/7/comments`) as { body: string }[];
  expect(comment?.body).toMatch(/^<!-- cd4ml:report -->/);
  expect(repo.checkRuns).toHaveLength(1);
  expect(repo.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
});

it('dist/bot/action.js fails the step when a handler fails (exit 1, ::error::)', async () => {
  const main = actionCheckout();
  const { github, api } = await fakeApi();
  github.on('GET', `/repos/${REPOSITORY.full_name}/actions/runs/:run/artifacts`, {
    status: 401,
    body: { message: 'Bad credentials' },
  });
  let result: { code: number | null; stdout: string };
  try {
    result = await runBundle(main, {
      INPUT_TOKEN: 'ghs_bad',
      GITHUB_EVENT_NAME: 'workflow_run',
      GITHUB_EVENT_PATH: eventFile(),
      GITHUB_API_URL: api.url,
      LOG_LEVEL: 'fatal',
    });
  } finally {
    await api.close();
  }
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/^::error::.*Bad credentials/m);
  expect(github.requests()).toContain(
    `GET /repos/${REPOSITORY.full_name}/actions/runs/2001/artifacts`,
  );
  // The gate failed: its check says so (neutral, with the reason); nothing else was written.
  expect(
    github
      .requests()
      .filter(
        (r) => r.startsWith('POST ') && !r.includes('access_tokens') && r !== 'POST /graphql',
      ),
  ).toEqual([`POST /repos/${REPOSITORY.full_name}/check-runs`]);
});

it('dist/bot/action.js without a token fails the step and says which input', async () => {
  const result = await runBundle(actionCheckout(), {
    GITHUB_EVENT_NAME: 'workflow_run',
    GITHUB_EVENT_PATH: eventFile(),
  });
  expect(result.code).toBe(1);
  // A coded error that says what to pass, not "unexpected error".
  expect(result.stdout).toMatch(
    /^::error::the bot has no token to act with%0A {2}hint: pass `token:` to cd4ml\/cd4ml\/bot/m,
  );
});
