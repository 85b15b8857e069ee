import { posix } from 'node:path';
import { pinpoint, type FieldPath, type YamlSource } from '../yaml/source.js';
import { suggest } from '../yaml/suggest.js';
import { clip } from '../yaml/zod-issues.js';
import { Cd4mlAggregateError, Cd4mlError, type Location } from '../errors.js';
import { lookup } from './interpolate.js';
import type { Out, ParamRef, Pipeline, Stage } from './model.js';
import type { ParamCheck } from './normalise.js';
import { isRecord } from './values.js';

/**
 * Every param a stage names must exist, unless its file is written by a stage (an out,
 * or inside one): that file may not exist before the run.
 */
export function checkParams(
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
export function checkDepsAndOuts(
  name: string,
  deps: readonly string[],
  outs: readonly Out[],
  source: YamlSource,
  path: FieldPath,
): void {
  const errors: Cd4mlError[] = [];
  for (const [i, depPath] of deps.entries()) {
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
export function unique(errors: readonly Cd4mlError[]): Cd4mlError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.message) && Boolean(seen.add(e.message)));
}

/**
 * An out may belong to one stage only, and no out may sit inside another (`d` and
 * `d/x.txt`): two stages would write one file, and run in parallel, race. Linear: each
 * out looks up its parent directories, not every other out.
 */
export function checkOutOwners(pipeline: Pipeline): void {
  const owners = new Map<string, { stage: Stage; index: number }>();
  const errors: Cd4mlError[] = [];
  // `line 7` in the same file; `sub/dvc.yaml:7` for a stage of another dvc.yaml.
  const lineOf = (owner: { stage: Stage; index: number }, of: Stage): string => {
    const place = pinpoint(owner.stage.outLocations[owner.index] ?? owner.stage.location);
    const line = place.line ?? '?';
    return place.file === of.location.file ? `line ${line}` : `${place.file}:${line}`;
  };
  for (const stage of pipeline.stages) {
    for (const [index, out] of stage.outs.entries()) {
      const location = (): Location => pinpoint(stage.outLocations[index] ?? stage.location);
      const previous = owners.get(out.path);
      if (previous) {
        errors.push(
          new Cd4mlError(
            'E_SPEC',
            `out '${out.path}' of stage '${stage.name}' is already an out of stage '${previous.stage.name}' (${lineOf(previous, stage)})`,
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
            `out '${path}' of stage '${owner.stage.name}' is inside out '${dir}' of stage '${outer.stage.name}' (${lineOf(outer, owner.stage)})`,
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
