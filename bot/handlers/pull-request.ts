import type { Context } from 'probot';
import { queueCheck } from '../github/check-run.js';
import { botContext, type BotSettings } from './context.js';

/** A PR opened or updated: the required check exists at once, queued, until the ML workflow reports. */
export async function onPullRequestUpdated(
  context: Context<'pull_request.opened' | 'pull_request.synchronize' | 'pull_request.reopened'>,
  settings: BotSettings,
): Promise<void> {
  const ctx = botContext(context, settings);
  await queueCheck(ctx.octokit, ctx.repo, context.payload.pull_request.head.sha, ctx.me);
}
