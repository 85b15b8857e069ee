import { Cd4mlError } from '../../core/errors.js';

interface HttpError {
  status: number;
  message: string;
  request?: { method?: string; url?: string };
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

/**
 * One line for a check run or a log that says what failed and what to do: Octokit's
 * `RequestError` becomes "GitHub answered 403 to GET /repos/…: …", our own errors keep
 * their message (which already carries the fix), anything else is an unexpected error.
 */
export function describeError(error: unknown): string {
  if (error instanceof Cd4mlError) return error.message;
  if (isHttpError(error)) {
    const where = error.request
      ? `${error.request.method ?? ''} ${stripQuery(error.request.url)}`
      : '';
    const hint =
      error.status === 403 || error.status === 404
        ? ' (check the app is installed on this repository with the permissions in bot/app.yml)'
        : '';
    return `GitHub answered ${error.status}${where ? ` to ${where.trim()}` : ''}: ${error.message}${hint}`;
  }
  return `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}

function stripQuery(url: string | undefined): string {
  if (!url) return '';
  const at = url.indexOf('?');
  return at < 0 ? url : url.slice(0, at);
}
