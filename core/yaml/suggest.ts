// "Did you mean …?": the keys a schema accepts at a path, and the nearest one to a typo.
import { closest, distance } from 'fastest-levenshtein';
import type * as z from './zod.js';

/** The keys the object schema at `path` accepts, for "did you mean" suggestions. */
export function keysAt(schema: z.core.$ZodType, path: readonly (string | number)[]): string[] {
  let current: unknown = schema;
  for (const part of path) {
    const def = defOf(unwrap(current));
    if (def?.type === 'object' && def.shape) current = def.shape[String(part)];
    else if (def?.type === 'record') current = def.valueType;
    else if (def?.type === 'array') current = def.element;
    else return [];
  }
  return objectKeys(current);
}

/** An object schema's keys; for a union, those of every object among its options. */
function objectKeys(schema: unknown): string[] {
  const def = defOf(unwrap(schema));
  if (def?.type === 'object' && def.shape) return Object.keys(def.shape);
  if (def?.type === 'union' && def.options) return [...new Set(def.options.flatMap(objectKeys))];
  return [];
}

/** The parts of a schema's definition that `keysAt` walks; `_zod.def` is the same in classic Zod and `zod/mini`. */
interface SchemaDef {
  type?: string;
  shape?: Record<string, unknown>;
  valueType?: unknown;
  element?: unknown;
  innerType?: unknown;
  in?: unknown;
  options?: unknown[];
}

function defOf(schema: unknown): SchemaDef | undefined {
  return (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (
      def &&
      ['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(
        def.type ?? '',
      ) &&
      def.innerType
    )
      current = def.innerType;
    else if (def?.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

export function suggest(key: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(key, candidates);
  return distance(key, best) <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}
