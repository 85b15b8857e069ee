import { createReadStream } from 'node:fs';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { Cd4mlError } from '../errors.js';
import { readDelimited } from '../profile/csv.js';
import { lines, profileFormat } from '../profile/profile.js';

/** One row as the checks see it: each column's cell, and where the row is in the file. */
export interface RowVisitor {
  columns(names: readonly string[]): void;
  /** `cells[i]` is column i's value: text for CSV/TSV, typed for JSON Lines and Parquet. */
  row(cells: readonly unknown[], where: string): void;
}

/**
 * Streams a tabular file row by row, in bounded memory: CSV and TSV through the profiler's
 * reader (quotes, BOM, ragged rows named by line), JSON Lines line by line, Parquet one
 * row group at a time. `where` is `line N` (text) or `row N` (Parquet).
 */
export async function visitRows(absolute: string, label: string, visit: RowVisitor): Promise<void> {
  const format = profileFormat(absolute);
  if (format === 'csv' || format === 'tsv') {
    await readDelimited(absolute, format === 'csv' ? ',' : '\t', {
      header: (names) => visit.columns(names.map((n) => n.trim())),
      row: (fields, line) => visit.row(fields, `line ${line}`),
    });
  } else if (format === 'jsonl') await visitJsonLines(absolute, label, visit);
  else if (format === 'parquet') await visitParquet(absolute, visit);
  else throw new Cd4mlError('E_IO', `${label}: not a CSV, TSV, JSON Lines or Parquet file`);
}

/** JSON Lines: the columns are the first object's keys; a later key is an error at its line. */
async function visitJsonLines(path: string, label: string, visit: RowVisitor): Promise<void> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let names: string[] | null = null;
  let line = 0;
  try {
    for await (const chunk of lines(stream as AsyncIterable<string>)) {
      line++;
      const raw = chunk.endsWith('\r') ? chunk.slice(0, -1) : chunk;
      const text = line === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      if (text.trim() === '') continue;
      const fail = (message: string): never => {
        throw new Cd4mlError('E_IO', message, { location: { file: label, line } });
      };
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        fail(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        fail('each line must be a JSON object ({"column": value, …})');
      const record = value as Record<string, unknown>;
      if (names === null) {
        names = Object.keys(record);
        visit.columns(names);
      }
      const extra = Object.keys(record).find((k) => !names!.includes(k));
      if (extra !== undefined) fail(`key "${extra}" is not in the first line's columns`);
      visit.row(
        names.map((n) => record[n]),
        `line ${line}`,
      );
    }
  } finally {
    stream.destroy();
  }
  if (names === null) visit.columns([]);
}

async function visitParquet(path: string, visit: RowVisitor): Promise<void> {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  let names: string[] | null = null;
  let start = 0;
  for (const group of metadata.row_groups) {
    const end = start + Number(group.num_rows);
    const rows = await parquetReadObjects({ file, metadata, rowStart: start, rowEnd: end });
    for (const [i, record] of rows.entries()) {
      if (names === null) {
        names = Object.keys(record);
        visit.columns(names);
      }
      visit.row(
        names.map((n) => (record as Record<string, unknown>)[n]),
        `row ${start + i + 1}`,
      );
    }
    start = end;
  }
  if (names === null) visit.columns([]);
}
