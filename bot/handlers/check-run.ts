import type { Context } from 'probot';
import { RestRunSource } from '../github/artifact-run-source.js';
import { CHECK_NAME } from '../github/check-run.js';
import { getPullRequest } from '../github/pull-requests.js';
import type { BotSettings } from './context.js';
import { gatePullRequest } from './gate.js';
import { botContext } from './workflow-run.js';

/** "Re-run" on our check: compare again for every open PR whose head is the check's commit. */
export async function onCheckRunRerequested(
  context: Context<'check_run.rerequested'>,
  settings: BotSettings,
): Promise<void> {
  const check = context.payload.check_run;
  if (check.name !== CHECK_NAME) return;
  const ctx = botContext(context, settings);
  let numbers = check.pull_requests.map((pr) => pr.number);
  if (numbers.length === 0) {
    // Fork PRs are not listed on a check run: find the open PRs whose head is this commit.
    const pulls = await ctx.octokit.paginate(ctx.octokit.rest.pulls.list, {
      ...ctx.repo,
      state: 'open',
      per_page: 100,
    });
    numbers = pulls.filter((pr) => pr.head.sha === check.head_sha).map((pr) => pr.number);
  }
  for (const number of numbers) {
    const pr = await getPullRequest(ctx.octokit, ctx.repo, ctx.repositoryId, number);
    if (pr.headSha !== check.head_sha) continue;
    const source = new RestRunSource({ ...ctx, baseRef: pr.baseRef, notes: [] });
    const runId = await source.runIdForSha(pr.headSha);
    if (runId === null) continue;
    await gatePullRequest(ctx, { pr, headRunId: runId });
  }
}
