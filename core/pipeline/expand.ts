import type { FieldPath, YamlSource } from '../yaml/source.js';
import { interpolateDeep, type Context } from './interpolate.js';
import type { Stage } from './model.js';
import { buildStage, type ParamCheck } from './normalise.js';
import { ForeachStageDef, MatrixStageDef, StageDef } from './schema.js';
import { isRecord, isScalar } from './values.js';

type RawStage = Record<string, unknown>;

/** A stage definition as the stages it stands for: one, or one per foreach item / matrix combination. */
export function expandStage(
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
