import { readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { formatPath, pinpoint, YamlSource, type FieldPath } from '../yaml/source.js';
import { suggest } from '../yaml/suggest.js';
import { clip } from '../yaml/zod-issues.js';
import { Cd4mlAggregateError, Cd4mlError, type Location } from '../errors.js';
import type * as z from '../yaml/zod.js';
import { DEFAULT_PARAMS_FILE, paramsReader } from './files.js';
import { interpolateDeep, lookup, type Context, type InterpolationError } from './interpolate.js';
import type { Out, ParamRef, Pipeline, Stage } from './model.js';
import { ForeachStageDef, MatrixStageDef, PipelineTop, StageDef, type Duration } from './schema.js';

/**
 * Loads, validates and expands a pipeline file. Every problem is reported with its
 * file, line and field; all of them at once where they are independent.
 */
export function loadPipeline(file: string): Pipeline {
  const absolute = resolve(file);
  const root = dirname(absolute);
  const display = relative(process.cwd(), absolute) || basename(absolute);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new Cd4mlError(
      'E_SPEC',
      `cannot read the pipeline file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      {
        location: { file: display },
        hint: 'run cd4ml from the directory holding cd4ml.yaml, or pass -f path/to/cd4ml.yaml',
      },
    );
  }
  const source = YamlSource.parse(text, display, 'E_SPEC');
  if (source.data === null || source.data === undefined) {
    throw new Cd4mlError('E_SPEC', 'the pipeline file is empty', {
      location: { file: display, line: 1 },
      hint: 'add a `stages:` section',
    });
  }
  const top = source.validate(PipelineTop, source.data, [], 'E_SPEC');
  const readParams = paramsReader(root);
  const context = buildContext(root, top.vars ?? [], readParams, source);
  const sources = [
    DEFAULT_PARAMS_FILE,
    ...(top.vars ?? []).filter((v) => typeof v === 'string').map((v) => v.split(':')[0] ?? ''),
  ].map((f) => join(root, f));

  const errors: Cd4mlError[] = [];
  const stages: Stage[] = [];
  const paramChecks: ParamCheck[] = [];
  for (const [name, raw] of Object.entries(top.stages)) {
    try {
      stages.push(...expandStage(name, raw, context, root, source, paramChecks));
    } catch (error) {
      if (error instanceof Cd4mlAggregateError) errors.push(...error.errors);
      else if (error instanceof Cd4mlError) errors.push(error);
      else throw error;
    }
  }
  if (errors.length === 0) errors.push(...checkParams(paramChecks, stages, readParams, source));
  if (errors.length > 0) throw new Cd4mlAggregateError(unique(errors));
  const paramFiles = new Set(stages.flatMap((stage) => stage.params.map((ref) => ref.file)));
  const pipeline: Pipeline = {
    file: absolute,
    root,
    stages,
    model: top.model === undefined ? undefined : normalise(root, '', top.model, source, ['model']),
    ...predictionsOf(top.predictions, root, source),
    stats: (top.stats ?? []).map((path, i) => normalise(root, '', path, source, ['stats', i])),
    environment: {
      files: (top.environment?.files ?? []).map((path, i) =>
        normalise(root, '', path, source, ['environment', 'files', i]),
      ),
      image: top.environment?.image,
    },
    metrics: (top.metrics ?? []).map((path, i) =>
      normalise(root, '', path, source, ['metrics', i]),
    ),
    // Params files that stages name are inputs too: a cached pipeline must see them change.
    sources: [...new Set([...sources, ...[...paramFiles].map((f) => join(root, f))])],
  };
  checkOuts(pipeline);
  return pipeline;
}

/** `predictions: path` or `predictions: { file, slices }`. */
function predictionsOf(
  entry: z.infer<typeof PipelineTop>['predictions'],
  root: string,
  source: YamlSource,
): Pick<Pipeline, 'predictions' | 'predictionSlices'> {
  if (entry === undefined) return { predictions: undefined, predictionSlices: [] };
  if (typeof entry === 'string')
    return {
      predictions: normalise(root, '', entry, source, ['predictions']),
      predictionSlices: [],
    };
  return {
    predictions: normalise(root, '', entry.file, source, ['predictions', 'file']),
    predictionSlices: [...new Set(entry.slices)],
  };
}

function buildContext(
  root: string,
  vars: readonly (string | Record<string, unknown>)[],
  readParams: (file: string) => unknown,
  source: YamlSource,
): Context {
  const context: Context = {};
  const defaults = readParams(DEFAULT_PARAMS_FILE);
  if (isRecord(defaults)) Object.assign(context, defaults);
  for (const [i, entry] of vars.entries()) {
    if (typeof entry !== 'string') {
      Object.assign(context, entry);
      continue;
    }
    const [file = '', keys] = entry.split(':', 2);
    const data = readParams(file);
    if (data === undefined) {
      throw source.error(
        'E_SPEC',
        ['vars', i],
        `vars file '${file}' does not exist`,
        `create ${file} or remove it from vars`,
      );
    }
    if (!isRecord(data))
      throw source.error('E_SPEC', ['vars', i], `vars file '${file}' must hold a mapping`);
    if (keys === undefined) Object.assign(context, data);
    else for (const key of keys.split(',')) context[key.trim()] = data[key.trim()];
  }
  return context;
}

type RawStage = Record<string, unknown>;

function expandStage(
  name: string,
  raw: RawStage,
  context: Context,
  root: string,
  source: YamlSource,
  paramChecks: ParamCheck[],
): Stage[] {
  const path: FieldPath = ['stages', name];
  if ('foreach' in raw) {
    const def = source.validate(ForeachStageDef, raw, path, 'E_SPEC');
    const items = resolveIterable(def.foreach, context, [...path, 'foreach'], source);
    return items.map(({ key, item }) =>
      buildStage(
        `${name}@${key}`,
        { name, key, values: asValues(item, 'item') },
        def.do,
        { ...context, item, key },
        root,
        source,
        [...path, 'do'],
        paramChecks,
      ),
    );
  }
  if ('matrix' in raw) {
    const def = source.validate(MatrixStageDef, raw, path, 'E_SPEC');
    const { matrix, ...body } = def;
    const axes = Object.entries(matrix).map(([axis, values]) => {
      const list =
        typeof values === 'string'
          ? resolveIterable(values, context, [...path, 'matrix', axis], source).map((x) => x.item)
          : values;
      return { axis, list };
    });
    return cartesian(axes).map((combo) => {
      const key = axes.map(({ axis, list }) => {
        const value = combo[axis];
        return isScalar(value) ? String(value) : `${axis}${list.indexOf(value)}`;
      });
      return buildStage(
        `${name}@${key.join('-')}`,
        { name, key: key.join('-'), values: combo },
        body,
        { ...context, item: combo },
        root,
        source,
        path,
        paramChecks,
      );
    });
  }
  if (
    !('cmd' in raw) &&
    !StageDef.safeParse(raw).error?.issues.some((issue) => issue.code === 'unrecognized_keys')
  ) {
    throw source.error(
      'E_SPEC',
      path,
      `stage '${name}' has no cmd`,
      'add `cmd: <shell command>` (or `foreach`/`matrix` with `do`)',
      { key: true },
    );
  }
  const def = source.validate(StageDef, raw, path, 'E_SPEC');
  return [buildStage(name, undefined, def, context, root, source, path, paramChecks)];
}

function resolveIterable(
  value: unknown,
  context: Context,
  path: FieldPath,
  source: YamlSource,
): Array<{ key: string; item: unknown }> {
  const resolved = interpolateDeep(value, context, [...path], (at, error) => {
    throw source.error('E_SPEC', at, error.message, 'define it in params.yaml or under vars');
  });
  if (Array.isArray(resolved)) {
    return (resolved as unknown[]).map((item, i) => ({
      key: isScalar(item) ? String(item) : String(i),
      item,
    }));
  }
  if (isRecord(resolved)) return Object.entries(resolved).map(([key, item]) => ({ key, item }));
  throw source.error('E_SPEC', path, 'foreach must be a list, a mapping, or ${...} naming one');
}

function cartesian(axes: Array<{ axis: string; list: unknown[] }>): Array<Record<string, unknown>> {
  let combos: Array<Record<string, unknown>> = [{}];
  for (const { axis, list } of axes)
    combos = combos.flatMap((combo) => list.map((value) => ({ ...combo, [axis]: value })));
  return combos;
}

function asValues(item: unknown, name: string): Record<string, unknown> {
  return isRecord(item) ? item : { [name]: item };
}

function buildStage(
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
  checkDepsAndOuts(name, body, wdir, outs, root, source, path);
  return {
    name,
    ...(group ? { group } : {}),
    cmd: (Array.isArray(body.cmd) ? body.cmd : [body.cmd]).map(String),
    wdir,
    deps: (body.deps ?? []).map((dep, i) =>
      normalise(root, wdir, String(dep), source, [...path, 'deps', i]),
    ),
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

/** A params entry of a stage, checked once every stage's outs are known. */
interface ParamCheck {
  ref: ParamRef;
  field: FieldPath;
}

/**
 * Every param a stage names must exist, unless its file is written by a stage (an out,
 * or inside one): that file may not exist before the run.
 */
function checkParams(
  checks: readonly ParamCheck[],
  stages: readonly Stage[],
  readParams: (file: string) => unknown,
  source: YamlSource,
): Cd4mlError[] {
  const outs = new Set(stages.flatMap((stage) => stage.outs.map((out) => out.path)));
  const written = (file: string): boolean => {
    for (let path = file; path !== '.' && path !== '/' && path !== ''; path = posix.dirname(path))
      if (outs.has(path)) return true;
    return outs.has('.');
  };
  const errors: Cd4mlError[] = [];
  for (const { ref, field } of checks) {
    if (written(ref.file)) continue;
    try {
      checkParam(ref, readParams, source, field);
    } catch (error) {
      if (!(error instanceof Cd4mlError)) throw error;
      errors.push(error);
    }
  }
  return errors;
}

/** A param a stage depends on must exist, as in DVC: a typo would otherwise never invalidate anything. */
function checkParam(
  ref: ParamRef,
  readParams: (file: string) => unknown,
  source: YamlSource,
  field: FieldPath,
): void {
  const data = readParams(ref.file);
  if (data === undefined) {
    throw source.error(
      'E_PARAMS',
      field,
      `params file '${ref.file}' does not exist`,
      `create ${ref.file}, or remove it from the stage's params`,
    );
  }
  if (ref.key === undefined || lookup(isRecord(data) ? data : {}, ref.key).found) return;
  const known = paramKeys(data);
  const suggestion = suggest(ref.key, known);
  throw source.error(
    'E_PARAMS',
    field,
    `param '${clip(ref.key)}' is not in ${ref.file}`,
    suggestion
      ? `did you mean '${suggestion}'?`
      : `add it to ${ref.file}${known.length > 0 ? ` (it has ${known.slice(0, 5).join(', ')}${known.length > 5 ? ', …' : ''})` : ''}`,
  );
}

