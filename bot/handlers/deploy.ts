import type { Context } from 'probot';
import { nextVersionTag, releaseVersion } from '../../core/deploy/version.js';
import { POLICY_PATH, parsePolicy } from '../../core/policy/parse.js';
import { defaultPolicy, type Policy } from '../../core/policy/schema.js';
import { escapeMarkdown, safeUrl } from '../../core/report/index.js';
import { checkConclusion } from '../github/check-run.js';
import { MODEL_ARTIFACT_NAME } from '../../core/run-artifact/layout.js';
import { createDeployment, createTag, listTags } from '../github/deployments.js';
import { httpStatus } from '../../github/errors.js';
import { isOurs } from '../../github/identity.js';
import { deploymentInfo } from '../../github/schemas.js';
import { upsertStickyComment } from '../../github/sticky-comment.js';
import { botContext, serialised, type BotContext, type BotSettings } from './context.js';

export const RELEASE_MARKER = '<!-- cd4ml:release -->';

/** The policy file at a commit (the default policy when there is none). */
export async function policyAtRef(ctx: BotContext, ref: string): Promise<Policy> {
  try {
    const { data } = await ctx.octokit.rest.repos.getContent({
      ...ctx.repo,
      path: POLICY_PATH,
      ref,
      mediaType: { format: 'raw' },
    });
    const raw: unknown = data;
    return typeof raw === 'string'
      ? parsePolicy(raw, `${ref.slice(0, 12)}:${POLICY_PATH}`)
      : defaultPolicy();
  } catch (error) {
    if (httpStatus(error) === 404) return defaultPolicy();
    throw error;
  }
}

/** The `workflow_run` fields a release needs. */
export interface PushRun {
  id: number;
  event: string;
  conclusion: string | null;
  head_sha: string;
  head_branch: string | null;
  html_url: string;
  head_repository?: { id: number } | null;
}

/**
 * The merge commit's own push run completed: under `deploy: { on_merge: tag }` in the
 * base's policy, a merged PR whose gate passed gets the next version tag on its merge
 * commit, a Deployment of it, and the version in a comment. Done here and not on
 * `pull_request.closed`, because the release needs that run's `cd4ml-model` and the run
 * starts when the PR merges. A merge commit that already has a release tag (a duplicate
 * delivery, a re-run) is left alone.
 */
export async function releaseMergedPullRequest(ctx: BotContext, run: PushRun): Promise<void> {
  if (run.event !== 'push' || run.conclusion !== 'success' || !run.head_branch) return;
  if (run.head_repository?.id !== ctx.repositoryId) return;
  const pr = await mergedPullRequest(ctx, run.head_sha, run.head_branch);
  if (!pr) return;
  await serialised(`${ctx.repo.owner}/${ctx.repo.repo}:release`, async () => {
    const policy = await policyAtRef(ctx, pr.baseSha);
    if (policy.deploy.on_merge !== 'tag') return;
    const notReleased = (why: string) =>
      upsertStickyComment(
        ctx.octokit,
        ctx.repo,
        pr.number,
        `${RELEASE_MARKER}\n⏸️ Not released: ${why}. Tag a release by hand once it is sorted out.`,
        ctx.me,
        RELEASE_MARKER,
      );
    const conclusion = await checkConclusion(ctx.octokit, ctx.repo, pr.headSha, ctx.me);
    if (conclusion !== 'success') {
      await notReleased(
        `the model gate on \`${pr.headSha.slice(0, 7)}\` did not pass (${conclusion ?? 'no completed check'})`,
      );
      return;
    }
    if (!(await hasModel(ctx, run.id))) {
      await notReleased(
        `the merge commit's run ([${run.id}](${safeUrl(run.html_url) ?? ''})) uploaded no \`${MODEL_ARTIFACT_NAME}\` artifact`,
      );
      return;
    }
    const tags = await listTags(ctx.octokit, ctx.repo);
    if (tags.some((t) => t.sha === run.head_sha && releaseVersion(t.name))) return;
    const tag = nextVersionTag(tags.map((t) => t.name));
    if (!(await createTag(ctx.octokit, ctx.repo, tag, run.head_sha))) return;
    const environment = policy.deploy.environment ?? 'production';
    const id = await createDeployment(
      ctx.octokit,
      ctx.repo,
      tag,
      environment,
      { cd4ml: { version: tag, issue: pr.number, rollback: false, requestedBy: null } },
      `cd4ml release ${tag} (#${pr.number})`,
    );
    const dispatched = await dispatchDeploy(ctx, tag, id);
    await upsertStickyComment(
      ctx.octokit,
      ctx.repo,
      pr.number,
      `${RELEASE_MARKER}\n🚀 Released as **${tag}**: tagged the merge commit \`${run.head_sha.slice(0, 7)}\` after its run passed (${dispatched ? `dispatched \`${escapeMarkdown(dispatched, 100)}\` at the tag` : 'the release workflow builds it'}) and created deployment ${id} to \`${escapeMarkdown(environment, 100)}\`. Roll back with \`/cd4ml rollback <version>\`.`,
      ctx.me,
      RELEASE_MARKER,
    );
  });
}

