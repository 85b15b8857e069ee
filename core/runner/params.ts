import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load as parseYaml } from 'js-yaml';
import { positionParser } from '../config/yaml-source.js';
import { Cd4mlError } from '../errors.js';
import { lookup } from '../pipeline/interpolate.js';
import { DEFAULT_PARAMS_FILE } from '../pipeline/files.js';
import type { ParamRef } from '../pipeline/model.js';
import type { Scalar } from '../run-record/schema.js';

/** One `--set key=value`: `train.C=0.5`, or `other.yaml:train.C=0.5` for another params file. */
export interface Override {
  file: string;
  key: string;
  value: Scalar;
  /** As the user wrote it, for the run record. */
  text: string;
}

export function parseOverride(text: string): Override {
  const eq = text.indexOf('=');
  if (eq <= 0) {
    throw new Cd4mlError('E_USAGE', `--set '${text}' is not key=value`, {
      hint: 'write it as --set train.C=0.5 (or --set file.yaml:key=value)',
    });
  }
  const target = text.slice(0, eq);
  const colon = target.indexOf(':');
  const file = colon > 0 ? target.slice(0, colon) : DEFAULT_PARAMS_FILE;
  const key = colon > 0 ? target.slice(colon + 1) : target;
  if (!/^[\w-]+(\.[\w-]+)*$/.test(key)) {
    throw new Cd4mlError('E_USAGE', `--set '${text}': '${key}' is not a param key`, {
      hint: 'keys are dotted paths like train.C',
    });
  }
  let value: unknown;
  try {
    value = parseYaml(text.slice(eq + 1));
  } catch {
    value = text.slice(eq + 1);
  }
  if (value !== null && typeof value === 'object') {
    throw new Cd4mlError('E_USAGE', `--set '${text}': only scalar values can be set`, {
      hint: 'set each key of a mapping on its own',
    });
  }
  return { file, key, value: (value ?? null) as Scalar, text };
}

/**
 * Writes overrides into the params files (keeping comments and order), and returns
 * a function that puts the original files back: an override lasts one run.
 */
export function applyOverrides(root: string, overrides: readonly Override[]): () => void {
  if (overrides.length === 0) return () => undefined;
  // The comment-keeping parser is needed only here.
  const { parseDocument } = positionParser();
  const originals = new Map<string, string | undefined>();
  for (const override of overrides) {
    const path = join(root, override.file);
    if (!originals.has(path))
      originals.set(path, existsSync(path) ? readFileSync(path, 'utf8') : undefined);
  }
  for (const path of originals.keys()) {
    const doc = parseDocument(originals.get(path) ?? '{}');
    for (const override of overrides)
      if (join(root, override.file) === path) doc.setIn(override.key.split('.'), override.value);
    writeFileSync(path, doc.toString());
  }
  return () => {
    for (const [path, text] of originals) if (text !== undefined) writeFileSync(path, text);
  };
}

/** Current values of a stage's params, grouped by file as in the lock. */
export function resolveParams(
  refs: readonly ParamRef[],
  read: (file: string) => unknown,
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const ref of refs) {
    const data = read(ref.file);
    const group = (out[ref.file] ??= {});
    if (ref.key === undefined) Object.assign(group, flatten(data));
    else {
      const { found, value } = lookup((data ?? {}) as Record<string, unknown>, ref.key);
      group[ref.key] = found ? value : undefined;
    }
  }
  return out;
}

/** `{a: {b: 1}}` → `{'a.b': 1}`; lists stay values. */
export function flatten(
  data: unknown,
  prefix = '',
  out: Record<string, unknown> = {},
): Record<string, unknown> {
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    for (const [key, value] of Object.entries(data))
      flatten(value, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    out[prefix] = data;
  }
  return out;
}

/** A param value as the run record keeps it: scalars as they are, lists and mappings as JSON. */
export function toScalar(value: unknown): Scalar {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  )
    return value;
  return JSON.stringify(value);
}