/** Every key of a params file as a stage can name it: `train`, `train.C`, … (bounded: the file was). */
function paramKeys(data: unknown, prefix = '', out: string[] = []): string[] {
  if (!isRecord(data) || out.length > 10_000) return out;
  for (const [key, value] of Object.entries(data)) {
    const name = prefix ? `${prefix}.${key}` : key;
    out.push(name);
    paramKeys(value, name, out);
  }
  return out;
}

/**
 * A path may not be both read and written by one stage: the runner clears outs before
 * the command runs, which would delete the input (DVC rejects it as a cycle).
 */
function checkDepsAndOuts(
  name: string,
  body: z.infer<typeof StageDef>,
  wdir: string,
  outs: readonly Out[],
  root: string,
  source: YamlSource,
  path: FieldPath,
): void {
  const errors: Cd4mlError[] = [];
  for (const [i, dep] of (body.deps ?? []).entries()) {
    const depPath = normalise(root, wdir, String(dep), source, [...path, 'deps', i]);
    const out = outs.find((o) => o.path === depPath || isInside(depPath, o.path));
    if (!out) continue;
    errors.push(
      source.error(
        'E_SPEC',
        [...path, 'deps', i],
        out.path === depPath
          ? `'${depPath}' is both a dep and an out of stage '${name}'`
          : `dep '${depPath}' of stage '${name}' is inside its out '${out.path}'`,
        'a stage cannot read what it writes (its outs are removed before it runs): write to a new path, or drop the dep',
      ),
    );
  }
  if (errors.length > 0) throw new Cd4mlAggregateError(errors);
}

