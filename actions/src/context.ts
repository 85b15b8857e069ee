/**
 * What the runner tells a step about its run, read once from the environment (the
 * `GITHUB_*` variables and the event payload at `GITHUB_EVENT_PATH`).
 */
import { readFileSync } from 'node:fs';
import { Cd4mlError } from '../../core/errors.js';
import type { Env } from './inputs.js';
import type { Repo } from '../../github/repo.js';
import { PullRequestEvent } from '../../github/schemas.js';

export interface ActionContext {
  repo: Repo;
  /** `owner/name`. */
  fullName: string;
  eventName: string;
  /** The event payload, unparsed: each use validates what it reads. */
  payload: unknown;
  sha: string;
  ref: string;
  runId: string | undefined;
  /** The workflow's file name (`ml.yml`), from `GITHUB_WORKFLOW_REF`. */
  workflowFile: string | undefined;
  apiUrl: string;
  serverUrl: string;
  workspace: string;
}

export function readContext(env: Env): ActionContext {
  const fullName = env.GITHUB_REPOSITORY;
  const [owner, repo] = fullName?.split('/') ?? [];
  if (!fullName || !owner || !repo) {
    throw new Cd4mlError('E_USAGE', 'GITHUB_REPOSITORY is not set: not running in GitHub Actions', {
      hint: 'run this action in a workflow job, or set GITHUB_REPOSITORY=owner/name and the other GITHUB_* variables',
    });
  }
  return {
    repo: { owner, repo },
    fullName,
    eventName: env.GITHUB_EVENT_NAME ?? 'unknown',
    payload: readPayload(env.GITHUB_EVENT_PATH),
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    runId: env.GITHUB_RUN_ID,
    workflowFile: workflowFileOf(env.GITHUB_WORKFLOW_REF),
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
  };
}

function readPayload(path: string | undefined): unknown {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new Cd4mlError('E_IO', `cannot read the event payload: ${(error as Error).message}`, {
      location: { file: path },
    });
  }
}

/** `octo/repo/.github/workflows/ml.yml@refs/heads/main` → `ml.yml`. */
export function workflowFileOf(ref: string | undefined): string | undefined {
  const path = ref?.split('@')[0];
  const file = path?.split('/').at(-1);
  return path?.includes('/.github/workflows/') && file ? file : undefined;
}

/** The pull request of a `pull_request`/`pull_request_target` event, else null. */
export function pullRequestOf(context: ActionContext): PullRequestEvent['pull_request'] | null {
  if (!context.eventName.startsWith('pull_request')) return null;
  const parsed = PullRequestEvent.safeParse(context.payload);
  if (!parsed.success) {
    throw new Cd4mlError(
      'E_IO',
      `the ${context.eventName} event payload has no usable pull_request: ${parsed.error.issues[0]?.message ?? ''}`,
    );
  }
  return parsed.data.pull_request;
}

/** The web link of this workflow run, when the runner said which run it is. */
export function runUrl(context: ActionContext): string | undefined {
  return context.runId
    ? `${context.serverUrl}/${context.fullName}/actions/runs/${context.runId}`
    : undefined;
}
