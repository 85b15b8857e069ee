import { readFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { Probot } from 'probot';
import { Cd4mlError } from '../core/errors.js';
import { cd4mlApp } from './app.js';
import { isEntryPoint } from './entry.js';
import { describeError } from '../github/errors.js';
import { tokenIdentity } from '../github/identity.js';
import { cd4mlOctokit } from './github/octokit.js';
import { readRunZip } from '../github/read-run-zip.js';

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

/** The login the job's GITHUB_TOKEN writes comments and check runs as. */
export const ACTIONS_LOGIN = 'github-actions[bot]';

/**
 * The cd4ml app inside a GitHub Actions job, for teams with no server: a Probot with the
 * step's token, the app loaded as whoever that token writes as, and the job's event
 * (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH) received. A handler error fails the step. (Our
 * own adapter: the npm `@probot/adapter-github-actions` is built for Probot 13.)
 */
export async function runAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  // The `token` input of bot/action.yml (default: the job's token); GITHUB_TOKEN outside it.
  const token = core.getInput('token') || env.GITHUB_TOKEN;
  if (!token)
    throw new Cd4mlError('E_USAGE', 'the bot has no token to act with', {
      hint: 'pass `token:` to cd4ml/cd4ml/bot (an app token from actions/create-github-app-token, or `${{ github.token }}`), or set GITHUB_TOKEN',
    });
  const name = env.GITHUB_EVENT_NAME;
  const path = env.GITHUB_EVENT_PATH;
  if (!name || !path)
    throw new Cd4mlError('E_USAGE', 'GITHUB_EVENT_NAME and GITHUB_EVENT_PATH are not set', {
      hint: 'run cd4ml/cd4ml/bot as a step of a workflow (docs/workflows/bot.yml); outside Actions run the server, `npm run bot` (docs/bot.md)',
    });
  const payload = await readEvent(path);
  const probot = new Probot({
    githubToken: token,
    Octokit: cd4mlOctokit(),
    ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
    logLevel:
      LOG_LEVELS.find((level) => level === env.LOG_LEVEL) ??
      (env.RUNNER_DEBUG === '1' ? 'debug' : 'info'),
  });
  const me = await tokenIdentity(await probot.auth());
  const deployWorkflow = core.getInput('deploy-workflow') || null;
  await probot.load(cd4mlApp({ me, readZip: readRunZip, deployWorkflow }));
  // `receive` rejects when a handler threw: the step fails with the reason.
  await probot.receive({ id: env.GITHUB_RUN_ID ?? 'actions', name, payload } as Parameters<
    Probot['receive']
  >[0]);
}

async function readEvent(path: string): Promise<object> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Cd4mlError('E_IO', `cannot read the event file ${path} (GITHUB_EVENT_PATH)`, {
      cause: error,
      hint: 'the runner writes it for every job; run the step inside a workflow',
    });
  }
  try {
    return JSON.parse(text) as object;
  } catch (error) {
    throw new Cd4mlError('E_USAGE', `the event file ${path} (GITHUB_EVENT_PATH) is not JSON`, {
      cause: error,
      hint: 'GITHUB_EVENT_PATH must name the webhook payload the runner wrote',
    });
  }
}

if (isEntryPoint(import.meta.url)) {
  runAction().catch((error: unknown) => {
    const errors = error instanceof AggregateError ? error.errors : [error];
    core.setFailed(errors.map(describeError).join('\n'));
  });
}
