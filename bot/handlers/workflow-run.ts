import type { Context } from 'probot';
import { botRunSource } from '../github/workflow-runs.js';
import { getPullRequest, pullRequestsForRun } from '../github/pull-requests.js';
import { botContext, type BotSettings } from './context.js';
import { releaseMergedPullRequest } from './deploy.js';
import { TRUSTED_RUN_NAME, gatePullRequest, reportMissingRun } from './gate.js';
import { reportScheduledRun } from './schedule.js';

type WorkflowRunEvent = Context<'workflow_run.completed'>;

/**
 * `workflow_run` completed: gate every open PR whose head is the run's commit, release a
 * merged PR when its merge commit's push run passed, report a scheduled run, or finish a
 * trusted evaluation. Runs without a `cd4ml-run` artifact
 * (lint, docs…) are left alone.
 */
export async function onWorkflowRunCompleted(
  context: WorkflowRunEvent,
  settings: BotSettings,
): Promise<void> {
  const run = context.payload.workflow_run;
  const ctx = botContext(context, settings);
  if (run.event === 'schedule') {
    await reportScheduledRun(ctx, run);
    return;
  }
  const trusted =
    run.event === 'workflow_dispatch' ? TRUSTED_RUN_NAME.exec(run.display_title ?? '') : null;
  if (trusted?.[1] && trusted[2] && run.head_repository?.id === ctx.repositoryId) {
    // The base branch's evaluation of a fork's model: its record is the PR's head.
    const pr = await getPullRequest(ctx.octokit, ctx.repo, ctx.repositoryId, Number(trusted[1]));
    if (pr.headSha !== trusted[2] || pr.state !== 'open') return;
    await gatePullRequest(ctx, {
      pr,
      headRunId: run.id,
      headRunUrl: run.html_url,
      trustedEvaluation: true,
    });
    return;
  }
  // A push run of a merge commit is what a release waits for (its cd4ml-model).
  if (run.event === 'push') await releaseMergedPullRequest(ctx, run);
  if (run.event !== 'pull_request' && run.event !== 'pull_request_target') {
    if ((run.pull_requests ?? []).length === 0) return;
  }
  const pulls = await pullRequestsForRun(ctx.octokit, ctx.repo, ctx.repositoryId, run);
  if (pulls.length === 0) return;
  // The baselines are push runs of the same workflow as the head run.
  const source = botRunSource(ctx, run.workflow_id);
  // An artifact that cannot be read is the gate's to report (a neutral check saying why).
  const head = await source.readWorkflowRun(run.id).catch(() => null);
  const workflow = { name: run.name, path: run.path };
  if (head && 'missing' in head && head.none) {
    context.log.debug(`workflow run ${run.id} uploaded no cd4ml-run artifact`);
    // Only a failed run can leave a required check waiting: a successful run without an
    // artifact (lint, docs…) costs no further request.
    if (run.conclusion !== 'failure' && run.conclusion !== 'timed_out') return;
    for (const pr of pulls) {
      await reportMissingRun(ctx, pr, {
        id: run.id,
        html_url: run.html_url,
        conclusion: run.conclusion,
        workflow,
      });
    }
    return;
  }
  for (const pr of pulls) {
    await gatePullRequest(ctx, {
      pr,
      headRunId: run.id,
      headRunUrl: run.html_url,
      source,
      workflow,
    });
  }
}