/** The merged PR whose merge commit `sha` is, into `branch`; null for any other push. */
async function mergedPullRequest(
  ctx: BotContext,
  sha: string,
  branch: string,
): Promise<{ number: number; headSha: string; baseSha: string } | null> {
  const { data } = await ctx.octokit.rest.repos.listPullRequestsAssociatedWithCommit({
    ...ctx.repo,
    commit_sha: sha,
    per_page: 100,
  });
  const pr = data.find(
    (p) => p.merged_at !== null && p.merge_commit_sha === sha && p.base.ref === branch,
  );
  return pr ? { number: pr.number, headSha: pr.head.sha, baseSha: pr.base.sha } : null;
}

/** Whether the run uploaded a `cd4ml-model` artifact that has not expired. */
async function hasModel(ctx: BotContext, runId: number): Promise<boolean> {
  const { data } = await ctx.octokit.rest.actions.listWorkflowRunArtifacts({
    ...ctx.repo,
    run_id: runId,
    name: MODEL_ARTIFACT_NAME,
    per_page: 100,
  });
  return data.artifacts.some((a) => a.name === MODEL_ARTIFACT_NAME && !a.expired);
}

/**
 * A tag or Deployment made with a workflow's `GITHUB_TOKEN` starts no workflow (only
 * `workflow_dispatch` and `repository_dispatch` do): with `deployWorkflow` set, the bot
 * dispatches that workflow at the tag with the deployment's id. Returns its name, or null.
 */
export async function dispatchDeploy(
  ctx: BotContext,
  tag: string,
  deploymentId: number,
): Promise<string | null> {
  const workflow = ctx.deployWorkflow;
  if (!workflow) return null;
  await ctx.octokit.rest.actions.createWorkflowDispatch({
    ...ctx.repo,
    workflow_id: workflow,
    ref: tag,
    inputs: { deployment: String(deploymentId) },
  });
  return workflow;
}

/** A deployment the bot created changed state: report it where it was asked for. */
export async function onDeploymentStatus(
  context: Context<'deployment_status.created'>,
  settings: BotSettings,
): Promise<void> {
  const { deployment, deployment_status: status } = context.payload;
  const ctx = botContext(context, settings);
  const creator = {
    user: deployment.creator,
    performed_via_github_app: deployment.performed_via_github_app,
  };
  if (!isOurs(creator, ctx.me)) return;
  const info = deploymentInfo(deployment.payload);
  if (info?.issue == null) return;
  const icon: Record<string, string> = {
    success: '✅',
    failure: '❌',
    error: '❌',
    inactive: '💤',
    in_progress: '⏳',
    queued: '⏳',
    pending: '⏳',
  };
  const link = safeUrl(status.log_url ?? status.target_url ?? null);
  const what = info.rollback
    ? `Rollback to **${escapeMarkdown(info.version, 40)}**`
    : `Deployment of **${escapeMarkdown(info.version, 40)}**`;
  const marker = `<!-- cd4ml:deployment ${deployment.id} -->`;
  await upsertStickyComment(
    ctx.octokit,
    ctx.repo,
    info.issue,
    `${marker}\n${icon[status.state] ?? 'ℹ️'} ${what} to \`${escapeMarkdown(deployment.environment, 100)}\` (deployment ${deployment.id}): **${status.state}**${status.description ? ` — ${escapeMarkdown(status.description, 300)}` : ''}${link ? ` ([log](${link}))` : ''}`,
    ctx.me,
    marker,
  );
}
