import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  mulberry32
} from "./chunk-TZI6WE27.js";
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";

// core/profile/hll.ts
var P = 12;
var M = 1 << P;
var ALPHA = 0.7213 / (1 + 1.079 / M);
var HyperLogLog = class {
  registers = new Uint8Array(M);
  add(value) {
    this.addHash(hash(value));
  }
  /** A number, hashed by its 64 bits (no string made). */
  addNumber(value) {
    BITS[0] = value;
    this.addHash(mix(Math.imul(WORDS[0] ^ 2654435769, 2246822507) ^ WORDS[1]));
  }
  addHash(h) {
    const index = h >>> 32 - P;
    const rest = h << P | 1 << P - 1;
    const rank = Math.clz32(rest) + 1;
    if (rank > this.registers[index]) this.registers[index] = rank;
  }
  estimate() {
    let sum = 0;
    let zeros = 0;
    for (const r of this.registers) {
      sum += 2 ** -r;
      if (r === 0) zeros++;
    }
    const raw = ALPHA * M * M / sum;
    if (raw <= 2.5 * M && zeros > 0) return Math.round(M * Math.log(M / zeros));
    return Math.round(raw);
  }
};
var BITS = new Float64Array(1);
var WORDS = new Uint32Array(BITS.buffer);
function hash(value) {
  let h = 2166136261;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return mix(h);
}
function mix(input) {
  let h = input;
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  h = Math.imul(h, 3266489909);
  h ^= h >>> 16;
  return h >>> 0;
}

// core/profile/column.ts
var EXACT_LIMIT = 1e4;
var SAMPLE = 2e4;
var QUANTILES = 21;
var TOP = 10;
var FEW = 20;
var MAX_TOP_CHARS = 80;
var NULLS = /* @__PURE__ */ new Set(["", "NA", "N/A", "NaN", "nan", "null", "NULL", "None", "none"]);
var DATE = /^\d{4}-\d{2}-\d{2}([T ]|$)/;
var ColumnAccumulator = class {
  constructor(name) {
    this.name = name;
  }
  name;
  types = {
    integer: 0,
    number: 0,
    boolean: 0,
    date: 0,
    string: 0
  };
  nulls = 0;
  numbers = 0;
  sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  sample = new Float64Array(SAMPLE);
  random = mulberry32(20);
  /** Exact counts while `exact`; after, the heavy hitters (pruned to EXACT_LIMIT / 2). */
  counts = /* @__PURE__ */ new Map();
  exact = true;
  hll = null;
  /** A text cell (CSV, TSV): its type is inferred. */
  addText(text) {
    if (text.length <= 4 && NULLS.has(text)) {
      this.nulls++;
      return;
    }
    const c = text.charCodeAt(0);
    if (c >= 48 && c <= 57 || c === 45 || c === 43 || c === 46) {
      if (text.length >= 10 && text.charCodeAt(4) === 45 && DATE.test(text)) {
        this.addOther("date", text);
        return;
      }
      const n = Number(text);
      if (!Number.isNaN(n) && text.charCodeAt(text.length - 1) !== 32) {
        this.addNumber(n, text);
        return;
      }
    }
    const lower = text.length <= 5 ? text.toLowerCase() : "";
    if (lower === "true" || lower === "false") this.addOther("boolean", lower);
    else this.addOther(DATE.test(text) ? "date" : "string", text);
  }
  /** A typed value (JSON Lines, Parquet). */
  addValue(value) {
    if (value === null || value === void 0 || typeof value === "number" && Number.isNaN(value))
      this.nulls++;
    else if (typeof value === "number") this.addNumber(value, String(value));
    else if (typeof value === "bigint") this.addNumber(Number(value), String(value));
    else if (typeof value === "boolean") this.addOther("boolean", String(value));
    else if (value instanceof Date) this.addOther("date", value.toISOString());
    else if (typeof value === "string") this.addOther(DATE.test(value) ? "date" : "string", value);
    else this.addOther("string", JSON.stringify(value) ?? "");
  }
  /** A row without this column (JSON Lines). */
  addMissing() {
    this.nulls++;
  }
  addNumber(n, text) {
    this.types[Number.isInteger(n) ? "integer" : "number"]++;
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
    else this.hll.addNumber(n);
  }
  addOther(type, text) {
    this.types[type]++;
    this.count(text);
  }
  count(text) {
    const counts = this.counts;
    const known = counts.get(text);
    if (known !== void 0) {
      counts.set(text, known + 1);
      if (!this.exact) this.hll.add(text);
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
        if (key !== "" && !Number.isNaN(n)) this.hll.addNumber(n);
        else this.hll.add(key);
      }
      if (this.numbers > 0 && this.numbers === this.types.integer + this.types.number) {
        this.counts.clear();
        this.hll.addNumber(Number(text));
        return;
      }
    }
    this.hll.add(text);
    counts.set(text, 1);
    if (counts.size > EXACT_LIMIT) this.prune();
  }
  /** Keeps the most frequent half: what is frequent overall stays, one-off values go. */
  prune() {
    const kept = [...this.counts].sort((a, b) => b[1] - a[1]).slice(0, EXACT_LIMIT / 2);
    this.counts = new Map(kept);
  }
  profile(rows) {
    const present = Object.entries(this.types).filter(
      ([, n]) => n > 0
    );
    const numeric = this.types.integer + this.types.number;
    const kinds = present.filter(([t]) => t !== "integer" && t !== "number").length + (numeric > 0 ? 1 : 0);
    const type = present.length === 0 ? "empty" : kinds > 1 ? "mixed" : numeric > 0 ? this.types.number > 0 ? "number" : "integer" : present[0][0];
    const nulls = this.nulls + Math.max(0, rows - this.nulls - present.reduce((s, [, n]) => s + n, 0));
    const out = {
      name: this.name,
      type,
      nulls,
      distinct: this.exact ? this.counts.size : this.hll?.estimate() ?? 0,
      distinctExact: this.exact
    };
    if (type === "mixed") out.types = Object.fromEntries(present);
    if (numeric > 0) {
      out.min = this.min;
      out.max = this.max;
      out.mean = round(this.sum / numeric);
      out.quantiles = this.quantiles();
      out.quantiles[0] = round(this.min);
      out.quantiles[QUANTILES - 1] = round(this.max);
    }
    const categorical = type !== "integer" && type !== "number";
    if (categorical || this.exact && this.counts.size <= FEW)
      this.addTop(out, categorical ? TOP : FEW);
    return out;
  }
  quantiles() {
    const n = Math.min(this.numbers, SAMPLE);
    const sorted = this.sample.slice(0, n).sort();
    return Array.from({ length: QUANTILES }, (_, i) => {
      const q = i / (QUANTILES - 1);
      return round(sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]);
    });
  }
  addTop(out, k) {
    const total = Object.values(this.types).reduce((s, n) => s + n, 0);
    const top = [...this.counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, k);
    out.top = top.map(([v, c]) => [
      v.length > MAX_TOP_CHARS ? `${v.slice(0, MAX_TOP_CHARS - 1)}\u2026` : v,
      c
    ]);
    out.other = total - top.reduce((s, [, c]) => s + c, 0);
  }
};
function round(value) {
  return Number.isFinite(value) ? Number(value.toPrecision(6)) : value;
}

