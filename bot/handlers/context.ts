import type { Logger } from 'probot';
import type { RunSourceCache } from '../../github/cache.js';
import type { ZipRunReader } from '../../github/run-source.js';
import type { AppIdentity } from '../../github/identity.js';
import type { Octokit } from '../github/octokit.js';
import { repoOf, type Repo } from '../../github/repo.js';

/** What every handler works with: one repository, the installation's Octokit and who we are. */
export interface BotContext {
  octokit: Octokit;
  repo: Repo;
  repositoryId: number;
  me: AppIdentity;
  log: Logger;
  readZip: ZipRunReader;
  /** The workflow dispatched at a new release or rollback tag (see BotSettings). */
  deployWorkflow: string | null;
  /** GitHub's answers that cannot change, kept across events (see BotSettings). */
  cache?: RunSourceCache;
}

/** Settings of the app, fixed when it is loaded (server, action, tests). */
export interface BotSettings {
  /** Who "this app" is, to find our own comments and check runs. */
  me: AppIdentity;
  /** Reads a `cd4ml-run` zip (default: core/run-artifact's safe reader). */
  readZip: ZipRunReader;
  /**
   * A workflow file the bot dispatches at the tag after it creates a release tag or a
   * rollback Deployment. Needed with a workflow's `GITHUB_TOKEN` (its tags and
   * Deployments start no workflow); null when the tag's `push` starts the release itself.
   */
  deployWorkflow?: string | null;
  /** Kept across this app's events: files at a sha, merge-bases, completed runs' records. */
  cache?: RunSourceCache;
}

const chains = new Map<string, Promise<unknown>>();

/**
 * Runs `work` after any earlier work with the same key has settled, so duplicate deliveries
 * and concurrent events for one commit end with one comment and one completed check in this
 * process (across replicas, the marker search and the check-run update keep it idempotent).
 */
export async function serialised<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = chains.get(key) ?? Promise.resolve();
  const mine = before.then(work, work);
  const settled = mine.then(
    () => undefined,
    () => undefined,
  );
  chains.set(key, settled);
  try {
    return await mine;
  } finally {
    if (chains.get(key) === settled) chains.delete(key);
  }
}

/** The handlers' context for one event's repository. */
export function botContext(
  context: {
    octokit: BotContext['octokit'];
    log: BotContext['log'];
    payload: { repository: { id: number; name: string; owner: { login: string } } };
  },
  settings: BotSettings,
): BotContext {
  return {
    octokit: context.octokit,
    repo: repoOf(context.payload),
    repositoryId: context.payload.repository.id,
    me: settings.me,
    log: context.log,
    readZip: settings.readZip,
    deployWorkflow: settings.deployWorkflow ?? null,
    ...(settings.cache ? { cache: settings.cache } : {}),
  };
}
