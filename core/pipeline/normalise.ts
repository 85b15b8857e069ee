import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import { formatPath } from '../yaml/limits.js';
import type { FieldPath, YamlSource } from '../yaml/source.js';
import { Cd4mlError, type Location } from '../errors.js';
import type * as z from '../yaml/zod.js';
import { profileFormat } from '../profile/profile.js';
import { checkDepsAndOuts } from './checks.js';
import type { Parsing } from './dvc-config.js';
import { DEFAULT_PARAMS_FILE } from './files.js';
import { cloneContext, loadVars, trackedParams, type VarsContext } from './context.js';
import { interpolateDeep, type InterpolationError } from './interpolate.js';
import { pyStr, unbox } from './python.js';
import { checkWhole } from './validate-value.js';
import { isScalar } from './values.js';
import type { Out, ParamRef, Stage, StageCheck } from './model.js';
import { StageDef, VarsList, type Duration } from './schema.js';

/** A params entry of a stage, checked once every stage's outs are known. */
export interface ParamCheck {
  ref: ParamRef;
  field: FieldPath;
}

/** Where a stage definition is: the project, the pipeline file, the field path of the stage. */
export interface StageSite {
  root: string;
  /** The pipeline file's directory, root-relative ('' for the root): a stage's default wdir. */
  base: string;
  source: YamlSource;
  path: FieldPath;
  /** Reads vars files for the interpolation context (floats as Python reads them). */
  readVars: (file: string) => unknown;
  /** How a mapping in `cmd` unpacks into flags (`.dvc/config`'s `parsing` section). */
  parsing: Parsing;
}

/**
 * One stage definition as the runner's Stage, resolved as DVC resolves it
 * (dvc/parsing/__init__.py, EntryDefinition): `wdir` first, from the context so far; then
 * the stage's own `vars`, relative to that wdir; then every other field, interpolated,
 * and only then validated — `frozen: ${freeze}` is a boolean once it is resolved.
 */
export function buildStage(
  name: string,
  group: Stage['group'],
  raw: Record<string, unknown>,
  outer: VarsContext,
  site: StageSite,
  paramChecks: ParamCheck[],
): Stage {
  const { root, source, path } = site;
  const { wdir, body, tracked } = resolveStage(name, raw, outer, site);
  const where: Where = { root, wdir, source, path };
  const { outs, outLocations } = stageOuts(body, where);
  const params = stageParams(body, where, paramChecks);
  const deps = (body.deps ?? []).map((dep, i) =>
    normalise(root, wdir, String(dep), source, [...path, 'deps', i]),
  );
  checkDepsAndOuts(name, deps, outs, source, path);
  const checks = stageChecks(body, outs, where);
  return {
    name,
    ...(group
      ? { group: { ...group, values: unbox(group.values) as Record<string, unknown> } }
      : {}),
    // As DVC runs it (dvc/stage/run.py): a list item is one command; a string is split
    // into lines, each its own command, run in order, each of which must succeed.
    cmd: Array.isArray(body.cmd)
      ? body.cmd
      : body.cmd.split(/\r?\n/).filter((line) => line.trim() !== ''),
    lockCmd: body.cmd,
    ...(tracked.length > 0 ? { trackedParams: tracked } : {}),
    wdir,
    deps,
    outs,
    // DVC's stage plots: `path` or `{path: {x, y, template…}}`.
    plots: (body.plots ?? []).flatMap((entry, i) =>
      (typeof entry === 'string' ? [entry] : Object.keys(entry)).map((plot) =>
        normalise(root, wdir, plot, source, [...path, 'plots', i]),
      ),
    ),
    params,
    frozen: body.frozen ?? false,
    alwaysChanged: body.always_changed ?? false,
    checks,
    retries: body.retries ?? 0,
    timeoutMs: body.timeout === undefined ? undefined : durationMs(body.timeout),
    env: Object.fromEntries(Object.entries(body.env ?? {}).map(([k, v]) => [k, String(v)])),
    runsOn: body['runs-on'] === undefined ? undefined : [body['runs-on']].flat(),
    desc: body.desc,
    location: at(source, path.at(-1) === 'do' ? path.slice(0, -1) : path),
    timeoutLocation: body.timeout === undefined ? undefined : at(source, [...path, 'timeout']),
    depLocations: (body.deps ?? []).map((_, i) => at(source, [...path, 'deps', i])),
    outLocations,
  };
}

/** A stage's wdir, then its own vars, then every field interpolated and validated. */
function resolveStage(
  name: string,
  raw: Record<string, unknown>,
  outer: VarsContext,
  site: StageSite,
): { wdir: string; body: StageDef; tracked: ParamRef[] } {
  const { root, base, source, path } = site;
  const onError = (at: FieldPath, error: InterpolationError): never => {
    throw new Cd4mlError(
      'E_INTERPOLATION',
      `bad interpolation in stage '${name}': ${error.message}`,
      {
        location: { ...source.locate(at), field: at.join('.') },
        hint: 'define the key in params.yaml (or a vars file) or escape it as \\${...}',
      },
    );
  };
  const rawWdir =
    raw.wdir === undefined
      ? undefined
      : interpolateDeep(raw.wdir, outer.data, [...path, 'wdir'], onError);
  const wdir =
    isScalar(rawWdir) && typeof rawWdir !== 'boolean'
      ? normalise(root, base, pyStr(rawWdir), source, [...path, 'wdir'])
      : base;
  const { vars, ...fields } = raw;
  let ctx = outer;
  if (vars !== undefined) {
    const list = source.validate(VarsList, vars, [...path, 'vars'], 'E_SPEC');
    ctx = cloneContext(outer);
    loadVars(ctx, list, {
      wdir,
      readParams: site.readVars,
      source,
      path: [...path, 'vars'],
      stageName: name,
    });
  }
  const resolved: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    const at = [...path, key];
    const out =
      key === 'wdir'
        ? rawWdir
        : interpolateDeep(value, ctx.data, at, onError, key === 'cmd' && site.parsing);
    checkWhole(value, out, key, at, onError);
    resolved[key] = out;
  }
  const body = source.validate(StageDef, unbox(resolved), path, 'E_SPEC');
  return { wdir, body, tracked: trackedParams(fields, ctx) };
}

