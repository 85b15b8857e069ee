import { mulberry32 } from '../stats/random.js';
import { HyperLogLog } from './hll.js';
import type { ColumnProfile, ColumnType } from './schema.js';

/** Exact value counts are kept up to this many distinct values; beyond, a sketch. */
const EXACT_LIMIT = 10_000;
/** Numbers sampled for quantiles (reservoir sampling, seeded). */
const SAMPLE = 20_000;
const QUANTILES = 21;
const TOP = 10;
/** Numeric columns with at most this many distinct values also get exact value counts. */
const FEW = 20;
const MAX_TOP_CHARS = 80;
/** Cells read as empty in text formats. */
export const NULLS = new Set(['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', 'None', 'none']);
/** An ISO date or date-time at the start of a value. */
export const DATE = /^\d{4}-\d{2}-\d{2}([T ]|$)/;

type ValueType = Exclude<ColumnType, 'mixed' | 'empty'>;

/**
 * Streams one column's values into bounded state: type counts, nulls, min/max/mean, a
 * 20,000-value reservoir for quantiles, exact counts up to 10,000 distinct values, then
 * HyperLogLog for the distinct count and a pruned heavy-hitter table for top values.
 */
export class ColumnAccumulator {
  private readonly types: Record<ValueType, number> = {
    integer: 0,
    number: 0,
    boolean: 0,
    date: 0,
    string: 0,
  };
  private nulls = 0;
  private numbers = 0;
  private sum = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;
  private readonly sample = new Float64Array(SAMPLE);
  private readonly random = mulberry32(20);
  /** Exact counts while `exact`; after, the heavy hitters (pruned to EXACT_LIMIT / 2). */
  private counts = new Map<string, number>();
  private exact = true;
  private hll: HyperLogLog | null = null;

  constructor(readonly name: string) {}

