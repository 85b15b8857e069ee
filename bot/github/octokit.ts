import { ProbotOctokit } from 'probot';

/** The Octokit a handler gets from Probot (`context.octokit`). */
export type Octokit = InstanceType<typeof ProbotOctokit>;

export interface OctokitSettings {
  /** HTTP for GitHub (tests and the benchmark answer it in-process). */
  fetch?: typeof globalThis.fetch;
  /** Retries of a 5xx / rate-limited request before giving up (default 3). */
  retries?: number;
  /** Milliseconds per second of `retry-after` and of the 5xx back-off (default 1000). */
  retryAfterBaseValue?: number;
  /**
   * Rate-limit handling and GitHub's write pacing (content-creating requests one second
   * apart); default on. The benchmark turns it off to time the handler's own work.
   */
  throttle?: boolean;
}

/**
 * Probot's Octokit with retries we can rely on: 5xx answers are retried with back-off
 * (plugin-retry), and both primary and secondary rate limits wait for `retry-after`
 * (or the reset time) and retry, up to `retries` times each, with a log line. Probot's
 * own handlers only log a secondary limit in some versions; ours always decide.
 */
export function cd4mlOctokit(settings: OctokitSettings = {}): typeof ProbotOctokit {
  const retries = settings.retries ?? 3;
  const retryAfterBaseValue = settings.retryAfterBaseValue ?? 1000;
  const limited =
    (kind: string) =>
    (
      retryAfter: number,
      options: { method?: string; url?: string },
      octokit: { log: { warn(message: string): void } },
      retryCount: number,
    ): boolean => {
      const retry = retryCount < retries;
      octokit.log.warn(
        `${kind} rate limit on ${options.method ?? 'GET'} ${options.url ?? '?'}: ${
          retry ? `retrying in ${retryAfter}s (retry ${retryCount + 1} of ${retries})` : 'giving up'
        }`,
      );
      return retry;
    };
  const throttle = {
    // Probot turns throttling off for installation clients unless it is enabled explicitly.
    enabled: settings.throttle ?? true,
    retryAfterBaseValue,
    onRateLimit: limited('primary'),
    onSecondaryRateLimit: limited('secondary'),
  };
  // A function, not an object: Probot passes its own throttle handlers per instance (the
  // secondary one only logs), which would replace object defaults. Ours must win; Probot's
  // Redis connection (for several replicas) is kept.
  return ProbotOctokit.defaults((options: Record<string, unknown>) => ({
    ...options,
    retry: { ...(options.retry as object | undefined), retries, retryAfterBaseValue },
    throttle: { ...(options.throttle as object | undefined), ...throttle },
    ...(settings.fetch
      ? { request: { ...(options.request as object | undefined), fetch: settings.fetch } }
      : {}),
  }));
}