/** Where a stage's paths are resolved and its errors point. */
interface Where {
  root: string;
  wdir: string;
  source: YamlSource;
  path: FieldPath;
}

/** A stage's outs, metrics and plots as outs, with where each is defined. */
function stageOuts(
  body: z.infer<typeof StageDef>,
  { root, wdir, source, path }: Where,
): { outs: Out[]; outLocations: Location[] } {
  const outs: Out[] = [];
  const outLocations: Location[] = [];
  // Plots are outs too, as in DVC (cached by default): a stage restored from the run-cache
  // must bring back every file it wrote, or a stage after it reads a plot that is not there.
  for (const [field, metric] of [
    ['outs', false],
    ['metrics', true],
    ['plots', false],
  ] as const) {
    for (const [i, entry] of (body[field] ?? []).entries()) {
      const [rawPath, value] =
        typeof entry === 'string' ? [entry, null] : (Object.entries(entry)[0] ?? ['', null]);
      // A plot's flags mapping also holds its template and axes: read only cache and persist.
      const flags = new Map(
        typeof value === 'object' && value !== null ? Object.entries(value) : [],
      );
      const outPath = normalise(root, wdir, String(rawPath), source, [...path, field, i]);
      // A plot of a file the stage already lists as an out or metric is that out, not a second one.
      if (field === 'plots' && outs.some((out) => out.path === outPath)) continue;
      outs.push({
        path: outPath,
        cache: typeof flags.get('cache') === 'boolean' ? flags.get('cache') === true : !metric,
        persist: flags.get('persist') === true,
        metric,
      });
      outLocations.push(at(source, [...path, field, i]));
    }
  }
  return { outs, outLocations };
}

/**
 * A stage's `checks:`, each `data` path resolved like an out and required to be a tabular
 * out of the stage or a file inside one of its directory outs: a check can only test what
 * the stage writes.
 */
function stageChecks(
  body: z.infer<typeof StageDef>,
  outs: readonly Out[],
  { root, wdir, source, path }: Where,
): StageCheck[] {
  return (body.checks ?? []).map(({ data, ...rest }, i) => {
    const field = [...path, 'checks', i, 'data'];
    const file = normalise(root, wdir, data, source, field);
    const owner = outs.find(
      (out) => !out.metric && (out.path === file || file.startsWith(`${out.path}/`)),
    );
    if (!owner) {
      const listed = outs.filter((o) => !o.metric).map((o) => o.path);
      throw source.error(
        'E_SPEC',
        field,
        `check on '${data}': it is not an out of this stage`,
        listed.length > 0
          ? `check one of its outs (${listed.join(', ')}), or add '${data}' to its outs`
          : `add '${data}' to the stage's outs`,
      );
    }
    if (!profileFormat(file))
      throw source.error(
        'E_SPEC',
        field,
        `check on '${data}': only tabular files are checked`,
        'name a .csv, .tsv, .jsonl or .parquet file',
      );
    return { ...rest, data: file, location: at(source, [...path, 'checks', i]) };
  });
}

/** A stage's params as (file, key) references, each queued to be checked once all outs are known. */
function stageParams(
  body: z.infer<typeof StageDef>,
  { root, wdir, source, path }: Where,
  paramChecks: ParamCheck[],
): ParamRef[] {
  const params: ParamRef[] = [];
  for (const [i, entry] of (body.params ?? []).entries()) {
    const refs: ParamRef[] = [];
    // As in DVC, a stage's params.yaml is the one in its wdir.
    const defaultFile = normalise(root, wdir, DEFAULT_PARAMS_FILE, source, [...path, 'params', i]);
    if (typeof entry === 'string') refs.push({ file: defaultFile, key: entry });
    else
      for (const [file, keys] of Object.entries(entry)) {
        const rel = normalise(root, wdir, file, source, [...path, 'params', i]);
        if (keys === null || keys.length === 0) refs.push({ file: rel, key: undefined });
        else for (const key of keys) refs.push({ file: rel, key });
      }
    for (const ref of refs) paramChecks.push({ ref, field: [...path, 'params', i] });
    params.push(...refs);
  }
  return params;
}

/** Where a field is, without its line yet: finding lines costs a second parse, paid only for errors. */
function at(source: YamlSource, path: FieldPath): Location {
  return { file: source.file, field: formatPath(path), path: [...path] };
}

/** A user path, relative to `wdir`, as a normalised path relative to the root; never outside it. */
export function normalise(
  root: string,
  wdir: string,
  path: string,
  source: YamlSource,
  field: FieldPath,
): string {
  const absolute = isAbsolute(path) ? path : resolve(root, wdir, path);
  const rel = relative(root, absolute);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw source.error(
      'E_SPEC',
      field,
      `path '${path}' is outside the repository`,
      'stages may only read and write inside the pipeline directory',
    );
  }
  return rel.split(sep).join(posix.sep) || '.';
}

function durationMs(value: z.infer<typeof Duration>): number {
  if (typeof value === 'number') return value * 1000;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/.exec(value);
  const amount = Number(match?.[1] ?? 0);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match?.[2] as 'ms' | 's' | 'm' | 'h'];
  return amount * unit;
}
