import { join } from 'node:path';
import type { StageCheck } from '../pipeline/model.js';
import type { CheckType } from '../pipeline/check-schema.js';
import { DATE, NULLS } from '../profile/column.js';
import { visitRows } from './rows.js';

/** One stage check's outcome, as the run record keeps it. */
export interface StageCheckResult {
  data: string;
  column?: string;
  check: string;
  status: 'pass' | 'fail';
  message: string;
}

/** Values a `unique` check remembers at most: past it the check fails rather than grow without bound. */
const MAX_UNIQUE_VALUES = 5_000_000;

/**
 * Runs a stage's checks on its outs, reading each file once. A failure names the file,
 * the column, the first bad value and its line (or Parquet row), and how many more there
 * were; a file that cannot be read fails every check on it with the reader's message.
 */
export async function runStageChecks(
  root: string,
  checks: readonly StageCheck[],
): Promise<StageCheckResult[]> {
  const results: StageCheckResult[] = [];
  const files = [...new Set(checks.map((c) => c.data))];
  for (const file of files) {
    const mine = checks.filter((c) => c.data === file);
    results.push(...(await checkFile(root, file, mine)));
  }
  return results;
}

async function checkFile(
  root: string,
  file: string,
  checks: readonly StageCheck[],
): Promise<StageCheckResult[]> {
  const testers = checks.flatMap((check) => testersOf(file, check));
  let rows = 0;
  try {
    await visitRows(join(root, file), file, {
      columns(names) {
        for (const t of testers) t.bind(names);
      },
      row(cells, where) {
        rows++;
        for (const t of testers) t.test(cells, where);
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    return testers.map((t) => ({ ...t.head, status: 'fail', message: `${file}: ${message}` }));
  }
  return testers.map((t) => t.result(rows));
}

/** One check on one column (or the file), fed row by row. */
interface Tester {
  head: Omit<StageCheckResult, 'status' | 'message'>;
  bind(names: readonly string[]): void;
  test(cells: readonly unknown[], where: string): void;
  result(rows: number): StageCheckResult;
}

type Cell = { kind: 'null' } | { kind: CheckType | 'number'; text: string; number?: number };

/** A cell as a check reads it: empty, or its type and text (text cells typed as the profile types them). */
function readCell(value: unknown): Cell {
  if (value === null || value === undefined) return { kind: 'null' };
  if (typeof value === 'number' || typeof value === 'bigint') {
    const n = Number(value);
    if (Number.isNaN(n)) return { kind: 'null' };
    return { kind: Number.isInteger(n) ? 'integer' : 'number', text: String(value), number: n };
  }
  if (typeof value === 'boolean') return { kind: 'boolean', text: String(value) };
  if (value instanceof Date) return { kind: 'date', text: value.toISOString() };
  if (typeof value !== 'string') return { kind: 'string', text: JSON.stringify(value) ?? '' };
  if (NULLS.has(value)) return { kind: 'null' };
  if (DATE.test(value)) return { kind: 'date', text: value };
  const n = value.trim() === value ? Number(value) : Number.NaN;
  if (!Number.isNaN(n))
    return { kind: Number.isInteger(n) ? 'integer' : 'number', text: value, number: n };
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === 'false') return { kind: 'boolean', text: lower };
  return { kind: 'string', text: value };
}

const show = (text: string): string =>
  JSON.stringify(text.length > 60 ? `${text.slice(0, 59)}…` : text);

function testersOf(file: string, check: StageCheck): Tester[] {
  const out: Tester[] = [];
  if (check.min_rows !== undefined) out.push(minRows(file, check.min_rows));
  if (check.max_null_rate !== undefined)
    out.push(nullRate(file, check.column, check.max_null_rate));
  const column = check.column;
  if (column === undefined) return out;
  if (check.type !== undefined) {
    const want = check.type;
    out.push(
      valueTest(file, column, 'type', (cell) =>
        cell.kind === want || (want === 'number' && cell.kind === 'integer')
          ? null
          : `${show(cell.text)} is ${cell.kind === 'integer' ? 'an' : 'a'} ${cell.kind}, not ${want === 'integer' ? 'an' : 'a'} ${want}`,
      ),
    );
  }
  if (check.min !== undefined || check.max !== undefined) {
    const { min, max } = check;
    const name =
      min !== undefined && max !== undefined ? 'range' : min !== undefined ? 'min' : 'max';
    out.push(
      valueTest(file, column, name, (cell) => {
        if (cell.number === undefined) return `${show(cell.text)} is not a number`;
        if (min !== undefined && cell.number < min) return `${cell.text} is below min ${min}`;
        if (max !== undefined && cell.number > max) return `${cell.text} is above max ${max}`;
        return null;
      }),
    );
  }
  if (check.allowed !== undefined) {
    const allowed = new Set(check.allowed.map(String));
    const list = [...allowed].slice(0, 8).join(', ') + (allowed.size > 8 ? ', …' : '');
    out.push(
      valueTest(file, column, 'allowed', (cell) =>
        allowed.has(cell.text) ? null : `${show(cell.text)} is not allowed (allowed: ${list})`,
      ),
    );
  }
  if (check.unique) out.push(unique(file, column));
  return out;
}

function minRows(file: string, limit: number): Tester {
  const head = { data: file, check: 'min_rows' };
  return {
    head,
    bind() {},
    test() {},
    result: (rows) => ({
      ...head,
      status: rows >= limit ? 'pass' : 'fail',
      message:
        rows >= limit
          ? `${file}: ${rows} rows ≥ min_rows ${limit}`
          : `${file}: ${rows} rows, fewer than min_rows ${limit}`,
    }),
  };
}

/** Each column's share of empty cells (or the one column's), with the first empty cell's line. */
function nullRate(file: string, column: string | undefined, limit: number): Tester {
  const head = { data: file, ...(column !== undefined ? { column } : {}), check: 'max_null_rate' };
  let names: readonly string[] = [];
  let indexes: number[] = [];
  let nulls: number[] = [];
  let first: Array<string | null> = [];
  return {
    head,
    bind(all) {
      names = all;
      indexes = column === undefined ? all.map((_, i) => i) : [all.indexOf(column)];
      nulls = indexes.map(() => 0);
      first = indexes.map(() => null);
    },
    test(cells, where) {
      indexes.forEach((index, k) => {
        if (index >= 0 && readCell(cells[index]).kind === 'null') {
          nulls[k]!++;
          first[k] ??= where;
        }
      });
    },
    result(rows) {
      if (indexes[0] === -1) return missingColumn(head, file, column!, names);
      const pct = (rate: number): string => `${Number((rate * 100).toPrecision(3))}%`;
      const bad = indexes
        .map((index, k) => ({ name: names[index]!, nulls: nulls[k]!, first: first[k] }))
        .filter((c) => rows > 0 && c.nulls / rows > limit);
      if (bad.length === 0)
        return {
          ...head,
          status: 'pass',
          message: `${file}: null rate ≤ ${pct(limit)} in ${column ?? `all ${indexes.length} columns`}`,
        };
      return {
        ...head,
        status: 'fail',
        message: `${file}: null rate over max_null_rate ${pct(limit)} in ${bad
          .map((c) => `column ${c.name} (${pct(c.nulls / rows)}, first empty at ${c.first})`)
          .join(', ')}`,
      };
    },
  };
}

function missingColumn(
  head: Tester['head'],
  file: string,
  column: string,
  names: readonly string[],
): StageCheckResult {
  return {
    ...head,
    status: 'fail',
    message: `${file}: no column ${column} (columns: ${names.slice(0, 20).join(', ')}${names.length > 20 ? ', …' : ''})`,
  };
}

/** A check of every non-empty value of a column: the first failure is kept, the rest counted. */
function valueTest(
  file: string,
  column: string,
  check: string,
  fails: (cell: Exclude<Cell, { kind: 'null' }>, where: string) => string | null,
): Tester {
  const head = { data: file, column, check };
  let index = -1;
  let names: readonly string[] = [];
  let firstFailure: string | null = null;
  let failures = 0;
  let checked = 0;
  return {
    head,
    bind(all) {
      names = all;
      index = all.indexOf(column);
    },
    test(cells, where) {
      if (index < 0) return;
      const cell = readCell(cells[index]);
      if (cell.kind === 'null') return;
      checked++;
      const why = fails(cell, where);
      if (why === null) return;
      failures++;
      firstFailure ??= `${file} ${where}, column ${column}: ${why}`;
    },
    result() {
      if (index < 0) return missingColumn(head, file, column, names);
      if (firstFailure === null)
        return {
          ...head,
          status: 'pass',
          message: `${file} column ${column}: ${checked} values pass ${check}`,
        };
      return {
        ...head,
        status: 'fail',
        message: failures > 1 ? `${firstFailure} (and ${failures - 1} more)` : firstFailure,
      };
    },
  };
}

/** No value twice: each value's first line is remembered, up to MAX_UNIQUE_VALUES values. */
function unique(file: string, column: string): Tester {
  const seen = new Map<string, string>();
  let overflow = false;
  return valueTest(file, column, 'unique', (cell, where) => {
    if (overflow) return null;
    const before = seen.get(cell.text);
    if (before !== undefined) return `${show(cell.text)} repeats ${before}`;
    if (seen.size >= MAX_UNIQUE_VALUES) {
      overflow = true;
      seen.clear();
      return `over ${MAX_UNIQUE_VALUES.toLocaleString('en-US')} values: uniqueness is not checked beyond that`;
    }
    seen.set(cell.text, where);
    return null;
  });
}