/** `a/b/c` is inside `a/b`; `.` (the root) holds everything. */
function isInside(path: string, dir: string): boolean {
  return dir === '.' ? path !== '.' : path.startsWith(`${dir}/`);
}

/** The same problem found in every expansion of a foreach/matrix stage is reported once. */
function unique(errors: readonly Cd4mlError[]): Cd4mlError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.message) && Boolean(seen.add(e.message)));
}

/** Where a field is, without its line yet: finding lines costs a second parse, paid only for errors. */
function at(source: YamlSource, path: FieldPath): Location {
  return { file: source.file, field: formatPath(path), path: [...path] };
}

/** A user path, relative to `wdir`, as a normalised path relative to the root; never outside it. */
function normalise(
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

/**
 * An out may belong to one stage only, and no out may sit inside another (`d` and
 * `d/x.txt`): two stages would write one file, and run in parallel, race. Linear: each
 * out looks up its parent directories, not every other out.
 */
function checkOuts(pipeline: Pipeline): void {
  const owners = new Map<string, { stage: Stage; index: number }>();
  const errors: Cd4mlError[] = [];
  const lineOf = (owner: { stage: Stage; index: number }): number | string =>
    pinpoint(owner.stage.outLocations[owner.index] ?? owner.stage.location).line ?? '?';
  for (const stage of pipeline.stages) {
    for (const [index, out] of stage.outs.entries()) {
      const location = (): Location => pinpoint(stage.outLocations[index] ?? stage.location);
      const previous = owners.get(out.path);
      if (previous) {
        errors.push(
          new Cd4mlError(
            'E_SPEC',
            `out '${out.path}' of stage '${stage.name}' is already an out of stage '${previous.stage.name}' (line ${lineOf(previous)})`,
            {
              location: location(),
              hint: 'each file is written by one stage: rename one of the outs',
            },
          ),
        );
        continue;
      }
      owners.set(out.path, { stage, index });
    }
  }
  // Second pass, once every out is known: an out inside another, in either order.
  for (const [path, owner] of owners) {
    for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
      const outer = owners.get(dir);
      if (outer && outer !== owner) {
        errors.push(
          new Cd4mlError(
            'E_SPEC',
            `out '${path}' of stage '${owner.stage.name}' is inside out '${dir}' of stage '${outer.stage.name}' (line ${lineOf(outer)})`,
            {
              location: pinpoint(owner.stage.outLocations[owner.index] ?? owner.stage.location),
              hint: 'outs may not overlap: write the file outside that directory, or make one stage write both',
            },
          ),
        );
        break;
      }
      if (dir === '.' || dir === '/' || dir === '') break;
    }
  }
  if (errors.length > 0) throw new Cd4mlAggregateError(errors);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
