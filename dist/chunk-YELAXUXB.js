import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  _enum,
  array,
  boolean,
  int,
  number,
  object,
  optional,
  record,
  string,
  tuple,
  union
} from "./chunk-JK3JTSK4.js";
import {
  _maxLength,
  _nonnegative
} from "./chunk-GDE4YRT6.js";

// core/profile/schema.ts
var ColumnType = _enum([
  "integer",
  "number",
  "boolean",
  "date",
  "string",
  "mixed",
  "empty"
]);
var Count = number().check(int(), _nonnegative());
var ColumnProfile = object({
  name: string(),
  type: ColumnType,
  /** Non-empty values of each type, when the column is `mixed`. */
  types: optional(record(string(), Count)),
  /** Empty cells (``, `NA`, `null`, JSON null, a missing key). */
  nulls: Count,
  /** Distinct non-empty values; a HyperLogLog estimate (about ±2%) when `distinctExact` is false. */
  distinct: Count,
  distinctExact: boolean(),
  min: optional(number()),
  max: optional(number()),
  mean: optional(number()),
  /** Values at the 0, 5, 10, …, 100th percentiles (of a 20,000-value sample beyond that many). */
  quantiles: optional(array(number()).check(_maxLength(101))),
  /** Most frequent values and their counts, most frequent first (at most 10). */
  top: optional(array(tuple([string(), Count])).check(_maxLength(50))),
  /** Non-empty values outside `top`. */
  other: optional(Count)
});
var ProfileFormat = _enum(["csv", "tsv", "jsonl", "parquet"]);
var DataProfile = object({
  format: ProfileFormat,
  rows: Count,
  columns: array(ColumnProfile)
});
var ProfileEntry = union([DataProfile, object({ error: string() })]);

export {
  ProfileEntry
};
//# sourceMappingURL=chunk-YELAXUXB.js.map
