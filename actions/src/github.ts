/**
 * GitHub's REST API as the actions use it: the Octokit that `@actions/github` builds (proxy
 * support, the runner's API URL), with retries and rate-limit handling (5xx answers retried
 * with back-off by plugin-retry; primary and secondary rate limits wait for `retry-after`
 * or the reset time and retry, by plugin-throttling) and an injectable `fetch` so tests
 * answer for GitHub. Errors are mapped by the shared layer (`github/errors.ts`).
 */
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import * as core from '@actions/core';

export type GitHub = ReturnType<typeof getOctokit>;

export interface GitHubOptions {
  /** `GITHUB_API_URL`; GitHub Enterprise Server has its own. */
  baseUrl: string;
  /** Tests pass their own; the default is `@actions/github`'s proxy-aware undici fetch. */
  fetch?: typeof globalThis.fetch;
  /** Retries of a 5xx or rate-limited request before the step fails (default 3). */
  retries?: number;
  /** Milliseconds per second of `retry-after` and of the 5xx back-off (default 1000; tests 1). */
  retryAfterBaseValue?: number;
}

export function createGitHub(token: string, options: GitHubOptions): GitHub {
  const retries = options.retries ?? 3;
  const retryAfterBaseValue = options.retryAfterBaseValue ?? 1000;
  const limited =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method?: string; url?: string },
      _o: unknown,
      count: number,
    ) => {
      const again = count < retries;
      core.warning(
        `GitHub ${kind} rate limit on ${request.method ?? 'GET'} ${request.url ?? '?'}: ${
          again ? `waiting ${retryAfter}s, then retry ${count + 1} of ${retries}` : 'giving up'
        }`,
      );
      return again;
    };
  return getOctokit(
    token,
    {
      baseUrl: options.baseUrl,
      retry: { retries, retryAfterBaseValue },
      throttle: {
        retryAfterBaseValue,
        onRateLimit: limited('primary'),
        onSecondaryRateLimit: limited('secondary'),
      },
      ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
    },
    retry,
    throttling,
  );
}
