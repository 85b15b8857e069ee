import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Whether the module at `moduleUrl` is the script node was started with. Compares real
 * paths, not `file://${argv[1]}`: that string test is false (and the process quietly does
 * nothing) when the path has a space or other percent-encoded character, or goes through
 * a symlink — a runner's or an image's directory, for the bundles in dist/bot/.
 */
export function isEntryPoint(
  moduleUrl: string,
  argv1: string | undefined = process.argv[1],
): boolean {
  if (!argv1) return false;
  try {
    return realpathSync(argv1) === fileURLToPath(moduleUrl);
  } catch {
    return false;
  }
}
