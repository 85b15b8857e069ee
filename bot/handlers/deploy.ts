import type { Context } from 'probot';
import { nextVersionTag, releaseVersion } from '../../core/deploy/version.js';
import { POLICY_PATH, parsePolicy } from '../../core/policy/parse.js';
import { defaultPolicy, type Policy } from '../../core/policy/schema.js';
import { escapeMarkdown, safeUrl } from '../../core/report/index.js';
import { checkConclusion } from '../github/check-run.js';
import {
  createDeployment,
  createTag,
  listTags,
  type DeploymentPayload,
} from '../github/deployments.js';
import { httpStatus } from '../../github/errors.js';
import { isOurs } from '../../github/identity.js';
import { upsertStickyComment } from '../../github/sticky-comment.js';
import type { BotContext, BotSettings } from './context.js';
import { serialised } from './context.js';
import { botContext } from './workflow-run.js';

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

/**
 * A merged PR whose gate passed, under `deploy: { on_merge: tag }` in the base's policy:
 * the next version tag on the merge commit (starting the release workflow), a Deployment
 * of it, and the version in a comment on the PR. A merge commit that already has a
 * release tag (a duplicate delivery) is left alone.
 */
export async function onPullRequestMerged(
  context: Context<'pull_request.closed'>,
  settings: BotSettings,
): Promise<void> {
  const pr = context.payload.pull_request;
  const mergeSha = pr.merge_commit_sha;
  if (!pr.merged || !mergeSha) return;
  const ctx = botContext(context, settings);
  await serialised(`${ctx.repo.owner}/${ctx.repo.repo}:release`, async () => {
    const policy = await policyAtRef(ctx, pr.base.sha);
    if (policy.deploy.on_merge !== 'tag') return;
    const conclusion = await checkConclusion(ctx.octokit, ctx.repo, pr.head.sha, ctx.me);
    if (conclusion !== 'success') {
      await upsertStickyComment(
        ctx.octokit,
        ctx.repo,
        pr.number,
        `${RELEASE_MARKER}\n⏸️ Not released: the model gate on \`${pr.head.sha.slice(0, 7)}\` did not pass (${conclusion ?? 'no completed check'}). Tag a release by hand once it is sorted out.`,
        ctx.me,
        RELEASE_MARKER,
      );
      return;
    }
    const tags = await listTags(ctx.octokit, ctx.repo);
    if (tags.some((t) => t.sha === mergeSha && releaseVersion(t.name))) return;
    const tag = nextVersionTag(tags.map((t) => t.name));
    if (!(await createTag(ctx.octokit, ctx.repo, tag, mergeSha))) return;
    const environment = policy.deploy.environment ?? 'production';
    const payload: DeploymentPayload = {
      cd4ml: { version: tag, issue: pr.number, rollback: false, requestedBy: null },
    };
    const id = await createDeployment(
      ctx.octokit,
      ctx.repo,
      tag,
      environment,
      payload,
      `cd4ml release ${tag} (#${pr.number})`,
    );
    await upsertStickyComment(
      ctx.octokit,
      ctx.repo,
      pr.number,
      `${RELEASE_MARKER}\n🚀 Released as **${tag}**: tagged the merge commit \`${mergeSha.slice(0, 7)}\` (the release workflow builds it) and created deployment ${id} to \`${escapeMarkdown(environment, 100)}\`. Roll back with \`/cd4ml rollback <version>\`.`,
      ctx.me,
      RELEASE_MARKER,
    );
  });
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
  const payload = deployment.payload as Partial<DeploymentPayload> | string | null;
  const info = typeof payload === 'object' && payload ? payload.cd4ml : undefined;
  if (!info || typeof info.issue !== 'number') return;
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
