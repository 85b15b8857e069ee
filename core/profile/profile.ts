import { createReadStream } from 'node:fs';
import { Cd4mlError } from '../errors.js';
import { ColumnAccumulator } from './column.js';
import { readDelimited } from './csv.js';
import type { DataProfile, ProfileEntry, ProfileFormat } from './schema.js';

/** Wider files are not profiled: their profile would not fit the run record. */
export const MAX_COLUMNS = 500;
const MAX_JSON_LINE = 16 << 20;

/** The format a path's extension says, or null when it is not tabular. */
export function profileFormat(path: string): ProfileFormat | null {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.tsv') || lower.endsWith('.tab')) return 'tsv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.parquet') || lower.endsWith('.pq')) return 'parquet';
  return null;
}

/**
 * Profiles a tabular file in bounded memory. A file that cannot be profiled (ragged rows,
 * an unclosed quote, invalid JSON, a corrupt Parquet footer) gives `{ error }` naming the
 * file, line and column: it is reported, and never stops the run or the gate.
 * `label` is how the file is named in messages (its path in the pipeline).
 */
export async function profileFile(absolute: string, label = absolute): Promise<ProfileEntry> {
  const format = profileFormat(absolute);
  if (!format) return { error: `${label}: not a CSV, TSV, JSON Lines or Parquet file` };
  try {
    if (format === 'parquet') {
      const { profileParquet } = await import('./parquet.js');
      return await profileParquet(absolute, label);
    }
    if (format === 'jsonl') return await profileJsonLines(absolute, label);
    return await profileDelimited(absolute, label, format);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    return { error: message.replaceAll(absolute, label) };
  }
}

async function profileDelimited(
  path: string,
  label: string,
  format: 'csv' | 'tsv',
): Promise<DataProfile> {
  let columns: ColumnAccumulator[] = [];
  let rows = 0;
  await readDelimited(path, format === 'csv' ? ',' : '\t', {
    header(names) {
      if (names.length > MAX_COLUMNS)
        throw new Cd4mlError(
          'E_IO',
          `${names.length} columns, over the ${MAX_COLUMNS}-column profile limit`,
          {
            location: { file: label, line: 1 },
          },
        );
      columns = names.map((name) => new ColumnAccumulator(name.trim()));
    },
    row(fields) {
      rows++;
      for (let i = 0; i < fields.length; i++) columns[i]!.addText(fields[i]!);
    },
  });
  return { format, rows, columns: columns.map((c) => c.profile(rows)) };
}

async function profileJsonLines(path: string, label: string): Promise<DataProfile> {
  const columns = new Map<string, ColumnAccumulator>();
  let rows = 0;
  let line = 0;
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const raw of lines(stream as AsyncIterable<string>)) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    line++;
    if (text.trim() === '') continue;
    const fail = (message: string): never => {
      stream.destroy();
      throw new Cd4mlError('E_IO', message, { location: { file: label, line } });
    };
    if (text.length > MAX_JSON_LINE) fail(`a line over ${MAX_JSON_LINE} characters`);
    let value: unknown;
    try {
      value = JSON.parse(line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (error) {
      fail(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      fail('each line must be a JSON object ({"column": value, …})');
    for (const [key, cell] of Object.entries(value as Record<string, unknown>)) {
      let column = columns.get(key);
      if (!column) {
        if (columns.size >= MAX_COLUMNS) fail(`over ${MAX_COLUMNS} distinct keys: not profiled`);
        column = new ColumnAccumulator(key);
        // Earlier rows lacked this key: they count as empty.
        for (let i = 0; i < rows; i++) column.addMissing();
        columns.set(key, column);
      }
      column.addValue(cell);
    }
    rows++;
    for (const [key, column] of columns) if (!(key in (value as object))) column.addMissing();
  }
  return { format: 'jsonl', rows, columns: [...columns.values()].map((c) => c.profile(rows)) };
}

/** The lines of a text stream (without their `\n`); a line over the limit is cut off there. */
export async function* lines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let carry = '';
  for await (const chunk of chunks) {
    const text = carry + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      yield text.slice(start, nl);
      start = nl + 1;
    }
    carry = text.slice(start);
    if (carry.length > MAX_JSON_LINE) {
      yield carry;
      return;
    }
  }
  if (carry.length > 0) yield carry;
}
