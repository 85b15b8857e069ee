import * as z from '../yaml/zod.js';

/** What a stage check can test on one of the stage's tabular outs. */
const FILE_CHECKS = ['min_rows', 'max_null_rate'] as const;
const COLUMN_CHECKS = ['type', 'min', 'max', 'allowed', 'unique'] as const;

/** The value types a `type:` check accepts (an integer is also a `number`). */
export const CheckType = z.enum(['integer', 'number', 'boolean', 'date', 'string']);
export type CheckType = z.infer<typeof CheckType>;

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

/**
 * One entry of a stage's `checks:`, in the vocabulary of the gate's `data:` rules, tested
 * on the stage's out after its command: a failure fails the stage, so a bad ETL step stops
 * the pipeline before the stages that read its output run.
 */
export const StageCheckDef = z
  .strictObject({
    data: z
      .string()
      .check(
        z.minLength(1, 'must be a non-empty path'),
        z.describe(
          "One of this stage's outs (CSV, TSV, JSON Lines or Parquet), or a file inside a directory out, relative to wdir.",
        ),
      ),
    column: z
      .optional(z.string().check(z.minLength(1)))
      .check(z.describe('The column checked (for max_null_rate: default every column).')),
    min_rows: z
      .optional(z.int().check(z.nonnegative()))
      .check(z.describe('The file must have at least this many rows.')),
    max_null_rate: z
      .optional(z.number().check(z.gte(0), z.lte(1)))
      .check(z.describe('Largest allowed share of empty values, 0 to 1.')),
    type: z
      .optional(CheckType)
      .check(
        z.describe('Every non-empty value must be of this type (an integer is also a number).'),
      ),
    min: z
      .optional(z.number())
      .check(z.describe('Every non-empty value must be a number at least this.')),
    max: z
      .optional(z.number())
      .check(z.describe('Every non-empty value must be a number at most this.')),
    allowed: z
      .optional(z.array(Scalar).check(z.minLength(1)))
      .check(z.describe('Every non-empty value must be one of these.')),
    unique: z.optional(z.literal(true)).check(z.describe('No non-empty value may appear twice.')),
  })
  .check(z.superRefine(checkShape));
export type StageCheckDef = z.infer<typeof StageCheckDef>;

/** A check tests something, and the column checks name their column. */
function checkShape(check: StageCheckDef, ctx: z.core.$RefinementCtx): void {
  const has = (keys: readonly string[]): string[] =>
    keys.filter((k) => check[k as keyof StageCheckDef] !== undefined);
  const all = [...FILE_CHECKS, ...COLUMN_CHECKS];
  if (has(all).length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['data'],
      message: `check on "${check.data}" tests nothing: add one of ${all.join(', ')}`,
    });
    return;
  }
  const needColumn = has(COLUMN_CHECKS);
  if (needColumn.length > 0 && check.column === undefined)
    ctx.addIssue({
      code: 'custom',
      path: [needColumn[0]!],
      message: `${needColumn[0]} checks one column: add \`column: <name>\``,
    });
  if (check.min !== undefined && check.max !== undefined && check.min > check.max)
    ctx.addIssue({ code: 'custom', path: ['max'], message: `max is below min (${check.min})` });
}
