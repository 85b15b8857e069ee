import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { FakeGitHub } from '../github/testing/fake-github.js';
import { APP_ID, FakeRepo } from '../github/testing/fake-repo.js';
import { PRIVATE_KEY } from './testing/harness.js';
import { REPOSITORY, workflowRunCompleted } from './testing/payloads.js';
import { RunFactory, type MadeRun } from './testing/runs.js';

const ROOT = resolve(import.meta.dirname, '..');
const SECRET = 'a-real-webhook-secret';

let factory: RunFactory;
let base: MadeRun;
let head: MadeRun;
let image: string;
const children: ChildProcess[] = [];

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
  image = dockerImage();
}, 60_000);
afterAll(() => {
  factory.cleanup();
  rmSync(image, { recursive: true, force: true });
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The Dockerfile's CMD and HEALTHCHECK (JSON arrays), run here as processes. */
function dockerfile(instruction: 'CMD' | 'HEALTHCHECK'): string[] {
  const text = readFileSync(resolve(ROOT, 'bot/Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
  const line = text.split('\n').find((l) => l.startsWith(`${instruction} `));
  const json = line?.slice(line.indexOf('[')) ?? '[]';
  return JSON.parse(json) as string[];
}

/**
 * The image's WORKDIR as the Dockerfile's COPY lines lay it out (from a fresh
 * `npm run build`, done by vitest's global setup): the CMD runs there with no
 * node_modules, as in the container, so a dependency the bundle failed to include fails
 * here too.
 */
function dockerImage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cd4ml-bot-image-'));
  const text = readFileSync(resolve(ROOT, 'bot/Dockerfile'), 'utf8');
  const copies = text.split('\n').filter((line) => line.startsWith('COPY '));
  expect(copies.length).toBeGreaterThan(0);
  for (const line of copies) {
    const parts = line.split(/\s+/).slice(1);
    expect(parts.some((part) => part.startsWith('--'))).toBe(false);
    const target = parts.pop() ?? '';
    for (const source of parts) {
      const to = target.endsWith('/')
        ? join(dir, target, source.split('/').pop() ?? '')
        : join(dir, target);
      mkdirSync(dirname(to), { recursive: true });
      cpSync(resolve(ROOT, source), to, { recursive: true });
    }
  }
  return dir;
}

function startBot(
  env: Record<string, string | undefined>,
  cwd: string = image,
): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const [command, ...args] = dockerfile('CMD');
  expect(command).toBe('node');
  // `npm run bot` and the image start the same bundle.
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  expect(pkg.scripts.bot).toBe(dockerfile('CMD').join(' '));
  const child = spawn(process.execPath, args, {
    cwd,
    // An undefined value leaves the variable out.
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => text, exited };
}

function printed(child: ChildProcess, text: string): Promise<void> {
  return new Promise((done, fail) => {
    let seen = '';
    const look = (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(text)) done();
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    child.once('exit', (code) => fail(new Error(`the bot exited with ${code}: ${seen}`)));
  });
}

function listening(child: ChildProcess, port: number): Promise<void> {
  return new Promise((done, fail) => {
    const look = (chunk: Buffer) => {
      if (chunk.toString().includes(`:${port}`)) done();
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    child.once('exit', (code) => fail(new Error(`the bot exited with ${code}`)));
  });
}

it('the real server takes a signed webhook and posts the report to GitHub Enterprise', async () => {
  const github = new FakeGitHub();
  const repo = new FakeRepo(REPOSITORY.full_name, REPOSITORY.id);
  repo.parents = new Map(factory.parents);
  repo.mount(github);
  repo.files.set(
    `${base.sha}:.github/cd4ml.yml`,
    'gate:\n  rules:\n    - { metric: accuracy, min: 0.9 }\n',
  );
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
  const api = await github.listen();
  try {
    const port = await freePort();
    const bot = startBot({
      APP_ID: String(APP_ID),
      PRIVATE_KEY,
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      GHE_HOST: new URL(api.url).host,
      GHE_PROTOCOL: 'http',
    });
    await listening(bot.child, port);

    const ping = await fetch(`http://127.0.0.1:${port}/ping`);
    expect(await ping.text()).toBe('PONG');
    const [, ...health] = dockerfile('HEALTHCHECK');
    const healthy = spawnSync(process.execPath, health, { env: { PORT: String(port) } });
    expect(healthy.status).toBe(0);

    const event = workflowRunCompleted({
      runId: head.runId,
      headSha: head.sha,
      headBranch: 'feat/7',
      pr: { number: 7, baseSha: base.sha },
    });
    const body = JSON.stringify(event.payload);
    const unsigned = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'workflow_run',
        'x-github-delivery': 'd-0',
        'x-hub-signature-256': 'sha256=00',
      },
      body,
    });
    expect(unsigned.status).toBe(400);

    const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    const answer = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'workflow_run',
        'x-github-delivery': 'd-1',
        'x-hub-signature-256': signature,
      },
      body,
    });
    expect(answer.status).toBe(200);
    const comment = await github.waitFor(
      'POST',
      `/repos/${REPOSITORY.full_name}/issues/7/comments`,
    );
    expect((comment.body as { body: string }).body).toMatch(/^<!-- cd4ml:report -->/);
    await github.waitFor('POST', `/repos/${REPOSITORY.full_name}/check-runs`);
    expect(repo.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(github.requests()[0]).toBe('POST /app/installations/77/access_tokens');
  } finally {
    await api.close();
  }
});

