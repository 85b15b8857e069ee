import { posix } from 'node:path';
import type { FieldPath, YamlSource } from '../yaml/source.js';
import { DEFAULT_PARAMS_FILE } from './files.js';
import { lookup, type Context } from './interpolate.js';
import type { ParamRef } from './model.js';
import { isRecord } from './values.js';

/**
 * The interpolation context as DVC builds it (dvc/parsing/context.py): params.yaml, then
 * each `vars` entry in order, merged — nested mappings merge, and defining a key that is
 * already defined is an error, not an override. A stage's own `vars` merge into a copy.
 */
export interface VarsContext {
  data: Context;
  /** Where each defined key came from (`params.yaml`, `vars[1]`), for the redefinition error. */
  origins: Map<string, string>;
  /** Files loaded so far: null when whole, else the keys selected (`file.yaml:a,b`). */
  imports: Map<string, string[] | null>;
  /** `item` and `key` inside foreach/matrix: a stage's vars may not redefine them. */
  reserved: Set<string>;
}

export interface VarsOptions {
  /** Directory the vars files are relative to, root-relative ('' for the root). */
  wdir: string;
  readParams: (file: string) => unknown;
  source: YamlSource;
  /** Where the `vars` list is in the pipeline file: ['vars'] or [...stage, 'vars']. */
  path: FieldPath;
  /** For the origin of inline vars: `vars[0]` at the top, `train.vars[0]` in a stage. */
  stageName?: string;
}

/**
 * The top-level context: params.yaml (when there is one) and the top-level vars, both
 * relative to the pipeline file's directory `base` (root-relative, '' for the root).
 */
export function buildContext(
  vars: readonly (string | Record<string, unknown>)[],
  opts: Omit<VarsOptions, 'wdir' | 'path'>,
  base = '',
): VarsContext {
  const ctx: VarsContext = {
    data: {},
    origins: new Map(),
    imports: new Map(),
    reserved: new Set(),
  };
  const where = { ...opts, wdir: base, path: ['vars'] };
  const params = posix.join(base || '.', DEFAULT_PARAMS_FILE);
  if (opts.readParams(params) !== undefined) mergeFile(ctx, DEFAULT_PARAMS_FILE, where, undefined);
  loadVars(ctx, vars, where);
  return ctx;
}

/** A copy to merge a stage's vars into, leaving the shared context as it was. */
export function cloneContext(ctx: VarsContext, extra: Context = {}, reserve = false): VarsContext {
  const data = copyMappings({ ...ctx.data, ...extra }) as Context;
  return {
    data,
    origins: new Map(ctx.origins),
    imports: new Map([...ctx.imports].map(([k, v]) => [k, v && [...v]])),
    reserved: new Set([...ctx.reserved, ...(reserve ? Object.keys(extra) : [])]),
  };
}

/** Merges each vars entry: `file.yaml`, `file.yaml:key1,key2`, or an inline mapping. */
export function loadVars(
  ctx: VarsContext,
  vars: readonly (string | Record<string, unknown>)[],
  opts: VarsOptions,
): void {
  for (const [i, entry] of vars.entries()) {
    const at = [...opts.path, i];
    if (JSON.stringify(entry).includes('${'))
      throw opts.source.error(
        'E_SPEC',
        at,
        'interpolating is not allowed in vars',
        'vars are what ${...} reads: write the value, or the file name, as it is',
      );
    if (typeof entry !== 'string') {
      const origin = `${opts.stageName ? `${opts.stageName}.` : ''}vars[${i}]`;
      mergeInto(ctx, entry, origin, opts, at);
      continue;
    }
    const colon = entry.indexOf(':');
    const file = colon === -1 ? entry : entry.slice(0, colon);
    const keys =
      colon === -1
        ? undefined
        : entry
            .slice(colon + 1)
            .split(',')
            .map((key) => key.trim())
            .filter(Boolean);
    mergeFile(ctx, file, { ...opts, path: at }, keys && keys.length > 0 ? keys : undefined);
  }
}

