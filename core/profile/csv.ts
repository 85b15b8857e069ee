import { createReadStream } from 'node:fs';
import { Cd4mlError } from '../errors.js';

/** A cell longer than this is refused: a profile must stay bounded in memory. */
const MAX_CELL_CHARS = 1 << 20;

export interface CsvHandlers {
  header(names: string[]): void;
  /** One record; `line` is where it starts (1-based, the header is line 1). */
  row(fields: string[], line: number): void;
}

/**
 * Streams a CSV or TSV file (RFC 4180: quoted fields, doubled quotes, quoted newlines,
 * CRLF or LF, a UTF-8 BOM) record by record, in bounded memory. Lines without a quote —
 * nearly all of them in practice — are split directly, which is what makes a million-row
 * file take about a second; quoted records take the careful path. A ragged row, an
 * unclosed quote or a huge cell is an error naming the file, line and column.
 */
export async function readDelimited(
  path: string,
  delimiter: ',' | '\t',
  handlers: CsvHandlers,
): Promise<void> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let carry = '';
  let line = 1;
  let width = -1;
  let first = true;
  const fail = (message: string, at: number, column?: number): never => {
    stream.destroy();
    throw new Cd4mlError('E_IO', message, {
      location: { file: path, line: at, ...(column !== undefined ? { column } : {}) },
    });
  };
  const emit = (fields: string[], at: number): void => {
    if (width < 0) {
      width = fields.length;
      handlers.header(fields);
      return;
    }
    if (fields.length !== width) {
      if (fields.length === 1 && fields[0] === '') return; // a blank line
      fail(
        `row has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${width}`,
        at,
      );
    }
    handlers.row(fields, at);
  };
  for await (const chunk of stream as AsyncIterable<string>) {
    let text = carry + chunk;
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let pos = 0;
    // The next quote, found once per chunk and again only after passing it.
    let quote = text.indexOf('"');
    for (;;) {
      const nl = text.indexOf('\n', pos);
      if (nl < 0) break;
      if (quote >= 0 && quote < pos) quote = text.indexOf('"', pos);
      if (quote < 0 || quote > nl) {
        const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        const record = text.slice(pos, end);
        if (record.length > MAX_CELL_CHARS) checkCells(record.split(delimiter), line, fail);
        emit(record.split(delimiter), line);
        line++;
        pos = nl + 1;
        continue;
      }
      const parsed = parseQuoted(text, pos, delimiter, false);
      if (parsed === null) break; // the record continues in the next chunk
      if ('error' in parsed) fail(parsed.error, line + parsed.line, parsed.column);
      else {
        checkCells(parsed.fields, line, fail);
        emit(parsed.fields, line);
        line += parsed.lines;
        pos = parsed.end;
      }
    }
    carry = text.slice(pos);
    if (carry.length > 16 * MAX_CELL_CHARS)
      fail(`a record over ${16 * MAX_CELL_CHARS} characters (an unclosed quote?)`, line);
  }
  if (carry.length > 0) {
    if (first && carry.charCodeAt(0) === 0xfeff) carry = carry.slice(1);
    const parsed = parseQuoted(carry, 0, delimiter, true);
    if (parsed === null || 'error' in parsed)
      fail(parsed ? parsed.error : 'unclosed quote', line + (parsed?.line ?? 0), parsed?.column);
    else {
      checkCells(parsed.fields, line, fail);
      emit(parsed.fields, line);
    }
  }
  if (width < 0) fail('the file is empty: no header row', 1);
}

function checkCells(
  fields: readonly string[],
  line: number,
  fail: (message: string, at: number, column?: number) => never,
): void {
  fields.forEach((f, i) => {
    if (f.length > MAX_CELL_CHARS)
      fail(
        `cell of ${f.length.toLocaleString('en-US')} characters is over the ${MAX_CELL_CHARS.toLocaleString('en-US')}-character limit (field ${i + 1})`,
        line,
        i + 1,
      );
  });
}

type Parsed =
  | { fields: string[]; end: number; lines: number }
  | { error: string; line: number; column: number };

/**
 * One record from `start`, quotes and all. Null when `text` ends inside it (more input
 * is coming); at the end of input (`final`) an unclosed quote is an error.
 */
function parseQuoted(
  text: string,
  start: number,
  delimiter: string,
  final: boolean,
): Parsed | null {
  const fields: string[] = [];
  let field = '';
  let i = start;
  let lines = 1;
  let fieldStart = start;
  for (;;) {
    if (i >= text.length) {
      if (!final) return null;
      fields.push(field);
      return { fields, end: i, lines };
    }
    const ch = text[i]!;
    if (ch === '"' && i === fieldStart) {
      // A quoted field: up to the closing quote, "" is a literal quote.
      let j = i + 1;
      const openedAt = lines;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          if (!final) return null;
          return {
            error: 'unclosed quote: the file ends inside a quoted field',
            line: openedAt - 1,
            column: fields.length + 1,
          };
        }
        const piece = text.slice(j, q);
        for (let k = piece.indexOf('\n'); k >= 0; k = piece.indexOf('\n', k + 1)) lines++;
        field += piece;
        if (text[q + 1] === '"') {
          field += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
        return {
          error: `unexpected ${JSON.stringify(next)} after a closing quote (field ${fields.length + 1})`,
          line: lines - 1,
          column: fields.length + 1,
        };
      }
      if (next === undefined && !final) return null;
      continue;
    }
    if (ch === delimiter) {
      fields.push(field);
      field = '';
      i++;
      fieldStart = i;
    } else if (ch === '\n' || ch === '\r') {
      fields.push(field);
      if (ch === '\r' && text[i + 1] === '\n') i++;
      else if (ch === '\r' && i + 1 >= text.length && !final) return null;
      return { fields, end: i + 1, lines };
    } else {
      field += ch;
      i++;
    }
  }
}
