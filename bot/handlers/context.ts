import type { Logger } from 'probot';
import type { ZipRunReader } from '../github/artifact-run-source.js';
import type { AppIdentity } from '../../github/identity.js';
import type { Octokit } from '../github/octokit.js';
import type { Repo } from '../../github/repo.js';

/** What every handler works with: one repository, the installation's Octokit and who we are. */
export interface BotContext {
  octokit: Octokit;
  repo: Repo;
  repositoryId: number;
  me: AppIdentity;
  log: Logger;
  readZip: ZipRunReader;
}

/** Settings of the app, fixed when it is loaded (server, action, tests). */
export interface BotSettings {
  /** Who "this app" is, to find our own comments and check runs. */
  me: AppIdentity;
  /** Reads a `cd4ml-run` zip (default: core/run-artifact's safe reader). */
  readZip: ZipRunReader;
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
