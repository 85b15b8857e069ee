import type { OutputView } from './batching/batcher.js';
import { fromHalfBits } from './half-float.js';

/**
 * Responses with tensors in them are written straight into bytes instead of
 * building one JS object per row and handing it to JSON.stringify. For a
 * 64-row Iris response that was the largest single cost of a request: V8 prints
 * every float32 probability as the shortest *double* that names it (17 digits,
 * `0.9815861582756042`), about 130 ns a number on the benchmark machine.
 *
 * float32 elements are written, as TF Serving does, with the fewest significant
 * digits (at most 9) that read back as the same float32 (`0.98158616`): the
 * same float32 value, a third fewer bytes, and integer arithmetic instead of a
 * shortest-double search. float64 and float16 elements keep JS's shortest
 * double form. int64/uint64 are written as exact digits (JSON numbers, also
 * beyond 2^53), strings through JSON.stringify's escaping, and NaN and
 * ±Infinity, which JSON cannot express, as null (as JSON.stringify does).
 */

const P10: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const LOG10_2 = 0.3010299956639812;
const f32 = new Float32Array(1);
const f32Bits = new Uint32Array(f32.buffer);
const digitScratch = new Uint8Array(24);
/** "00".."99" as ASCII pairs: the digits of n are at [2n] and [2n + 1]. */
const DIGIT_PAIRS = Uint8Array.from(
  { length: 200 },
  (_, i) => 48 + (i % 2 === 0 ? Math.floor(i / 20) : (i >> 1) % 10),
);
const DEFAULT_CAPACITY = 64 * 1024;
const KEEP_AT_MOST = 1024 * 1024;

/** True when `p` significant digits at decimal exponent `e` name the float32 `a` exactly. */
function roundTrips(a: number, p: number, e: number): boolean {
  const k = p - 1 - e;
  // Both operands are exact (k ≤ 22), so the quotient is the correctly rounded double a JSON parser would read.
  return k >= 0
    ? Math.fround(Math.round(a * P10[k]!) / P10[k]!) === a
    : Math.fround(Math.round(a / P10[-k]!) * P10[-k]!) === a;
}

/**
 * The fewest significant digits (1–9) that read back as the float32 `a` (> 0,
 * finite) in JS's number syntax. Used outside the range the integer path handles.
 */
function float32TextSlow(a: number): string {
  for (let p = 1; p < 9; p++) {
    const x = Number(a.toPrecision(p));
    if (Math.fround(x) === a) return String(x);
  }
  return String(Number(a.toPrecision(9)));
}

