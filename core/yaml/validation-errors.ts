import { Cd4mlAggregateError, type Cd4mlError } from '../errors.js';
import { keysAt, suggest } from './suggest.js';
import type * as z from './zod.js';
import {
  clip,
  explain,
  hasPath,
  listSome,
  MAX_REPORTED,
  unknownInEveryOption,
  valueAt,
} from './zod-issues.js';

type Path = readonly (string | number)[];

/** An error at a field of the file being validated (its line found from the path). */
export type FieldError = (
  path: Path,
  message: string,
  hint?: string,
  opts?: { key?: boolean },
) => Cd4mlError;

/**
 * A failed Zod validation of `value` (found at `path`) as every issue at once, each at
 * its own line, with "did you mean" for unknown keys.
 */
export function validationErrors(
  schema: z.ZodMiniType,
  issues: readonly z.core.$ZodIssue[],
  value: unknown,
  path: Path,
  fieldError: FieldError,
): Cd4mlAggregateError {
  // Unknown keys first: "did you mean 'stages'?" explains the "stages is required" that follows it,
  // so a required key that was suggested is not reported twice.
  const sorted = [...issues].sort(
    (a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'),
  );
  // A hostile file can hold any number of problems: describe the first few (each costs a look-up of its line).
  const shown = sorted.slice(0, MAX_REPORTED);
  const errors = shown.map((issue) => issueToError(schema, issue, value, path, fieldError));
  const suggested = new Set(
    errors.map((e) => /did you mean '([^']+)'/.exec(e.hint ?? '')?.[1]).filter(Boolean),
  );
  return new Cd4mlAggregateError(
    errors.filter(
      (e, i) =>
        !(e.message.endsWith('is required') && suggested.has(String(shown[i]?.path.at(-1)))),
    ),
    issues.length - shown.length,
  );
}

function issueToError(
  schema: z.ZodMiniType,
  issue: z.core.$ZodIssue,
  value: unknown,
  base: Path,
  fieldError: FieldError,
): Cd4mlError {
  const path = [...base, ...(issue.path as (string | number)[])];
  // A mapping that fits none of a union's shapes because of a key none of them has
  // (`version_policy: { latset: 1 }`): that key is the error, not "Invalid input".
  const keys =
    issue.code === 'unrecognized_keys'
      ? issue.keys
      : issue.code === 'invalid_union'
        ? unknownInEveryOption(issue)
        : [];
  if (keys.length > 0) {
    const key = keys[0] ?? '';
    const known = keysAt(schema, issue.path as (string | number)[]);
    const suggestion = suggest(key, known);
    return fieldError(
      [...path, key],
      `unknown key '${clip(key)}'${keys.length > 1 ? ` (and ${listSome(keys.slice(1))})` : ''}`,
      suggestion
        ? `did you mean '${suggestion}'?`
        : known.length > 0
          ? `valid keys: ${known.join(', ')}`
          : undefined,
      { key: true },
    );
  }
  if (issue.code === 'invalid_key') {
    // A key the record does not accept (a stage name with a space): point at the key, say why.
    const key = String(issue.path.at(-1) ?? '');
    const why = issue.issues.map((inner) => inner.message).join('; ');
    return fieldError(path, `'${clip(key)}' is not a valid name: ${why}`, undefined, {
      key: true,
    });
  }
  if (!hasPath(value, issue.path as (string | number)[])) {
    return fieldError(path, 'is required');
  }
  const explained = explain(issue, valueAt(value, issue.path as (string | number)[]));
  return fieldError([...path, ...explained.path], explained.message);
}
