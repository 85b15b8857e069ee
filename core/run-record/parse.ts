import { Cd4mlError } from '../errors.js';
import { RunRecord } from './schema.js';

/** Limits for run records that may come from an untrusted pull request. */
export const RUN_RECORD_LIMITS = {
  bytes: 16 * 1024 * 1024,
  depth: 32,
  keys: 200_000,
} as const;

/**
 * Parses a run record from text that may be hostile: caps size, nesting depth and
 * key count before schema validation, and names the source in every error.
 */
export function parseRunRecord(text: string, source: string): RunRecord {
  if (text.length > RUN_RECORD_LIMITS.bytes) {
    throw new Cd4mlError(
      'E_RUN_RECORD',
      `run record is ${text.length} bytes, over the ${RUN_RECORD_LIMITS.bytes}-byte limit`,
      {
        location: { file: source },
      },
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Cd4mlError(
      'E_RUN_RECORD',
      `run record is not valid JSON (${(error as Error).message})`,
      {
        location: { file: source },
        hint: 'the file should be the cd4ml-run.json that `cd4ml run` writes',
      },
    );
  }
  checkShape(data, source);
  const result = RunRecord.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new Cd4mlError(
      'E_RUN_RECORD',
      `invalid run record: ${issue?.message ?? 'unknown problem'}`,
      {
        location: { file: source, field: field || undefined },
        hint: 'was it written by a newer cd4ml? Records carry `schema: "cd4ml/run@1"`',
      },
    );
  }
  return result.data;
}

function checkShape(data: unknown, source: string): void {
  let keys = 0;
  const stack: Array<[unknown, number]> = [[data, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= RUN_RECORD_LIMITS.depth) {
      throw new Cd4mlError(
        'E_RUN_RECORD',
        `run record nests deeper than ${RUN_RECORD_LIMITS.depth} levels`,
        {
          location: { file: source },
        },
      );
    }
    const children = Array.isArray(value) ? value : Object.values(value);
    keys += children.length;
    if (keys > RUN_RECORD_LIMITS.keys) {
      throw new Cd4mlError(
        'E_RUN_RECORD',
        `run record has more than ${RUN_RECORD_LIMITS.keys} keys and items`,
        {
          location: { file: source },
        },
      );
    }
    for (const child of children) stack.push([child, depth + 1]);
  }
}
