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

/**
 * Appends the recorded run to the history branch on `origin` (fetch, merge and retry on a
 * race; a network failure tried again, bounded). A push that still fails is a warning, in
 * the log and the job summary, saying what to do; not the step's failure: the run is
 * recorded, its report written and its artifact uploaded all the same, and only the
 * branch's copy (read once the artifact expires) is missing. Null then.
 */
export async function pushRunToHistory(options: {
  cwd: string;
  runDir: string;
  record: RunRecord;
  branch: string;
  gitEnv: Record<string, string>;
}): Promise<PushResult | null> {
  let result: PushResult;
  try {
    result = await pushHistory({
      root: options.cwd,
      runs: [{ dir: options.runDir, record: options.record }],
      remote: REMOTE,
      branch: options.branch,
      retries: 5,
      gitEnv: options.gitEnv,
    });
  } catch (error) {
    if (!(error instanceof Cd4mlError)) throw error;
    const what = `run ${options.record.id} was not added to the ${options.branch} branch: ${error.message.split('\n')[0]}`;
    const fix = `The run is recorded and uploaded as its \`cd4ml-run\` artifact all the same; the branch keeps runs after their artifacts expire. To fix: ${error.hint ?? 'check the remote'}, then re-run this job, or add the run later with \`cd4ml history push\`; or set \`history-push: false\`.`;
    core.warning(`${what}. ${fix}`, { title: 'cd4ml: history push failed' });
    await core.summary.addRaw(`\n> [!WARNING]\n> The ${what}.\n> ${fix}\n`).write();
    return null;
  }
  core.info(
    result.added === 0
      ? `cd4ml: ${options.branch} already holds run ${options.record.id}`
      : `cd4ml: pushed run ${options.record.id} to ${options.branch} (${result.total} run(s) there${result.attempts > 1 ? `, after ${result.attempts - 1} rejected push(es)` : ''})`,
  );
  return result;
}
