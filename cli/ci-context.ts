/**
 * What a CI runner tells a run about itself through the environment (GitHub Actions today),
 * and the commit a pull request's run is recorded at. On `pull_request`, `actions/checkout`
 * checks out `refs/pull/N/merge`: `GITHUB_SHA` and `HEAD` are a merge commit GitHub made
 * for the job, which no one recognises and which changes whenever the base moves. A run at
 * that merge commit is recorded at the PR's head (`pull_request.head.sha` of the event
 * payload), the commit the PR, its check runs and `workflow_run.head_sha` name.
 */
import { readFileSync } from 'node:fs';
import type { RunRecord } from '../core/run-record/schema.js';

export interface CiContext {
  event?: string;
  ci?: { provider: string; runId?: string; runUrl?: string; repository?: string; ref?: string };
}

export function ciContext(env: NodeJS.ProcessEnv = process.env): CiContext {
  if (env.GITHUB_ACTIONS !== 'true') return {};
  const runUrl =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined;
  return {
    event: env.GITHUB_EVENT_NAME ?? 'unknown',
    ci: {
      provider: 'github-actions',
      runId: env.GITHUB_RUN_ID,
      runUrl,
      repository: env.GITHUB_REPOSITORY,
      ref: env.GITHUB_REF,
    },
  };
}

/** The PR head of a `pull_request`/`pull_request_target` event payload, else null. */
function pullRequestHead(env: NodeJS.ProcessEnv): { sha: string; ref: string | null } | null {
  if (env.GITHUB_ACTIONS !== 'true' || !env.GITHUB_EVENT_NAME?.startsWith('pull_request'))
    return null;
  if (!env.GITHUB_EVENT_PATH) return null;
  let payload: { pull_request?: { head?: { sha?: unknown; ref?: unknown } } };
  try {
    payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as typeof payload;
  } catch {
    return null;
  }
  const head = payload.pull_request?.head;
  if (typeof head?.sha !== 'string' || !/^[0-9a-f]{40}$/.test(head.sha)) return null;
  return { sha: head.sha, ref: typeof head.ref === 'string' ? head.ref : null };
}

/**
 * The run's git state with a pull request's merge commit replaced by the PR head: only
 * when HEAD is `GITHUB_SHA` on a `pull_request` event (a checkout of the PR head itself
 * already names it). The tree is the merge of head and base; `dirty` still says whether
 * that tree was modified.
 */
export async function recordedGit(
  git: Promise<RunRecord['git']>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunRecord['git']> {
  const state = await git;
  const head = pullRequestHead(env);
  if (!head || !state.commit || state.commit !== env.GITHUB_SHA || state.commit === head.sha)
    return state;
  return { ...state, commit: head.sha, branch: state.branch ?? head.ref };
}
