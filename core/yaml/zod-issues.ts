// How a Zod issue reads in a message: what was expected, what was found, within which bounds.
import type * as z from './zod.js';
/** How many problems of one file are described; the rest are counted. */
export const MAX_REPORTED = 20;

/** A key or value from the file, shortened for a message. */
export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `'a', 'b', 'c' and 3 more`: the first few of a list that may be long. */
export function listSome(items: readonly string[], max = 5): string {
  const named = items
    .slice(0, max)
    .map((item) => `'${clip(item)}'`)
    .join(', ');
  return items.length > max
    ? `${named} and ${(items.length - max).toLocaleString('en-US')} more`
    : named;
}

/** Keys that every option of a union of objects reported as unknown at the union itself. */
export function unknownInEveryOption(issue: z.core.$ZodIssueInvalidUnion): string[] {
  const perOption = issue.errors.map((inner) =>
    inner.flatMap((i) => (i.code === 'unrecognized_keys' && i.path.length === 0 ? i.keys : [])),
  );
  if (perOption.length === 0 || perOption.some((keys) => keys.length === 0)) return [];
  return perOption[0]!.filter((key) => perOption.every((keys) => keys.includes(key)));
}

/**
 * Zod's message, made specific where Zod is vague: never "Invalid input", but what was
 * expected and what was found. Returns the path below the issue's own where the problem
 * is (a union whose matching option failed deeper in).
 */
export function explain(
  issue: z.core.$ZodIssue,
  value: unknown,
): { path: (string | number)[]; message: string } {
  const custom = !issue.message.startsWith('Invalid input');
  if (issue.code === 'invalid_union') {
    // A value that may be a number or a string with a unit: say what was wrong with the string.
    const detail = issue.errors
      .flat()
      .find((inner) => inner.code === 'custom' || inner.code === 'invalid_format');
    if (detail) return { path: [], message: detail.message };
    // An option whose type matched and that failed further in: that failure is the one to report.
    const deeper = issue.errors.find(
      (inner) => inner.length > 0 && inner.every((i) => i.path.length > 0),
    )?.[0];
    if (deeper) {
      const below = deeper.path as (string | number)[];
      const inner = explain(deeper, valueAt(value, below));
      return { path: [...below, ...inner.path], message: inner.message };
    }
    const expected = issue.errors
      .flat()
      .flatMap((inner) => (inner.code === 'invalid_type' ? [typeName(inner.expected)] : []));
    if (expected.length > 0)
      return {
        path: [],
        message: `must be ${orList([...new Set(expected)])}, not ${found(value)}`,
      };
  }
  if (issue.code === 'invalid_type' && !custom)
    return { path: [], message: `must be ${typeName(issue.expected)}, not ${found(value)}` };
  if (
    (issue.code === 'too_small' || issue.code === 'too_big') &&
    /^Too (small|big)/.test(issue.message)
  )
    return { path: [], message: bound(issue, value) };
  if (issue.code === 'invalid_value')
    return {
      path: [],
      message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
    };
  if (!custom) return { path: [], message: `is not valid here (found ${found(value)})` };
  return { path: [], message: issue.message };
}

/** "must be at least 0", "must list at least 1 item": Zod's size bounds in words. */
function bound(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, value: unknown): string {
  const small = issue.code === 'too_small';
  const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  const n = Number(limit);
  switch (issue.origin) {
    case 'array':
    case 'set':
      return small
        ? `must list at least ${n} item${n === 1 ? '' : 's'}`
        : `must list at most ${n} item${n === 1 ? '' : 's'}`;
    case 'string':
      return small && n === 1
        ? 'must not be empty'
        : `must be ${small ? 'at least' : 'at most'} ${n} characters long`;
    default: {
      const word = small
        ? issue.inclusive === false
          ? 'greater than'
          : 'at least'
        : issue.inclusive === false
          ? 'less than'
          : 'at most';
      return `must be ${word} ${String(limit)}, not ${found(value)}`;
    }
  }
}

function typeName(expected: string): string {
  switch (expected) {
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
    case 'map':
      return 'a mapping';
    case 'boolean':
      return 'true/false';
    case 'int':
      return 'an integer';
    case 'null':
    case 'undefined':
      return 'empty';
    default:
      return `a ${expected}`;
  }
}

/** What a YAML value is, in the file's terms. */
function found(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string '${clip(value, 30)}'`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  return typeof value;
}

function orList(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;
}

export function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

export function hasPath(value: unknown, path: readonly (string | number)[]): boolean {
  let current = value;
  for (const part of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part))
      return false;
    current = (current as Record<string | number, unknown>)[part];
  }
  return true;
}
