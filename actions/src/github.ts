/**
 * GitHub's REST API as the actions use it: the Octokit that `@actions/github` builds (proxy
 * support, the runner's API URL), with an injectable `fetch` so tests answer for GitHub.
 * Octokit's errors become `Cd4mlError`s that say which permission or setting to change.
 */
import { getOctokit } from '@actions/github';
import { Cd4mlError } from '../../core/errors.js';

export type GitHub = ReturnType<typeof getOctokit>;

export interface GitHubOptions {
  /** `GITHUB_API_URL`; GitHub Enterprise Server has its own. */
  baseUrl: string;
  /** Tests pass their own; the default is `@actions/github`'s proxy-aware undici fetch. */
  fetch?: typeof globalThis.fetch;
}

export function createGitHub(token: string, options: GitHubOptions): GitHub {
  return getOctokit(token, {
    baseUrl: options.baseUrl,
    ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
  });
}

/** The HTTP status of an Octokit `RequestError`, else undefined. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  return typeof error.status === 'number' ? error.status : undefined;
}

/**
 * An API failure as a `Cd4mlError`: what was being done, GitHub's answer, and the fix
 * (`permission`: the `permissions:` entry the workflow must grant for this call).
 */
export function apiError(error: unknown, doing: string, permission: string): Cd4mlError {
  if (error instanceof Cd4mlError) return error;
  const status = statusOf(error);
  const said = error instanceof Error ? error.message.split('\n')[0] : String(error);
  let hint: string;
  if (status === 401) hint = 'the token was refused: pass `token: ${{ github.token }}`';
  else if (status === 403 || status === 404)
    hint = `grant the job \`permissions: { ${permission} }\` (a fork's pull request gets a read-only token whatever it asks for)`;
  else if (status !== undefined && status >= 500)
    hint = 'GitHub had a problem: re-run the job (https://www.githubstatus.com)';
  else hint = 'check the action inputs and the workflow permissions';
  return new Cd4mlError(
    'E_IO',
    `GitHub API: ${doing} failed${status ? ` (${status})` : ''}: ${said}`,
    {
      hint,
      cause: error,
    },
  );
}
