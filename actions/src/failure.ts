/**
 * What a failed step says: our errors as they are (they name the input or permission to
 * fix), anything else with its stack, which only a bug produces.
 */
import { Cd4mlError } from '../../core/errors.js';

export function failureMessage(error: unknown): string {
  if (error instanceof Cd4mlError) return `cd4ml: ${error.message}`;
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `cd4ml: unexpected error (please report it at https://github.com/cd4ml/cd4ml/issues): ${detail}`;
}
