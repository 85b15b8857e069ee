import { readFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { Probot } from 'probot';
import { cd4mlApp } from './app.js';
import { isEntryPoint } from './entry.js';
import { describeError } from '../github/errors.js';
import { cd4mlOctokit } from './github/octokit.js';
import { readRunZip } from './github/run-artifact.js';

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

/** The login the job's GITHUB_TOKEN writes comments and check runs as. */
export const ACTIONS_LOGIN = 'github-actions[bot]';

/**
 * The cd4ml app inside a GitHub Actions job, for teams with no server: a Probot with the
 * job's token, the app loaded, and the job's event (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH)
 * received. A handler error fails the step. (Our own adapter: the npm
 * `@probot/adapter-github-actions` is built for Probot 13.)
 */
export async function runAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  // The `token` input of bot/action.yml (default: the job's token); GITHUB_TOKEN outside it.
  const token = core.getInput('token') || env.GITHUB_TOKEN;
  if (!token) throw new Error('no token: pass `token: ${{ github.token }}` or set GITHUB_TOKEN');
  const name = env.GITHUB_EVENT_NAME;
  const path = env.GITHUB_EVENT_PATH;
  if (!name || !path)
    throw new Error(
      'GITHUB_EVENT_NAME and GITHUB_EVENT_PATH are not set: run this inside a workflow',
    );
  const payload = JSON.parse(await readFile(path, 'utf8')) as object;
  const probot = new Probot({
    githubToken: token,
    Octokit: cd4mlOctokit(),
    ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
    logLevel:
      LOG_LEVELS.find((level) => level === env.LOG_LEVEL) ??
      (env.RUNNER_DEBUG === '1' ? 'debug' : 'info'),
  });
  await probot.load(cd4mlApp({ me: { appId: null, login: ACTIONS_LOGIN }, readZip: readRunZip }));
  // `receive` rejects when a handler threw: the step fails with the reason.
  await probot.receive({ id: env.GITHUB_RUN_ID ?? 'actions', name, payload } as Parameters<
    Probot['receive']
  >[0]);
}

if (isEntryPoint(import.meta.url)) {
  runAction().catch((error: unknown) => {
    const errors = error instanceof AggregateError ? error.errors : [error];
    core.setFailed(errors.map(describeError).join('\n'));
  });
}
