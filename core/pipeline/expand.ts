import * as z from '../yaml/zod.js';
import type { FieldPath, YamlSource } from '../yaml/source.js';
import { cloneContext, type VarsContext } from './context.js';
import { interpolateDeep } from './interpolate.js';
import type { Stage } from './model.js';
import { buildStage, type ParamCheck, type StageSite } from './normalise.js';
import { pyStr } from './python.js';
import { ForeachShape, MatrixStageDef, StageDef } from './schema.js';
import { isRecord, isScalar } from './values.js';

type RawStage = Record<string, unknown>;

const MatrixShape = z.looseObject({ matrix: MatrixStageDef.shape.matrix });

/**
 * A stage definition as the stages it stands for: one, or one per foreach item / matrix
 * combination, named and keyed as DVC names them (dvc/parsing/__init__.py).
 */
export function expandStage(
  name: string,
  raw: RawStage,
  ctx: VarsContext,
  site: Omit<StageSite, 'path'>,
  paramChecks: ParamCheck[],
): Stage[] {
  const { source } = site;
  const path: FieldPath = ['stages', name];
  if ('foreach' in raw) {
    const def = source.validate(ForeachShape, raw, path, 'E_SPEC');
    const resolved = resolveIterable(def.foreach, ctx, [...path, 'foreach'], source);
    return resolved.items.map(({ key, item }) =>
      buildStage(
        `${name}@${key}`,
        { name, key, values: asValues(item, 'item') },
        def.do,
        cloneContext(ctx, resolved.mapping ? { item, key } : { item }, true),
        { ...site, path: [...path, 'do'] },
        paramChecks,
      ),
    );
  }
  if ('matrix' in raw) {
    const { matrix, ...body } = source.validate(MatrixShape, raw, path, 'E_SPEC');
    const axes = Object.entries(matrix).map(([axis, values]) => {
      const list =
        typeof values === 'string'
          ? resolveIterable(values, ctx, [...path, 'matrix', axis], source).items.map((x) => x.item)
          : values;
      return { axis, list };
    });
    return cartesian(axes).map((combo) => {
      const key = axes
        .map(({ axis, list }) => {
          const value = combo[axis];
          return isScalar(value) || value === null ? pyStr(value) : `${axis}${list.indexOf(value)}`;
        })
        .join('-');
      return buildStage(
        `${name}@${key}`,
        { name, key, values: combo },
        body,
        cloneContext(ctx, { item: combo, key }, true),
        { ...site, path },
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
  return [buildStage(name, undefined, raw, ctx, { ...site, path }, paramChecks)];
}

/**
 * What foreach iterates over, with DVC's keys: a mapping's keys; a list's values, or its
 * indices when any item is a list or mapping.
 */
function resolveIterable(
  value: unknown,
  ctx: VarsContext,
  path: FieldPath,
  source: YamlSource,
): { items: Array<{ key: string; item: unknown }>; mapping: boolean } {
  const resolved = interpolateDeep(value, ctx.data, [...path], (at, error) => {
    throw source.error('E_SPEC', at, error.message, 'define it in params.yaml or under vars');
  });
  if (Array.isArray(resolved)) {
    const list = resolved as unknown[];
    const byIndex = list.some((item) => Array.isArray(item) || isRecord(item));
    return {
      items: list.map((item, i) => ({ key: byIndex ? String(i) : pyStr(item), item })),
      mapping: false,
    };
  }
  if (isRecord(resolved))
    return { items: Object.entries(resolved).map(([key, item]) => ({ key, item })), mapping: true };
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
