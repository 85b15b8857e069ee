import type { Context } from 'probot';
import { Cd4mlError } from '../../core/errors.js';
import { rollbackTarget } from '../../core/deploy/version.js';
import { escapeMarkdown } from '../../core/report/index.js';
import { runForSha } from '../github/workflow-runs.js';
import { createDeployment, listTags } from '../github/deployments.js';
import { getPullRequest } from '../github/pull-requests.js';
import { botContext, type BotContext, type BotSettings } from './context.js';
import { HELP, parseCommand } from './commands.js';
import { dispatchDeploy, policyAtRef } from './deploy.js';
import { gatePullRequest, type GateOverride } from './gate.js';

/** What the commenter may do here, from GitHub's permission levels (custom roles included). */
interface Access {
  /** write, maintain or admin: may override the gate. */
  write: boolean;
  /** maintain or admin: may roll back. */
  maintain: boolean;
}

/**
 * The commenter's access. `role_name` is a role's own name (a custom role's is whatever the
 * organisation called it), so it is not read: `permission` is the legacy level every role
 * maps to (`maintain` reads as `write`), and the user's `permissions` flags tell maintain.
 */
async function accessOf(ctx: BotContext, username: string): Promise<Access> {
  const { data } = await ctx.octokit.rest.repos.getCollaboratorPermissionLevel({
    ...ctx.repo,
    username,
  });
  const flags = data.user?.permissions;
  const admin = data.permission === 'admin' || flags?.admin === true;
  return {
    write: admin || data.permission === 'write',
    maintain: admin || flags?.maintain === true,
  };
}

async function reply(ctx: BotContext, issue: number, text: string): Promise<void> {
  await ctx.octokit.rest.issues.createComment({ ...ctx.repo, issue_number: issue, body: text });
}

/**
 * `/cd4ml recompare`, `/cd4ml override <reason>`, `/cd4ml rollback <version>` in a comment.
 * Comments by bots are ignored (our own replies included). Whoever lacks the permission a
 * command needs gets a polite refusal that says which one.
 */
export async function onIssueComment(
  context: Context<'issue_comment.created'>,
  settings: BotSettings,
): Promise<void> {
  const { comment, issue } = context.payload;
  if (comment.user?.type === 'Bot') return;
  const command = parseCommand(comment.body);
  if (!command) return;
  const ctx = botContext(context, settings);
  const login = comment.user?.login ?? 'unknown';
  const who = escapeMarkdown(`@${login}`, 60);
  if (command.name === 'unknown') {
    await reply(
      ctx,
      issue.number,
      `${who}, I do not know \`/cd4ml ${escapeMarkdown(command.text, 40)}\`. I understand:\n${HELP}`,
    );
    return;
  }
  if (command.name === 'rollback') {
    await rollback(
      ctx,
      issue.number,
      login,
      command.version,
      context.payload.repository.default_branch,
    );
    return;
  }
  if (!issue.pull_request) {
    await reply(
      ctx,
      issue.number,
      `${who}, \`/cd4ml ${command.name}\` works on pull requests only.`,
    );
    return;
  }
  let override: GateOverride | undefined;
  if (command.name === 'override') {
    if (!(await accessOf(ctx, login)).write) {
      await reply(
        ctx,
        issue.number,
        `Sorry ${who}, only people with write, maintain or admin permission on this repository can override the model gate. A maintainer can comment \`/cd4ml override <reason>\` if they agree.`,
      );
      return;
    }
    if (!command.reason) {
      await reply(
        ctx,
        issue.number,
        `${who}, please give a reason: \`/cd4ml override <reason>\`. It is shown in the report.`,
      );
      return;
    }
  }
  const pr = await getPullRequest(ctx.octokit, ctx.repo, ctx.repositoryId, issue.number);
  if (command.name === 'override')
    override = { sha: pr.headSha, by: login, reason: command.reason };
  const run = await runForSha(ctx, pr.headSha);
  if (run === null) {
    await reply(
      ctx,
      issue.number,
      `${who}, there is no run of \`${pr.headSha.slice(0, 7)}\` with a \`cd4ml-run\` artifact yet: wait for the ML workflow to finish.`,
    );
    return;
  }
  await gatePullRequest(ctx, {
    pr,
    headRunId: run.id,
    ...(run.workflowId !== undefined ? { workflowId: run.workflowId } : {}),
    ...(override ? { override } : {}),
  });
}

async function rollback(
  ctx: BotContext,
  issue: number,
  login: string,
  version: string,
  defaultBranch: string,
): Promise<void> {
  const who = escapeMarkdown(`@${login}`, 60);
  if (!(await accessOf(ctx, login)).maintain) {
    await reply(
      ctx,
      issue,
      `Sorry ${who}, only maintainers (maintain or admin permission) can roll back a deployment.`,
    );
    return;
  }
  let tag: string;
  try {
    tag = rollbackTarget(
      version,
      (await listTags(ctx.octokit, ctx.repo)).map((t) => t.name),
    );
  } catch (error) {
    if (!(error instanceof Cd4mlError)) throw error;
    await reply(
      ctx,
      issue,
      `${who}, I cannot roll back to \`${escapeMarkdown(version, 40)}\`: ${escapeMarkdown(error.message.replace(/\n\s*hint:/, ';'), 300)}.`,
    );
    return;
  }
  const policy = await policyAtRef(ctx, defaultBranch);
  const environment = policy.deploy.environment ?? 'production';
  const id = await createDeployment(
    ctx.octokit,
    ctx.repo,
    tag,
    environment,
    { cd4ml: { version: tag, issue, rollback: true, requestedBy: login } },
    `cd4ml rollback to ${tag} requested by ${login}`,
  );
  const dispatched = await dispatchDeploy(ctx, tag, id);
  await reply(
    ctx,
    issue,
    `⏪ Rolling \`${escapeMarkdown(environment, 100)}\` back to **${tag}** for ${who}: created deployment ${id}${dispatched ? ` and dispatched \`${escapeMarkdown(dispatched, 100)}\` at ${tag}` : ''}. Its status will be reported here.`,
  );
}