it('refuses to start without a real webhook secret outside development', async () => {
  const bot = startBot({
    APP_ID: String(APP_ID),
    PRIVATE_KEY,
    WEBHOOK_SECRET: 'development',
    PORT: String(await freePort()),
  });
  expect(await bot.exited).toBe(1);
  expect(bot.output()).toMatch(/WEBHOOK_SECRET is missing \(or is the placeholder "development"\)/);
});

it('with nothing set it serves the manifest flow from bot/app.yml, writes .env, and restarts as the app', async () => {
  const github = new FakeGitHub();
  const pem = PRIVATE_KEY;
  github.on('POST', '/app-manifests/:code/conversions', (request) => ({
    status: 201,
    body: {
      id: 4242,
      slug: 'cd4ml',
      client_id: 'Iv1.client',
      client_secret: 'client-secret',
      webhook_secret: 'whsec-from-github',
      pem,
      html_url: `https://github.example/apps/cd4ml-${request.params.code}`,
    },
  }));
  const api = await github.listen();
  const dir = dockerImage();
  try {
    const port = await freePort();
    const bot = startBot(
      {
        NODE_ENV: undefined,
        PORT: String(port),
        HOST: '127.0.0.1',
        GHE_HOST: new URL(api.url).host,
        GHE_PROTOCOL: 'http',
      },
      dir,
    );
    await printed(bot.child, 'cd4ml bot: setup mode');
    expect(bot.output()).toContain(`open http://127.0.0.1:${port} to register the GitHub App`);
    expect(bot.output()).toContain(`writes APP_ID, PRIVATE_KEY and WEBHOOK_SECRET to ${dir}/.env`);

    const page = await fetch(`http://127.0.0.1:${port}/probot`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const manifest = JSON.parse(/value='([^']*)'/.exec(html)?.[1] ?? '{}') as {
      name?: string;
      default_permissions?: Record<string, string>;
      default_events?: string[];
      redirect_url?: string;
    };
    expect(manifest.name).toBe('cd4ml');
    expect(manifest.default_permissions).toEqual({
      actions: 'write',
      checks: 'write',
      contents: 'write',
      deployments: 'write',
      issues: 'write',
      metadata: 'read',
      pull_requests: 'write',
    });
    expect(manifest.default_events).toEqual([
      'check_run',
      'check_suite',
      'deployment_status',
      'issue_comment',
      'pull_request',
      'workflow_run',
    ]);
    expect(manifest.redirect_url).toBe(`http://127.0.0.1:${port}/probot/setup`);
    // Setup mode loads no app: an event signed with Probot's fallback secret is verified
    // and dropped, and GitHub is never called for it (the exact call list is checked below).
    const event = workflowRunCompleted({
      runId: head.runId,
      headSha: head.sha,
      headBranch: 'feat/7',
      pr: { number: 7, baseSha: base.sha },
    });
    const body = JSON.stringify(event.payload);
    const hook = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'workflow_run',
        'x-github-delivery': 'd-setup',
        'x-hub-signature-256': `sha256=${createHmac('sha256', 'development').update(body).digest('hex')}`,
      },
      body,
    });
    expect(hook.status).toBe(200);

    // GitHub's redirect after "Create GitHub App": the code is exchanged for the credentials.
    const back = await fetch(`http://127.0.0.1:${port}/probot/setup?code=c0de`, {
      redirect: 'manual',
    });
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe(
      'https://github.example/apps/cd4ml-c0de/installations/new',
    );
    expect(github.requests()).toEqual(['POST /app-manifests/c0de/conversions']);
    // .env lands where the bot started (not beside the manifest), and reads back intact.
    expect(existsSync(join(dir, 'bot', '.env'))).toBe(false);
    const written = parseEnv(readFileSync(join(dir, '.env'), 'utf8'));
    expect(written).toMatchObject({
      APP_ID: '4242',
      PRIVATE_KEY: pem,
      WEBHOOK_SECRET: 'whsec-from-github',
    });
    bot.child.kill('SIGTERM');
    await bot.exited;

    // Restarted in the same directory, it runs as the app from .env.
    const port2 = await freePort();
    const again = startBot({ NODE_ENV: undefined, PORT: String(port2), HOST: '127.0.0.1' }, dir);
    await listening(again.child, port2);
    expect(again.output()).not.toContain('setup mode');
    const ping = await fetch(`http://127.0.0.1:${port2}/ping`);
    expect(await ping.text()).toBe('PONG');
    const unsigned = await fetch(`http://127.0.0.1:${port2}/api/github/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'ping',
        'x-github-delivery': 'd-2',
        'x-hub-signature-256': 'sha256=00',
      },
      body: '{}',
    });
    expect(unsigned.status).toBe(400);
  } finally {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

it('refuses setup mode in production, naming the ways to get credentials', async () => {
  const bot = startBot({ PORT: String(await freePort()) });
  expect(await bot.exited).toBe(1);
  expect(bot.output()).toMatch(/NODE_ENV=production does not run the setup pages/);
  expect(bot.output()).toMatch(/npm run bot/);
});
