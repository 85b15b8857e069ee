import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import { formatPath, type FieldPath, type YamlSource } from '../yaml/source.js';
import { Cd4mlError, type Location } from '../errors.js';
import type * as z from '../yaml/zod.js';
import { checkDepsAndOuts } from './checks.js';
import { DEFAULT_PARAMS_FILE } from './files.js';
import { interpolateDeep, type Context, type InterpolationError } from './interpolate.js';
import type { Out, ParamRef, Stage } from './model.js';
import type { Duration, StageDef } from './schema.js';

/** A params entry of a stage, checked once every stage's outs are known. */
export interface ParamCheck {
  ref: ParamRef;
  field: FieldPath;
}

/** One stage definition, interpolated, as the runner's Stage with paths relative to the root. */
export function buildStage(
  name: string,
  group: Stage['group'],
  def: z.infer<typeof StageDef>,
  context: Context,
  root: string,
  source: YamlSource,
  path: FieldPath,
  paramChecks: ParamCheck[],
): Stage {
  const body = interpolateDeep(def, context, [...path], (at, error: InterpolationError) => {
    throw new Cd4mlError(
      'E_INTERPOLATION',
      `bad interpolation in stage '${name}': ${error.message}`,
      {
        location: { ...source.locate(at), field: at.join('.') },
        hint: 'define the key in params.yaml (or a vars file) or escape it as \\${...}',
      },
    );
  }) as z.infer<typeof StageDef>;
  const wdir =
    body.wdir === undefined ? '' : normalise(root, '', body.wdir, source, [...path, 'wdir']);
  const where: Where = { root, wdir, source, path };
  const { outs, outLocations } = stageOuts(body, where);
  const params = stageParams(body, where, paramChecks);
  const deps = (body.deps ?? []).map((dep, i) =>
    normalise(root, wdir, String(dep), source, [...path, 'deps', i]),
  );
  checkDepsAndOuts(name, deps, outs, source, path);
  return {
    name,
    ...(group ? { group } : {}),
    cmd: (Array.isArray(body.cmd) ? body.cmd : [body.cmd]).map(String),
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

/** A stage's params as (file, key) references, each queued to be checked once all outs are known. */
function stageParams(
  body: z.infer<typeof StageDef>,
  { root, wdir, source, path }: Where,
  paramChecks: ParamCheck[],
): ParamRef[] {
  const params: ParamRef[] = [];
  for (const [i, entry] of (body.params ?? []).entries()) {
    const refs: ParamRef[] = [];
    if (typeof entry === 'string') refs.push({ file: DEFAULT_PARAMS_FILE, key: entry });
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
export function at(source: YamlSource, path: FieldPath): Location {
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

export function durationMs(value: z.infer<typeof Duration>): number {
  if (typeof value === 'number') return value * 1000;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/.exec(value);
  const amount = Number(match?.[1] ?? 0);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match?.[2] as 'ms' | 's' | 'm' | 'h'];
  return amount * unit;
}
