import { existsSync, readFileSync } from 'node:fs';

/**
 * A file's text, or undefined when there is no such file. Locks, memos and indexes are
 * missing on every first run; asking first costs one `access` call, where letting
 * `readFileSync` fail costs an exception with a stack trace (milliseconds, the first
 * time, in a CLI that starts in ~100). Other errors (EACCES, EISDIR) still throw.
 */
export function readTextIfPresent(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
