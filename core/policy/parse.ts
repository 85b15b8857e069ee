import { YamlSource } from '../yaml/source.js';
import { Cd4mlError } from '../errors.js';
import { type Policy, PolicyFile } from './schema.js';

export const POLICY_PATH = '.github/cd4ml.yml';
const MAX_POLICY_BYTES = 256 * 1024;

/**
 * Parses and validates `.github/cd4ml.yml`. Every problem is reported at once, each
 * with `file:line:column`, the field and — for a misspelt key — the nearest valid
 * name. An empty file is the default policy (report only, no rules).
 *
 * @throws Cd4mlAggregateError with code `E_POLICY` when the file is invalid.
 */
export function parsePolicy(text: string, file: string = POLICY_PATH): Policy {
  if (text.length > MAX_POLICY_BYTES) {
    throw new Cd4mlError('E_POLICY', `policy file is over ${MAX_POLICY_BYTES} bytes`, {
      location: { file },
    });
  }
  const source = YamlSource.parse(text, file, 'E_POLICY');
  return source.validate(PolicyFile, source.data ?? {}, [], 'E_POLICY');
}