// core/profile/profile.ts
import { createReadStream as createReadStream2 } from "node:fs";

// core/profile/csv.ts
import { createReadStream } from "node:fs";
var MAX_CELL_CHARS = 1 << 20;
async function readDelimited(path, delimiter, handlers) {
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 });
  let carry = "";
  let line = 1;
  let width = -1;
  let first = true;
  const fail = (message, at, column) => {
    stream.destroy();
    throw new Cd4mlError("E_IO", message, {
      location: { file: path, line: at, ...column !== void 0 ? { column } : {} }
    });
  };
  const emit = (fields, at) => {
    if (width < 0) {
      width = fields.length;
      handlers.header(fields);
      return;
    }
    if (fields.length !== width) {
      if (fields.length === 1 && fields[0] === "") return;
      fail(
        `row has ${fields.length} field${fields.length === 1 ? "" : "s"}, the header has ${width}`,
        at
      );
    }
    handlers.row(fields, at);
  };
  for await (const chunk of stream) {
    let text = carry + chunk;
    if (first) {
      if (text.charCodeAt(0) === 65279) text = text.slice(1);
      first = false;
    }
    let pos = 0;
    let quote = text.indexOf('"');
    for (; ; ) {
      const nl = text.indexOf("\n", pos);
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
      if (parsed === null) break;
      if ("error" in parsed) fail(parsed.error, line + parsed.line, parsed.column);
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
    if (first && carry.charCodeAt(0) === 65279) carry = carry.slice(1);
    const parsed = parseQuoted(carry, 0, delimiter, true);
    if (parsed === null || "error" in parsed)
      fail(parsed ? parsed.error : "unclosed quote", line + (parsed?.line ?? 0), parsed?.column);
    else {
      checkCells(parsed.fields, line, fail);
      emit(parsed.fields, line);
    }
  }
  if (width < 0) fail("the file is empty: no header row", 1);
}
function checkCells(fields, line, fail) {
  fields.forEach((f, i) => {
    if (f.length > MAX_CELL_CHARS)
      fail(
        `cell of ${f.length.toLocaleString("en-US")} characters is over the ${MAX_CELL_CHARS.toLocaleString("en-US")}-character limit (field ${i + 1})`,
        line,
        i + 1
      );
  });
}
function parseQuoted(text, start, delimiter, final) {
  const fields = [];
  let field = "";
  let i = start;
  let lines2 = 1;
  let fieldStart = start;
  for (; ; ) {
    if (i >= text.length) {
      if (!final) return null;
      fields.push(field);
      return { fields, end: i, lines: lines2 };
    }
    const ch = text[i];
    if (ch === '"' && i === fieldStart) {
      let j = i + 1;
      const openedAt = lines2;
      for (; ; ) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          if (!final) return null;
          return {
            error: "unclosed quote: the file ends inside a quoted field",
            line: openedAt - 1,
            column: fields.length + 1
          };
        }
        const piece = text.slice(j, q);
        for (let k = piece.indexOf("\n"); k >= 0; k = piece.indexOf("\n", k + 1)) lines2++;
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
      if (next !== void 0 && next !== delimiter && next !== "\n" && next !== "\r") {
        return {
          error: `unexpected ${JSON.stringify(next)} after a closing quote (field ${fields.length + 1})`,
          line: lines2 - 1,
          column: fields.length + 1
        };
      }
      if (next === void 0 && !final) return null;
      continue;
    }
    if (ch === delimiter) {
      fields.push(field);
      field = "";
      i++;
      fieldStart = i;
    } else if (ch === "\n" || ch === "\r") {
      fields.push(field);
      if (ch === "\r" && text[i + 1] === "\n") i++;
      else if (ch === "\r" && i + 1 >= text.length && !final) return null;
      return { fields, end: i + 1, lines: lines2 };
    } else {
      field += ch;
      i++;
    }
  }
}

