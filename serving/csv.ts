import { parse } from 'csv-parse/sync';
import type { OutputView } from './batching/batcher.js';
import { BadRequest, HttpError } from './http-error.js';
import { float32Text } from './float32-text.js';
import { fromHalfBits } from './half-float.js';
import type { TensorSpec } from './tensors.js';

/**
 * `text/csv` scoring bodies, as MLflow's scoring server and SageMaker send them. MLflow's
 * clients write a header row (pandas `to_csv`); SageMaker's built-in convention is rows
 * without one. A first row whose every cell is a number is data; any other first row names
 * the columns. Empty cells in numeric columns are NaN, as pandas reads them.
 */

export interface CsvTable {
  columns: string[] | undefined;
  rows: string[][];
}

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$|^\s*[-+]?(inf|infinity|nan)\s*$/i;

function toNumber(cell: string): number {
  const t = cell.trim().toLowerCase();
  if (t === '' || t === 'nan') return NaN;
  if (/^[-+]?inf(inity)?$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  return Number(t);
}

/** Reads a CSV body; ragged rows and broken quoting are 400s that give the line. */
export function readCsv(text: string): CsvTable {
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, bom: true });
  } catch (err) {
    throw new BadRequest(`malformed CSV: ${(err as Error).message}`);
  }
  if (records.length === 0) throw new BadRequest('the CSV body has no rows');
  const header = !records[0]!.every((c) => NUMBER.test(c));
  const columns = header ? records[0] : undefined;
  const rows = header ? records.slice(1) : records;
  if (rows.length === 0) throw new BadRequest('the CSV body has a header row and no data rows');
  return { columns, rows };
}

/** Converts a CSV table's cells for the model's inputs: numbers for numeric inputs, strings stay strings. */
export function typedCells(table: CsvTable, inputs: readonly TensorSpec[]): unknown[][] {
  const numericFor = (column: number): boolean => {
    if (inputs.length === 1) return inputs[0]!.type !== 'string';
    const name = table.columns?.[column];
    const spec = inputs.find((s) => s.name === name);
    return spec !== undefined && spec.type !== 'string';
  };
  const numeric = table.rows[0]!.map((_, j) => numericFor(j));
  return table.rows.map((row, i) =>
    row.map((cell, j) => {
      if (!numeric[j]) return cell;
      if (cell.trim() !== '' && !NUMBER.test(cell))
        throw new BadRequest(
          `CSV row ${i + 1}${table.columns ? ' (after the header)' : ''}, column ${j + 1}: '${cell.slice(0, 32)}' is not a number`,
        );
      return toNumber(cell);
    }),
  );
}

function cellText(view: OutputView, i: number): string {
  const v = view.data[i];
  if (view.type === 'float16') return String(fromHalfBits(v as number));
  // As the JSON answers write float32: the fewest digits that read back as the same value.
  if (view.type === 'float32')
    return v !== 0 && Number.isFinite(v) ? float32Text(v as number) : String(v);
  if (view.type === 'bool') return v ? 'true' : 'false';
  if (view.type !== 'string') return String(v);
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Outputs as CSV, one line per row: each output's values for that row, in output order. */
export function writeCsv(outputs: Record<string, OutputView>, rows: number): string {
  const views = Object.values(outputs);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (const view of views) {
      const size = (view.end - view.start) / rows;
      for (let k = 0; k < size; k++) cells.push(cellText(view, view.start + r * size + k));
    }
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

const shapeText = (view: OutputView): string => `[${view.dims.join(', ')}]`;

/**
 * How many lines a CSV answer has: the outputs' first dimension, which every output must
 * share, and which must be the number of instances when the request gave them. Outputs that
 * cannot be split into rows are a 406 that says to ask for JSON, which has every output whole.
 */
export function csvRowCount(outputs: Record<string, OutputView>, instances?: number): number {
  const refuse = (why: string): HttpError =>
    new HttpError(
      406,
      `a CSV answer has one line per row, and ${why}: ask for JSON (Accept: application/json), which answers every output whole`,
    );
  let rows = instances;
  let first: string | undefined;
  for (const [name, view] of Object.entries(outputs)) {
    const n = view.dims[0];
    if (n === undefined) throw refuse(`output '${name}' is a scalar (shape [])`);
    if (rows === undefined) {
      rows = n;
      first = name;
    } else if (n !== rows) {
      throw refuse(
        first === undefined
          ? `output '${name}' has shape ${shapeText(view)}, not one row for each of the ${rows} instances`
          : `output '${name}' has shape ${shapeText(view)} where output '${first}' has ${rows} rows (shape ${shapeText(outputs[first]!)})`,
      );
    }
  }
  return rows ?? 0;
}
