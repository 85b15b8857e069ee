import type { OutputView } from './batching/batcher.js';
import { FLOAT32_MAX_BYTES, float32Text, writeFloat32 } from './float32-text.js';
import { fromHalfBits } from './half-float.js';

/**
 * Responses with tensors in them are written straight into bytes instead of
 * building one JS object per row and handing it to JSON.stringify. For a
 * 64-row Iris response that was the largest single cost of a request: V8 prints
 * every float32 probability as the shortest *double* that names it (17 digits,
 * `0.9815861582756042`), about 130 ns a number on the benchmark machine.
 *
 * float32 elements are written (float32-text.ts), as TF Serving does, with the fewest significant
 * digits (at most 9) that read back as the same float32 (`0.98158616`): the
 * same float32 value, a third fewer bytes, and integer arithmetic instead of a
 * shortest-double search. float64 and float16 elements keep JS's shortest
 * double form. int64/uint64 are written as exact digits (JSON numbers, also
 * beyond 2^53), strings through JSON.stringify's escaping, and NaN and
 * ±Infinity, which JSON cannot express, as null (as JSON.stringify does).
 */

const digitScratch = new Uint8Array(24);
const KEYS = new Map<string, Buffer>();
const KEYS_MAX = 1024;

/**
 * `"name":` as bytes. Keys are output and input names, the same few on every response, so
 * each is encoded once (a bounded memo: keys from elsewhere cannot grow it without limit).
 * Writers of many rows look their keys up once and write them with `bytes()`.
 */
export function jsonKey(name: string): Buffer {
  let bytes = KEYS.get(name);
  if (bytes === undefined) {
    bytes = Buffer.from(`${JSON.stringify(name)}:`);
    if (KEYS.size >= KEYS_MAX) KEYS.clear();
    KEYS.set(name, bytes);
  }
  return bytes;
}

