import { parseJson } from '../yaml/limits.js';
import { Cd4mlError } from '../errors.js';
import { RunRecord } from './schema.js';
import { READABLE_RUN_RECORD_SCHEMAS } from './version.js';

/** Limits for run records that may come from an untrusted pull request. */
export const RUN_RECORD_LIMITS = {
  bytes: 16 * 1024 * 1024,
  depth: 32,
  values: 200_000,
  chars: 64 * 1024 * 1024,
} as const;

/**
 * Parses a run record from text that may be hostile: caps size, nesting depth and
 * key count before schema validation, and names the source in every error.
 */
export function parseRunRecord(text: string, source: string): RunRecord {
  const data = parseJson(text, source, 'E_RUN_RECORD', RUN_RECORD_LIMITS);
  const result = RunRecord.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new Cd4mlError(
      'E_RUN_RECORD',
      `invalid run record: ${issue?.message ?? 'unknown problem'}`,
      {
        location: { file: source, field: field || undefined },
        hint: `was it written by a newer cd4ml? This one reads ${READABLE_RUN_RECORD_SCHEMAS.map((v) => `\`schema: "${v}"\``).join(' and ')}`,
      },
    );
  }
  return result.data;
}