// core/profile/profile.ts
var MAX_COLUMNS = 500;
var MAX_JSON_LINE = 16 << 20;
function profileFormat(path) {
  const lower = path.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".tsv") || lower.endsWith(".tab")) return "tsv";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  if (lower.endsWith(".parquet") || lower.endsWith(".pq")) return "parquet";
  return null;
}
async function profileFile(absolute, label = absolute) {
  const format = profileFormat(absolute);
  if (!format) return { error: `${label}: not a CSV, TSV, JSON Lines or Parquet file` };
  try {
    if (format === "parquet") {
      const { profileParquet } = await import("./parquet-SQGHIDFJ.js");
      return await profileParquet(absolute, label);
    }
    if (format === "jsonl") return await profileJsonLines(absolute, label);
    return await profileDelimited(absolute, label, format);
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { error: message.replaceAll(absolute, label) };
  }
}
async function profileDelimited(path, label, format) {
  let columns = [];
  let rows = 0;
  await readDelimited(path, format === "csv" ? "," : "	", {
    header(names) {
      if (names.length > MAX_COLUMNS)
        throw new Cd4mlError(
          "E_IO",
          `${names.length} columns, over the ${MAX_COLUMNS}-column profile limit`,
          {
            location: { file: label, line: 1 }
          }
        );
      columns = names.map((name) => new ColumnAccumulator(name.trim()));
    },
    row(fields) {
      rows++;
      for (let i = 0; i < fields.length; i++) columns[i].addText(fields[i]);
    }
  });
  return { format, rows, columns: columns.map((c) => c.profile(rows)) };
}
async function profileJsonLines(path, label) {
  const columns = /* @__PURE__ */ new Map();
  let rows = 0;
  let line = 0;
  const stream = createReadStream2(path, { encoding: "utf8", highWaterMark: 1 << 20 });
  for await (const raw of lines(stream)) {
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    line++;
    if (text.trim() === "") continue;
    const fail = (message) => {
      stream.destroy();
      throw new Cd4mlError("E_IO", message, { location: { file: label, line } });
    };
    if (text.length > MAX_JSON_LINE) fail(`a line over ${MAX_JSON_LINE} characters`);
    let value;
    try {
      value = JSON.parse(line === 1 && text.charCodeAt(0) === 65279 ? text.slice(1) : text);
    } catch (error) {
      fail(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (value === null || typeof value !== "object" || Array.isArray(value))
      fail('each line must be a JSON object ({"column": value, \u2026})');
    for (const [key, cell] of Object.entries(value)) {
      let column = columns.get(key);
      if (!column) {
        if (columns.size >= MAX_COLUMNS) fail(`over ${MAX_COLUMNS} distinct keys: not profiled`);
        column = new ColumnAccumulator(key);
        for (let i = 0; i < rows; i++) column.addMissing();
        columns.set(key, column);
      }
      column.addValue(cell);
    }
    rows++;
    for (const [key, column] of columns) if (!(key in value)) column.addMissing();
  }
  return { format: "jsonl", rows, columns: [...columns.values()].map((c) => c.profile(rows)) };
}
async function* lines(chunks) {
  let carry = "";
  for await (const chunk of chunks) {
    const text = carry + chunk;
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
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

export {
  NULLS,
  DATE,
  ColumnAccumulator,
  readDelimited,
  MAX_COLUMNS,
  profileFormat,
  profileFile,
  lines
};
//# sourceMappingURL=chunk-OE7PDYP2.js.map