function mergeFile(
  ctx: VarsContext,
  file: string,
  opts: VarsOptions,
  keys: string[] | undefined,
): void {
  const { source, path } = opts;
  const rel = posix.normalize(posix.join(opts.wdir || '.', file));
  const loaded = ctx.imports.get(rel);
  if (loaded !== undefined) {
    if (!keys && loaded === null) return; // The whole file, named twice: as DVC, once is enough.
    const partly = loaded !== null && (!keys || keys.some((key) => loaded.includes(key)));
    if (partly || (keys && loaded === null))
      throw source.error(
        'E_SPEC',
        path,
        partly
          ? `cannot load '${file}' as it is partially loaded already`
          : `cannot partially load '${file}' as it is already loaded`,
        'name each file once in vars (or select disjoint keys)',
      );
  }
  const data = opts.readParams(rel);
  if (data === undefined)
    throw source.error(
      'E_SPEC',
      path,
      `vars file '${rel}' does not exist`,
      `create ${rel} or remove it from vars`,
    );
  if (!isRecord(data)) throw source.error('E_SPEC', path, `vars file '${rel}' must hold a mapping`);
  let selected = data;
  if (keys) {
    const missing = keys.find((key) => !Object.hasOwn(data, key));
    if (missing !== undefined)
      throw source.error(
        'E_SPEC',
        path,
        `could not find '${missing}' in '${rel}'`,
        `the keys of ${rel} are ${Object.keys(data).slice(0, 8).join(', ') || '(none)'}`,
      );
    selected = Object.fromEntries(keys.map((key) => [key, data[key]]));
  }
  mergeInto(ctx, selected, rel, opts, path);
  ctx.imports.set(rel, keys ? [...(ctx.imports.get(rel) ?? []), ...keys] : null);
}

function mergeInto(
  ctx: VarsContext,
  update: Record<string, unknown>,
  origin: string,
  { source }: VarsOptions,
  at: FieldPath,
): void {
  const reserved = Object.keys(update).filter((key) => ctx.reserved.has(key));
  if (reserved.length > 0)
    throw source.error(
      'E_SPEC',
      at,
      `attempted to modify reserved key${reserved.length > 1 ? 's' : ''} ${reserved.map((k) => `'${k}'`).join(', ')}`,
      'item and key are set by foreach/matrix: name the variable differently',
    );
  const walk = (
    into: Record<string, unknown>,
    from: Record<string, unknown>,
    prefix: string,
  ): void => {
    for (const [key, value] of Object.entries(from)) {
      const name = prefix ? `${prefix}.${key}` : key;
      const existing = into[key];
      if (isRecord(existing) && isRecord(value)) walk(existing, value, name);
      else if (Object.hasOwn(into, key))
        throw source.error(
          'E_SPEC',
          at,
          `cannot redefine '${name}' from '${origin}' as it already exists in '${originOf(ctx, name)}'`,
          'each variable is defined once: rename one, or drop it from one of the files (DVC merges vars, it does not override)',
        );
      else {
        into[key] = copyMappings(value);
        ctx.origins.set(name, origin);
      }
    }
  };
  walk(ctx.data, update, '');
}

/** Where a key of the context was defined: a file (`params.yaml`), `vars[0]`, or `<local>`. */
function originOf(ctx: VarsContext, name: string): string {
  for (let at = name; ; at = at.slice(0, at.lastIndexOf('.'))) {
    const origin = ctx.origins.get(at);
    if (origin !== undefined) return origin;
    if (!at.includes('.')) return '<local>';
  }
}

/** Mappings copied (so merging never edits a params file's cached data); other values shared. */
function copyMappings(value: unknown): unknown {
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyMappings(v)]));
}

/**
 * The params a stage reads by interpolation from params files, as DVC tracks them
 * (Context.track): `${train.lr}` from params.yaml is a param of the stage in dvc.lock.
 * Inline vars and foreach items are not files, so are not tracked.
 */
export function trackedParams(fields: Record<string, unknown>, ctx: VarsContext): ParamRef[] {
  const refs = new Map<string, ParamRef>();
  for (const match of JSON.stringify(fields).matchAll(/(\\\\)?\$\{\s*([^}|]*?)\s*(\|[^}]*)?\}/g)) {
    if (match[1]) continue;
    const key = (match[2] ?? '').replaceAll('[', '.').replaceAll(']', '');
    const { found, value } = lookup(ctx.data, key);
    const file = found ? originOf(ctx, key) : undefined;
    if (file === undefined || !ctx.imports.has(file)) continue;
    const keys = isRecord(value) ? Object.keys(flattenLeaves(value, key)) : [key];
    for (const k of keys) refs.set(`${file}\0${k}`, { file, key: k });
  }
  return [...refs.values()];
}

function flattenLeaves(
  value: unknown,
  prefix: string,
  out: Record<string, true> = {},
): Record<string, true> {
  if (isRecord(value))
    for (const [k, v] of Object.entries(value)) flattenLeaves(v, `${prefix}.${k}`, out);
  else out[prefix] = true;
  return out;
}