  /** A text cell (CSV, TSV): its type is inferred. */
  addText(text: string): void {
    if (text.length <= 4 && NULLS.has(text)) {
      this.nulls++;
      return;
    }
    const c = text.charCodeAt(0);
    // Digits, sign or dot first: worth trying as a number (`Number('')` and spaces are excluded above).
    if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) {
      if (text.length >= 10 && text.charCodeAt(4) === 45 && DATE.test(text)) {
        this.addOther('date', text);
        return;
      }
      const n = Number(text);
      if (!Number.isNaN(n) && text.charCodeAt(text.length - 1) !== 32) {
        this.addNumber(n, text);
        return;
      }
    }
    const lower = text.length <= 5 ? text.toLowerCase() : '';
    if (lower === 'true' || lower === 'false') this.addOther('boolean', lower);
    else this.addOther(DATE.test(text) ? 'date' : 'string', text);
  }

  /** A typed value (JSON Lines, Parquet). */
  addValue(value: unknown): void {
    if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value)))
      this.nulls++;
    else if (typeof value === 'number') this.addNumber(value, String(value));
    else if (typeof value === 'bigint') this.addNumber(Number(value), String(value));
    else if (typeof value === 'boolean') this.addOther('boolean', String(value));
    else if (value instanceof Date) this.addOther('date', value.toISOString());
    else if (typeof value === 'string') this.addOther(DATE.test(value) ? 'date' : 'string', value);
    else this.addOther('string', JSON.stringify(value) ?? '');
  }

  /** A row without this column (JSON Lines). */
  addMissing(): void {
    this.nulls++;
  }

  private addNumber(n: number, text: string): void {
    this.types[Number.isInteger(n) ? 'integer' : 'number']++;
    if (this.numbers < SAMPLE) this.sample[this.numbers] = n;
    else {
      const j = Math.floor(this.random() * (this.numbers + 1));
      if (j < SAMPLE) this.sample[j] = n;
    }
    this.numbers++;
    this.sum += n;
    if (n < this.min) this.min = n;
    if (n > this.max) this.max = n;
    if (this.exact || this.types.string + this.types.boolean + this.types.date > 0)
      this.count(text);
    // Past the exact limit a numeric column keeps no value table: its top values are not shown.
    else this.hll!.addNumber(n);
  }

  private addOther(type: ValueType, text: string): void {
    this.types[type]++;
    this.count(text);
  }

  private count(text: string): void {
    const counts = this.counts;
    const known = counts.get(text);
    if (known !== undefined) {
      counts.set(text, known + 1);
      if (!this.exact) this.hll!.add(text);
      return;
    }
    if (this.exact && counts.size < EXACT_LIMIT) {
      counts.set(text, 1);
      return;
    }
    if (this.exact) {
      this.exact = false;
      this.hll = new HyperLogLog();
      for (const key of counts.keys()) {
        const n = Number(key);
        if (key !== '' && !Number.isNaN(n)) this.hll.addNumber(n);
        else this.hll.add(key);
      }
      if (this.numbers > 0 && this.numbers === this.types.integer + this.types.number) {
        this.counts.clear();
        this.hll.addNumber(Number(text));
        return;
      }
    }
    this.hll!.add(text);
    counts.set(text, 1);
    if (counts.size > EXACT_LIMIT) this.prune();
  }

  /** Keeps the most frequent half: what is frequent overall stays, one-off values go. */
  private prune(): void {
    const kept = [...this.counts].sort((a, b) => b[1] - a[1]).slice(0, EXACT_LIMIT / 2);
    this.counts = new Map(kept);
  }

  profile(rows: number): ColumnProfile {
    const present = (Object.entries(this.types) as Array<[ValueType, number]>).filter(
      ([, n]) => n > 0,
    );
    const numeric = this.types.integer + this.types.number;
    const kinds =
      present.filter(([t]) => t !== 'integer' && t !== 'number').length + (numeric > 0 ? 1 : 0);
    const type: ColumnType =
      present.length === 0
        ? 'empty'
        : kinds > 1
          ? 'mixed'
          : numeric > 0
            ? this.types.number > 0
              ? 'number'
              : 'integer'
            : present[0]![0];
    const nulls =
      this.nulls + Math.max(0, rows - this.nulls - present.reduce((s, [, n]) => s + n, 0));
    const out: ColumnProfile = {
      name: this.name,
      type,
      nulls,
      distinct: this.exact ? this.counts.size : (this.hll?.estimate() ?? 0),
      distinctExact: this.exact,
    };
    if (type === 'mixed') out.types = Object.fromEntries(present);
    if (numeric > 0) {
      out.min = this.min;
      out.max = this.max;
      out.mean = round(this.sum / numeric);
      out.quantiles = this.quantiles();
      // The sample may miss the extremes; the ends are the exact min and max.
      out.quantiles[0] = round(this.min);
      out.quantiles[QUANTILES - 1] = round(this.max);
    }
    const categorical = type !== 'integer' && type !== 'number';
    if (categorical || (this.exact && this.counts.size <= FEW))
      this.addTop(out, categorical ? TOP : FEW);
    return out;
  }

  private quantiles(): number[] {
    const n = Math.min(this.numbers, SAMPLE);
    const sorted = this.sample.slice(0, n).sort();
    // numpy's `inverted_cdf`: the smallest value whose empirical CDF reaches q.
    return Array.from({ length: QUANTILES }, (_, i) => {
      const q = i / (QUANTILES - 1);
      return round(sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]!);
    });
  }

  private addTop(out: ColumnProfile, k: number): void {
    const total = Object.values(this.types).reduce((s, n) => s + n, 0);
    const top = [...this.counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, k);
    out.top = top.map(([v, c]) => [
      v.length > MAX_TOP_CHARS ? `${v.slice(0, MAX_TOP_CHARS - 1)}…` : v,
      c,
    ]);
    out.other = total - top.reduce((s, [, c]) => s + c, 0);
  }
}

/** Six significant digits: enough for drift, small in the record. */
function round(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(6)) : value;
}
