/**
 * The bot's runs, through the shared `github/run-source.ts` (the same data access and,
 * through core/gate/baseline.ts, the same baseline rule as the actions): a source per
 * event, plus the lookups only the bot makes — which run holds a commit's record (for
 * commands and re-requested checks) and a scheduled workflow's previous run.
 */
import type { Baseline } from '../../core/gate/port.js';
import { RUN_ARTIFACT_NAME } from '../../core/run-artifact/layout.js';
import { Artifacts, WorkflowRuns, parse } from '../../github/schemas.js';
import { withHistoryFallback } from '../../core/history-branch/fallback.js';
import { restHistoryFallback } from '../../github/history-source.js';
import { gitHubRunSource, type GitHubRunSource } from '../../github/run-source.js';
import type { BotContext } from '../handlers/context.js';

/** The run artifact's name (the layout `cd4ml record --dir` writes). */
export const RUN_ARTIFACT = RUN_ARTIFACT_NAME;

/**
 * A source for one event; `workflow` is the pipeline's (the head run's workflow id), when
 * known. A baseline whose artifact has expired is read from the `cd4ml-history` branch.
 */
export function botRunSource(ctx: BotContext, workflow?: number): GitHubRunSource {
  const source = gitHubRunSource({
    github: ctx.octokit,
    repo: ctx.repo,
    fullName: `${ctx.repo.owner}/${ctx.repo.repo}`,
    ...(workflow !== undefined ? { workflow } : {}),
    readZip: ctx.readZip,
    ...(ctx.cache ? { cache: ctx.cache } : {}),
  });
  return withHistoryFallback(source, restHistoryFallback({ github: ctx.octokit, repo: ctx.repo }));
}

/** The newest completed workflow run of `sha` that uploaded a run artifact, with its workflow. */
export async function runForSha(
  ctx: BotContext,
  sha: string,
): Promise<{ id: number; workflowId: number | undefined } | null> {
  const route = 'GET /repos/{owner}/{repo}/actions/runs';
  const { data } = await ctx.octokit.request(route, {
    ...ctx.repo,
    head_sha: sha,
    status: 'completed',
    per_page: 20,
  });
  for (const run of parse(WorkflowRuns, data, route).workflow_runs) {
    const listed = await ctx.octokit.request(
      'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts',
      {
        ...ctx.repo,
        run_id: run.id,
        name: RUN_ARTIFACT,
        per_page: 100,
      },
    );
    if (parse(Artifacts, listed.data, route).artifacts.some((a) => a.name === RUN_ARTIFACT))
      return { id: run.id, workflowId: run.workflow_id };
  }
  return null;
}

/**
 * The newest successful run of a scheduled workflow on `branch` before `runId` that left a
 * readable record: what a nightly run is compared with.
 */
export async function previousScheduledRun(
  ctx: BotContext,
  source: GitHubRunSource,
  run: { id: number; workflow_id: number; head_branch: string },
): Promise<Baseline | null> {
  const route = 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs';
  const { data } = await ctx.octokit.request(route, {
    ...ctx.repo,
    workflow_id: run.workflow_id,
    branch: run.head_branch,
    event: 'schedule',
    status: 'success',
    per_page: 10,
  });
  for (const earlier of parse(WorkflowRuns, data, route).workflow_runs) {
    if (
      earlier.id === run.id ||
      earlier.head_repository?.full_name !== `${ctx.repo.owner}/${ctx.repo.repo}`
    )
      continue;
    const read = await source.readWorkflowRun(earlier.id);
    if ('run' in read && read.run.record.status === 'success' && !read.run.record.git.dirty)
      return { run: read.run, commit: earlier.head_sha };
  }
  return null;
}

/** Has this workflow ever uploaded a run artifact among its recent runs (so its failures are ours)? */
export async function isCd4mlWorkflow(ctx: BotContext, workflowId: number): Promise<boolean> {
  const runsRoute = 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs';
  const runs = await ctx.octokit.request(runsRoute, {
    ...ctx.repo,
    workflow_id: workflowId,
    per_page: 30,
  });
  const ids = new Set(parse(WorkflowRuns, runs.data, runsRoute).workflow_runs.map((r) => r.id));
  const route = 'GET /repos/{owner}/{repo}/actions/artifacts';
  const listed = await ctx.octokit.request(route, {
    ...ctx.repo,
    name: RUN_ARTIFACT,
    per_page: 100,
  });
  return parse(Artifacts, listed.data, route).artifacts.some(
    (a) => a.workflow_run?.id !== undefined && ids.has(a.workflow_run.id),
  );
}
