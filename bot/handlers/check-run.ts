import type { Context } from 'probot';
import { runForSha } from '../github/workflow-runs.js';
import { CHECK_NAME } from '../github/check-run.js';
import { getPullRequest } from '../github/pull-requests.js';
import { botContext, type BotContext, type BotSettings } from './context.js';
import { gatePullRequest } from './gate.js';

/** "Re-run" on our check: compare again for every open PR whose head is the check's commit. */
export async function onCheckRunRerequested(
  context: Context<'check_run.rerequested'>,
  settings: BotSettings,
): Promise<void> {
  const check = context.payload.check_run;
  if (check.name !== CHECK_NAME) return;
  await recompareCommit(botContext(context, settings), check.head_sha, check.pull_requests);
}

/**
 * "Re-run all checks" on a PR re-requests each app's check suite (GitHub sends
 * `check_suite.rerequested` to the suite's app, not `check_run`): compare again.
 */
export async function onCheckSuiteRerequested(
  context: Context<'check_suite.rerequested'>,
  settings: BotSettings,
): Promise<void> {
  const suite = context.payload.check_suite;
  await recompareCommit(botContext(context, settings), suite.head_sha, suite.pull_requests);
}

async function recompareCommit(
  ctx: BotContext,
  sha: string,
  listed: ReadonlyArray<{ number: number }>,
): Promise<void> {
  let numbers = listed.map((pr) => pr.number);
  if (numbers.length === 0) {
    // Fork PRs are not listed on a check run or suite: find the open PRs whose head is this commit.
    const pulls = await ctx.octokit.paginate(ctx.octokit.rest.pulls.list, {
      ...ctx.repo,
      state: 'open',
      per_page: 100,
    });
    numbers = pulls.filter((pr) => pr.head.sha === sha).map((pr) => pr.number);
  }
  for (const number of numbers) {
    const pr = await getPullRequest(ctx.octokit, ctx.repo, ctx.repositoryId, number);
    if (pr.headSha !== sha) continue;
    const run = await runForSha(ctx, pr.headSha);
    if (run === null) continue;
    await gatePullRequest(ctx, {
      pr,
      headRunId: run.id,
      ...(run.workflowId !== undefined ? { workflowId: run.workflowId } : {}),
    });
  }
}
