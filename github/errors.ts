/**
 * GitHub's errors mapped once: the HTTP status of an Octokit `RequestError`, what kind of
 * failure it is, and the message each adapter shows (the actions name the workflow
 * `permissions:` to grant, the bot the app permission in bot/app.yml).
 */
import { Cd4mlError } from '../core/errors.js';

interface HttpError {
  status: number;
  message: string;
  request?: { method?: string; url?: string };
  response?: { headers?: Record<string, string | number | undefined> };
}

function isHttpError(error: unknown): error is HttpError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { status?: unknown }).status === 'number' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

/** The HTTP status of an Octokit `RequestError`, else undefined. */
export function httpStatus(error: unknown): number | undefined {
  return isHttpError(error) ? error.status : undefined;
}

/** What went wrong, by GitHub's answer. */
export type FailureKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'gone'
  | 'conflict'
  | 'invalid'
  | 'rate-limited'
  | 'github-down'
  | 'other';

/** The kind of failure an Octokit error is (403 with `x-ratelimit-remaining: 0` or `retry-after` is a rate limit). */
export function failureKind(error: unknown): FailureKind {
  const status = httpStatus(error);
  const headers = isHttpError(error) ? (error.response?.headers ?? {}) : {};
  if (status === 429) return 'rate-limited';
  if (
    status === 403 &&
    (String(headers['x-ratelimit-remaining']) === '0' || headers['retry-after'])
  )
    return 'rate-limited';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 410) return 'gone';
  if (status === 409) return 'conflict';
  if (status === 422) return 'invalid';
  if (status !== undefined && status >= 500) return 'github-down';
  return 'other';
}

/**
 * One line for a check run or a log that says what failed and what to do (the bot's
 * wording): "GitHub answered 403 to GET /repos/…: …", our own errors keep their message
 * (which already carries the fix), anything else is an unexpected error.
 */
export function describeError(error: unknown): string {
  if (error instanceof Cd4mlError) return error.message;
  if (isHttpError(error)) {
    const where = error.request
      ? `${error.request.method ?? ''} ${stripQuery(error.request.url)}`
      : '';
    const kind = failureKind(error);
    const hint =
      kind === 'forbidden' || kind === 'not-found'
        ? ' (check the app is installed on this repository with the permissions in bot/app.yml)'
        : kind === 'rate-limited'
          ? ' (rate limited: retried until the limit reset; try again later)'
          : '';
    return `GitHub answered ${error.status}${where ? ` to ${where.trim()}` : ''}: ${error.message}${hint}`;
  }
  return `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * An API failure as a `Cd4mlError` (the actions' wording): what was being done, GitHub's
 * answer, and the fix (`permission`: the `permissions:` entry the workflow must grant).
 */
export function apiError(error: unknown, doing: string, permission: string): Cd4mlError {
  if (error instanceof Cd4mlError) return error;
  const status = httpStatus(error);
  const said = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const hints: Record<FailureKind, string> = {
    unauthorized: 'the token was refused: pass `token: ${{ github.token }}`',
    forbidden: `grant the job \`permissions: { ${permission} }\` (a fork's pull request gets a read-only token whatever it asks for)`,
    'not-found': `grant the job \`permissions: { ${permission} }\` (a fork's pull request gets a read-only token whatever it asks for)`,
    'rate-limited':
      'GitHub rate-limited the token even after waiting and retrying: re-run the job later, or use a GitHub App token with a higher limit',
    'github-down': 'GitHub had a problem: re-run the job (https://www.githubstatus.com)',
    gone: 'check the action inputs and the workflow permissions',
    conflict: 'check the action inputs and the workflow permissions',
    invalid: 'check the action inputs and the workflow permissions',
    other: 'check the action inputs and the workflow permissions',
  };
  return new Cd4mlError(
    'E_IO',
    `GitHub API: ${doing} failed${status ? ` (${status})` : ''}: ${said}`,
    { hint: hints[failureKind(error)], cause: error },
  );
}

function stripQuery(url: string | undefined): string {
  if (!url) return '';
  const at = url.indexOf('?');
  return at < 0 ? url : url.slice(0, at);
}