/** A growable byte buffer that JSON is written into; see `writeJson`. */
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
    const a = v < 0 ? -v : v;
    f32[0] = a;
    // floor(log10 a) from the binary exponent: exact or one too small, fixed by one comparison.
    let e = Math.floor((((f32Bits[0]! >>> 23) & 0xff) - 127) * LOG10_2);
    const up = e + 1;
    if (up >= 0 ? up <= 22 && a >= P10[up]! : up >= -22 && a * P10[-up]! >= 1) e = up;
    // Subnormals, and magnitudes where 10^k is no longer an exact double: the string path.
    if (e < -14 || e > 27) return this.raw(v < 0 ? `-${float32TextSlow(a)}` : float32TextSlow(a));
    // Most float32 values need 8 or 9 digits; 6 is where any shorter form would also show up (as trailing zeros).
    const p = roundTrips(a, 8, e)
      ? roundTrips(a, 7, e)
        ? roundTrips(a, 6, e)
          ? 6
          : 7
        : 8
      : roundTrips(a, 9, e)
        ? 9
        : 0;
    if (p === 0) return this.raw(v < 0 ? `-${float32TextSlow(a)}` : float32TextSlow(a));
    let k = p - 1 - e;
    // value = m × 10^-k with m < 10^9, an int32.
    let m = (k >= 0 ? Math.round(a * P10[k]!) : Math.round(a / P10[-k]!)) | 0;
    while (m % 10 === 0) {
      m = (m / 10) | 0;
      k--;
    }
    // Digits, least significant first, two at a time.
    let nd = 0;
    while (m >= 100) {
      const q = (m / 100) | 0;
      const r = (m - q * 100) << 1;
      digitScratch[nd++] = DIGIT_PAIRS[r + 1]!;
      digitScratch[nd++] = DIGIT_PAIRS[r]!;
      m = q;
    }
    if (m >= 10) {
      digitScratch[nd++] = 48 + (m % 10);
      digitScratch[nd++] = 48 + ((m / 10) | 0);
    } else {
      digitScratch[nd++] = 48 + m;
    }
    this.reserve(nd + 16);
    const buf = this.buf;
    let pos = this.pos;
    if (v < 0) buf[pos++] = 45;
    // Placement as Number.prototype.toString: n = position of the decimal point relative to the digits.
    const n = nd - k;
    if (nd <= n && n <= 21) {
      for (let i = nd - 1; i >= 0; i--) buf[pos++] = digitScratch[i]!;
      for (let i = nd; i < n; i++) buf[pos++] = 48;
    } else if (n > 0 && n <= 21) {
      for (let i = nd - 1; i >= 0; i--) {
        buf[pos++] = digitScratch[i]!;
        if (i === nd - n) buf[pos++] = 46;
      }
    } else if (n > -6 && n <= 0) {
      buf[pos++] = 48;
      buf[pos++] = 46;
      for (let i = n; i < 0; i++) buf[pos++] = 48;
      for (let i = nd - 1; i >= 0; i--) buf[pos++] = digitScratch[i]!;
    } else {
      buf[pos++] = digitScratch[nd - 1]!;
      if (nd > 1) {
        buf[pos++] = 46;
        for (let i = nd - 2; i >= 0; i--) buf[pos++] = digitScratch[i]!;
      }
      buf[pos++] = 101;
      let x = n - 1;
      buf[pos++] = x < 0 ? 45 : 43;
      if (x < 0) x = -x;
      if (x >= 10) buf[pos++] = 48 + Math.floor(x / 10);
      buf[pos++] = 48 + (x % 10);
    }
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

let scratch: Buffer | undefined;
let writing = false;

// Responses are copied out of the scratch buffer into slices of a shared slab, as Node's
// Buffer pool does for allocations under 4 KiB: a 64-row Iris response is 4.1 KiB, and
// a fresh ArrayBuffer per response showed in profiles. A slab is freed once every
// response sliced from it has been written and dropped.
const SLAB_SIZE = 128 * 1024;
let slab: Buffer | undefined;
let slabUsed = 0;

function take(n: number): Buffer {
  if (n > SLAB_SIZE / 8) return Buffer.allocUnsafe(n);
  if (!slab || slabUsed + n > SLAB_SIZE) {
    slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
    slabUsed = 0;
  }
  const out = slab.subarray(slabUsed, slabUsed + n);
  // Keep slices 8-byte aligned, as Node's pool does.
  slabUsed += (n + 7) & ~7;
  return out;
}

/**
 * Runs `write` (synchronously) against a reused scratch buffer and returns a
 * copy of what it wrote, ready for `reply.send` (fastify sends a Buffer as is).
 */
export function writeJson(write: (w: JsonWriter) => void): Buffer {
  // A nested call would share the scratch buffer; it cannot happen synchronously, but stay correct if it did.
  const own = writing;
  const w = new JsonWriter(
    own ? Buffer.allocUnsafe(1024) : (scratch ??= Buffer.allocUnsafe(DEFAULT_CAPACITY)),
  );
  writing = true;
  try {
    write(w);
    const written = w.view();
    const out = take(written.length);
    written.copy(out);
    return out;
  } finally {
    if (!own) {
      writing = false;
      // Keep a grown buffer for the next response, unless one huge response grew it past reason.
      const used = w.buffer();
      scratch = used.length > KEEP_AT_MOST ? undefined : used;
    }
  }
}
