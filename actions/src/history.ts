/**
 * The history branch in the actions (docs/tracking.md): the pipeline step pushes the run it
 * recorded on a push to the default branch, and both the pipeline step and the compare
 * action read the branch when a baseline's artifact is gone. Git runs in the job's
 * checkout against its `origin`; the token authenticates as actions/checkout's does (an
 * `http.<server>/.extraheader`), passed through git's `GIT_CONFIG_*` environment so it is
 * never on a command line nor left in the checkout's config.
 */
import * as core from '@actions/core';
import { Cd4mlError } from '../../core/errors.js';
import { runsFallback, type HistoryFallback } from '../../core/history-branch/fallback.js';
import { runGit } from '../../core/history-branch/git.js';
import { pullHistory } from '../../core/history-branch/pull.js';
import { pushHistory, type PushResult } from '../../core/history-branch/push.js';
import type { RunRecord } from '../../core/run-record/schema.js';
import { knownRuns } from '../../core/store/known-runs.js';
import * as z from '../../core/yaml/zod.js';
import type { ActionContext } from './context.js';

const REMOTE = 'origin';

const PushEvent = z.object({ repository: z.object({ default_branch: z.string() }) });

/** A push to the repository's default branch (the payload's `repository.default_branch`). */
export function isDefaultBranchPush(context: ActionContext): boolean {
  if (context.eventName !== 'push') return false;
  const parsed = PushEvent.safeParse(context.payload);
  return parsed.success && context.ref === `refs/heads/${parsed.data.repository.default_branch}`;
}

/**
 * git's environment for the job's token, unless the checkout kept its own credentials
 * (`persist-credentials: true`): two Authorization headers would be refused.
 */
export async function gitCredentials(
  cwd: string,
  token: string | undefined,
  serverUrl: string,
): Promise<Record<string, string>> {
  if (!token) return {};
  const key = `http.${serverUrl.replace(/\/$/, '')}/.extraheader`;
  const persisted = await runGit(cwd, ['config', '--get-all', key]);
  if (persisted.ok && persisted.stdout.trim() !== '') return {};
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  core.setSecret(basic);
  return {
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: key,
    GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}`,
  };
}

/** The branch as the baseline search's fallback: pulled into `.cd4ml/history/` on first need. */
export function historyFallback(
  cwd: string,
  branch: string,
  credentials: () => Promise<Record<string, string>>,
): HistoryFallback {
  return runsFallback(branch, async () => {
    const result = await pullHistory({
      root: cwd,
      remote: REMOTE,
      branch,
      gitEnv: await credentials(),
    });
    core.info(`cd4ml: read ${result.runs} run(s) from the ${branch} branch`);
    return knownRuns(cwd);
  });
}

/** Appends the recorded run to the history branch on `origin` (fetch, merge and retry on a race). */
export async function pushRunToHistory(options: {
  cwd: string;
  runDir: string;
  record: RunRecord;
  branch: string;
  gitEnv: Record<string, string>;
}): Promise<PushResult> {
  try {
    const result = await pushHistory({
      root: options.cwd,
      runs: [{ dir: options.runDir, record: options.record }],
      remote: REMOTE,
      branch: options.branch,
      retries: 5,
      gitEnv: options.gitEnv,
    });
    core.info(
      result.added === 0
        ? `cd4ml: ${options.branch} already holds run ${options.record.id}`
        : `cd4ml: pushed run ${options.record.id} to ${options.branch} (${result.total} run(s) there${result.attempts > 1 ? `, after ${result.attempts - 1} rejected push(es)` : ''})`,
    );
    return result;
  } catch (error) {
    if (!(error instanceof Cd4mlError)) throw error;
    throw new Cd4mlError(
      'E_IO',
      `pushing run ${options.record.id} to the ${options.branch} branch failed: ${error.message}`,
      {
        hint: `grant the job \`permissions: { contents: write }\` (the run was recorded and is uploaded as its artifact all the same), or set \`history-push: false\``,
        cause: error,
      },
    );
  }
}