/** A growable byte buffer that JSON is written into; see `writeJson` (json-response.ts). */
export class JsonWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(buf: Buffer) {
    this.buf = buf;
  }

  /** The bytes written so far (a view: copy before the buffer is reused). */
  view(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  /** The buffer this writer ended up with (it may have grown). */
  buffer(): Buffer {
    return this.buf;
  }

  private reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** JSON text, written as is (UTF-8): punctuation, keys, and the output of JSON.stringify. */
  raw(s: string): this {
    const n = s.length;
    this.reserve(n);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 127) {
        // Not ASCII: let Buffer encode the rest (up to 3 bytes per UTF-16 unit).
        this.pos = pos;
        this.reserve((n - i) * 3);
        this.pos += this.buf.write(s.slice(i), this.pos, 'utf8');
        return this;
      }
      buf[pos++] = c;
    }
    this.pos = pos;
    return this;
  }

  /** Pre-encoded JSON text (keys written once per row are encoded once per response). */
  bytes(b: Uint8Array): this {
    const n = b.length;
    this.reserve(n);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < n; i++) buf[pos++] = b[i]!;
    this.pos = pos;
    return this;
  }

  private byte(c: number): void {
    this.reserve(1);
    this.buf[this.pos++] = c;
  }

  /** Any string, as a JSON string literal (escaped as JSON.stringify does). */
  string(s: string): this {
    return this.raw(JSON.stringify(s));
  }

  /** `"name":` */
  key(name: string): this {
    return this.bytes(jsonKey(name));
  }

  /** A JSON number from any JS number; non-finite values become null. */
  number(v: number): this {
    if (v === (v | 0)) return this.int32(v);
    return this.raw(Number.isFinite(v) ? String(v) : 'null');
  }

  /** An integer in the int32 range (the caller checks). */
  private int32(v: number): this {
    this.reserve(11);
    const buf = this.buf;
    let pos = this.pos;
    let m = v;
    if (m < 0) {
      buf[pos++] = 45;
      m = -m;
    }
    if (m < 10) {
      buf[pos++] = 48 + m;
      this.pos = pos;
      return this;
    }
    let nd = 0;
    while (m > 0) {
      const q = Math.floor(m / 10);
      digitScratch[nd++] = 48 + m - q * 10;
      m = q;
    }
    while (nd > 0) buf[pos++] = digitScratch[--nd]!;
    this.pos = pos;
    return this;
  }

  /** A bigint as its exact digits (a JSON number, also beyond 2^53). */
  bigint(v: bigint): this {
    if (v >= -2147483648n && v <= 2147483647n) return this.int32(Number(v));
    return this.raw(v.toString());
  }

  boolean(v: boolean): this {
    return this.raw(v ? 'true' : 'false');
  }

  /** A float32 value with the fewest significant digits that read back as the same float32. */
  float32(v: number): this {
    if (v === 0) return this.raw('0');
    if (!Number.isFinite(v)) return this.raw('null');
    this.reserve(FLOAT32_MAX_BYTES);
    const pos = writeFloat32(this.buf, this.pos, v);
    if (pos < 0) return this.raw(float32Text(v));
    this.pos = pos;
    return this;
  }

  /** `count` elements of `view` from flat index `start`, comma-separated, without brackets. */
  elements(view: OutputView, start: number, count: number): this {
    const end = start + count;
    switch (view.type) {
      case 'float32': {
        const data = view.data as Float32Array;
        for (let i = start; i < end; i++) {
          if (i > start) this.byte(44);
          this.float32(data[i]!);
        }
        return this;
      }
      case 'int64':
      case 'uint64': {
        const data = view.data as BigInt64Array | BigUint64Array;
        for (let i = start; i < end; i++) {
          if (i > start) this.byte(44);
          this.bigint(data[i]!);
        }
        return this;
      }
      case 'bool': {
        const data = view.data as Uint8Array;
        for (let i = start; i < end; i++) {
          if (i > start) this.byte(44);
          this.boolean(data[i] !== 0);
        }
        return this;
      }
      case 'float16': {
        const data = view.data as Uint16Array;
        for (let i = start; i < end; i++) {
          if (i > start) this.byte(44);
          this.number(fromHalfBits(data[i]!));
        }
        return this;
      }
      case 'string': {
        const data = view.data as readonly string[];
        for (let i = start; i < end; i++) {
          if (i > start) this.byte(44);
          this.string(data[i]!);
        }
        return this;
      }
      case 'b64': {
        // TF Serving's form for string outputs named `*_bytes`: {"b64": base64 of the bytes}.
        const data = view.data as readonly string[];
        for (let i = start; i < end; i++) {
          if (i > start) this.byte(44);
          this.raw('{"b64":"').raw(Buffer.from(data[i]!, 'utf8').toString('base64')).raw('"}');
        }
        return this;
      }
      default: {
        // float64 and the 8–32-bit integer types.
        const data = view.data as ArrayLike<number>;
        for (let i = start; i < end; i++) {
          if (i > start) this.byte(44);
          this.number(data[i]!);
        }
        return this;
      }
    }
  }

  /** Elements from flat index `start`, nested as `dims` (row-major); a scalar when `dims` is empty. */
  private nestedAt(
    view: OutputView,
    dims: readonly number[],
    depth: number,
    start: number,
  ): number {
    if (depth === dims.length) {
      this.elements(view, start, 1);
      return start + 1;
    }
    const size = dims[depth]!;
    this.byte(91);
    if (depth === dims.length - 1) {
      this.elements(view, start, size);
      this.byte(93);
      return start + size;
    }
    let at = start;
    for (let i = 0; i < size; i++) {
      if (i > 0) this.byte(44);
      at = this.nestedAt(view, dims, depth + 1, at);
    }
    this.byte(93);
    return at;
  }

  /** The whole view as nested arrays of its dims. */
  nested(view: OutputView): this {
    this.nestedAt(view, view.dims, 0, view.start);
    return this;
  }

  /** The view's elements as one flat array (KServe V2 `data`). */
  flat(view: OutputView): this {
    this.byte(91);
    this.elements(view, view.start, view.end - view.start);
    this.byte(93);
    return this;
  }

  /** Row `row` (along the first dimension) of the view, nested as the remaining dims. */
  row(view: OutputView, row: number): this {
    let rowSize = 1;
    for (let d = 1; d < view.dims.length; d++) rowSize *= view.dims[d]!;
    this.nestedAt(view, view.dims, 1, view.start + row * rowSize);
    return this;
  }
}
