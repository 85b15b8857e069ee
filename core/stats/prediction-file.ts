import { CsvError, parse } from 'csv-parse/sync';
import { Cd4mlError } from '../errors.js';

/** One row of the per-example predictions file an evaluate stage writes. */
export interface PredictionRow {
  id: string;
  label: string;
  prediction: string;
  score?: number;
  /** Values of the requested slice columns, in their order. */
  slices?: string[];
}

export const PREDICTION_LIMITS = { bytes: 64 * 1024 * 1024, rows: 2_000_000 } as const;

/**
 * Parses `id,label,prediction[,score]` CSV (RFC 4180 quoting, any column order, extra
 * columns ignored). The file comes from a possibly untrusted run, so it is size-capped
 * and every error names the file and line.
 */
export function parsePredictions(
  text: string,
  source: string,
  sliceColumns: readonly string[] = [],
): PredictionRow[] {
  if (text.length > PREDICTION_LIMITS.bytes) {
    throw new Cd4mlError(
      'E_RUN_RECORD',
      `predictions file is over the ${PREDICTION_LIMITS.bytes}-byte limit`,
      {
        location: { file: source },
      },
    );
  }
  const records = readCsv(text, source);
  const header = records.shift()?.record.map((h) => h.trim().toLowerCase());
  if (!header)
    throw new Cd4mlError('E_RUN_RECORD', 'predictions file is empty', {
      location: { file: source, line: 1 },
    });
  const col = (name: string): number => header.indexOf(name);
  const [id, label, prediction, score] = [col('id'), col('label'), col('prediction'), col('score')];
  if (id < 0 || label < 0 || prediction < 0) {
    throw new Cd4mlError(
      'E_RUN_RECORD',
      `predictions header must name id, label and prediction (found: ${header.join(', ')})`,
      {
        location: { file: source, line: 1 },
        hint: 'write a CSV with the header `id,label,prediction` and, for probabilistic classifiers, `score`',
      },
    );
  }
  const sliceIndex = sliceColumns.map((name) => {
    const index = header.indexOf(name.toLowerCase());
    if (index < 0)
      throw new Cd4mlError(
        'E_RUN_RECORD',
        `predictions file has no slice column "${name}" (found: ${header.join(', ')})`,
        {
          location: { file: source, line: 1, field: name },
          hint: `write the ${name} column beside id,label,prediction, or remove it from predictions.slices`,
        },
      );
    return index;
  });
  if (records.length > PREDICTION_LIMITS.rows) {
    throw new Cd4mlError(
      'E_RUN_RECORD',
      `predictions file has more than ${PREDICTION_LIMITS.rows} rows`,
      {
        location: { file: source },
      },
    );
  }
  const rows: PredictionRow[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const row: PredictionRow = {
      id: record[id] ?? '',
      label: record[label] ?? '',
      prediction: record[prediction] ?? '',
    };
    if (sliceIndex.length > 0) row.slices = sliceIndex.map((i) => record[i] ?? '');
    if (score >= 0 && record[score] !== undefined && record[score] !== '') {
      const value = Number(record[score]);
      if (!Number.isFinite(value)) {
        throw new Cd4mlError('E_RUN_RECORD', `score "${record[score]}" is not a number`, {
          location: { file: source, line, field: 'score' },
        });
      }
      row.score = value;
    }
    rows.push(row);
  }
  return rows;
}

/**
 * The records of a CSV text with the line each starts on, read by csv-parse (RFC 4180
 * quoting, a BOM, CRLF or LF, rows of any width); malformed quoting is an error at its line.
 */
function readCsv(
  text: string,
  source: string,
): Array<{ record: string[]; info: { lines: number } }> {
  try {
    return parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // With `info`, csv-parse returns each record with its info; its types do not say so.
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines;
    throw new Cd4mlError('E_RUN_RECORD', `predictions file is not valid CSV: ${error.message}`, {
      location: { file: source, ...(line !== undefined ? { line } : {}) },
    });
  }
}
