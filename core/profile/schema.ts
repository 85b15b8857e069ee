import * as z from '../yaml/zod.js';

/** The type of a column's non-empty values; `mixed` when they are of several. */
export const ColumnType = z.enum([
  'integer',
  'number',
  'boolean',
  'date',
  'string',
  'mixed',
  'empty',
]);
export type ColumnType = z.infer<typeof ColumnType>;

const Count = z.number().check(z.int(), z.nonnegative());

/**
 * A compact summary of one column, small enough that 50 of them stay under 20 KB in the
 * run record: counts, a distinct estimate, 21 quantiles for numbers and the most frequent
 * values for categories (and for numbers with few distinct values).
 */
export const ColumnProfile = z.object({
  name: z.string(),
  type: ColumnType,
  /** Non-empty values of each type, when the column is `mixed`. */
  types: z.optional(z.record(z.string(), Count)),
  /** Empty cells (``, `NA`, `null`, JSON null, a missing key). */
  nulls: Count,
  /** Distinct non-empty values; a HyperLogLog estimate (about ±2%) when `distinctExact` is false. */
  distinct: Count,
  distinctExact: z.boolean(),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  mean: z.optional(z.number()),
  /** Values at the 0, 5, 10, …, 100th percentiles (of a 20,000-value sample beyond that many). */
  quantiles: z.optional(z.array(z.number()).check(z.maxLength(101))),
  /** Most frequent values and their counts, most frequent first (at most 10). */
  top: z.optional(z.array(z.tuple([z.string(), Count])).check(z.maxLength(50))),
  /** Non-empty values outside `top`. */
  other: z.optional(Count),
});
export type ColumnProfile = z.infer<typeof ColumnProfile>;

export const ProfileFormat = z.enum(['csv', 'tsv', 'jsonl', 'parquet']);
export type ProfileFormat = z.infer<typeof ProfileFormat>;

export const DataProfile = z.object({
  format: ProfileFormat,
  rows: Count,
  columns: z.array(ColumnProfile),
});
export type DataProfile = z.infer<typeof DataProfile>;

/** What the run record holds per tabular file: its profile, or why none could be made. */
export const ProfileEntry = z.union([DataProfile, z.object({ error: z.string() })]);
export type ProfileEntry = z.infer<typeof ProfileEntry>;
