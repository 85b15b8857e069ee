import { BadRequest } from '../http-error.js';
import type { OutputView } from '../batching/batcher.js';
import { ARRAY_OF } from '../tensors.js';
import type { ElementType, TensorData } from '../tensors.js';

/**
 * Raw little-endian tensor bytes, as KServe V2's raw_input_contents / raw_output_contents
 * and TensorFlow's tensor_content carry them: fixed-size elements in row-major order;
 * BYTES (string) tensors as 4-byte little-endian lengths each followed by the bytes.
 */

/** Decodes `n` elements of `type` from `bytes`; `what` names the input and field in errors. */
export function fromRaw(type: ElementType, n: number, bytes: Buffer, what: string): TensorData {
  if (type === 'string') return stringsFromRaw(n, bytes, what);
  const size = ARRAY_OF[type].BYTES_PER_ELEMENT;
  if (bytes.length !== n * size) {
    throw new BadRequest(
      `${what} has ${bytes.length} bytes, but ${n} ${type} elements take ${n * size} (${size} bytes each): send exactly shape × element size bytes`,
    );
  }
  // A view of the request's bytes when they are aligned for the typed array (nothing
  // writes to them); else of an aligned copy, as for bool, whose bytes are normalised to 0/1.
  const aligned = type !== 'bool' && bytes.byteOffset % size === 0 ? bytes : alignedCopy(bytes);
  const out = new ARRAY_OF[type](aligned.buffer as ArrayBuffer, aligned.byteOffset, n);
  if (type === 'bool') for (let i = 0; i < n; i++) out[i] = out[i] ? 1 : 0;
  return out;
}

/**
 * A copy of `bytes` at an 8-byte-aligned offset. Buffer.allocUnsafe's pool hands out aligned
 * slices (a tenth of the cost of a small typed array of its own, whose backing store V8 must
 * move off the heap for onnxruntime); checked, with a buffer of its own as the fallback.
 */
function alignedCopy(bytes: Buffer): Buffer {
  const pooled = Buffer.allocUnsafe(bytes.length);
  const copy = pooled.byteOffset % 8 === 0 ? pooled : Buffer.from(new ArrayBuffer(bytes.length));
  bytes.copy(copy);
  return copy;
}

function stringsFromRaw(n: number, bytes: Buffer, what: string): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (out.length === n)
      throw new BadRequest(
        `${what} holds more than the ${n} BYTES elements its shape says (${bytes.length - at} bytes left over)`,
      );
    if (at + 4 > bytes.length)
      throw new BadRequest(
        `${what}: element ${out.length} has a truncated 4-byte length prefix at byte ${at}`,
      );
    const length = bytes.readUInt32LE(at);
    at += 4;
    if (at + length > bytes.length)
      throw new BadRequest(
        `${what}: element ${out.length} says ${length} bytes, but only ${bytes.length - at} remain`,
      );
    out.push(bytes.toString('utf8', at, at + length));
    at += length;
  }
  if (out.length !== n)
    throw new BadRequest(`${what} holds ${out.length} BYTES elements, but its shape says ${n}`);
  return out;
}

/** An output's elements as raw bytes: a view of the result for numbers, length-prefixed strings for BYTES. */
export function toRaw(view: OutputView): Buffer {
  const data = view.data;
  if (Array.isArray(data)) {
    const parts: Buffer[] = [];
    for (let i = view.start; i < view.end; i++) {
      const s = Buffer.from(String(data[i]), 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32LE(s.length);
      parts.push(length, s);
    }
    return Buffer.concat(parts);
  }
  const typed = data as Exclude<TensorData, string[]>;
  const size = typed.BYTES_PER_ELEMENT;
  return Buffer.from(
    typed.buffer,
    typed.byteOffset + view.start * size,
    (view.end - view.start) * size,
  );
}

/** An output's elements as a plain array (for typed protobuf fields); int64 as decimal strings. */
export function toArray(view: OutputView): unknown[] {
  const out = new Array<unknown>(view.end - view.start);
  const data = view.data;
  for (let i = view.start; i < view.end; i++) {
    const v = data[i];
    out[i - view.start] = typeof v === 'bigint' ? v.toString() : v;
  }
  return out;
}

/** The number of elements of `dims`, or an error when it is no plausible tensor size. */
export function elementCount(dims: readonly number[], what: string): number {
  let n = 1;
  for (const d of dims) n *= d;
  if (!Number.isSafeInteger(n))
    throw new BadRequest(`${what}: shape [${dims.join(', ')}] has too many elements`);
  return n;
}

/** An int64 as protobufjs's Long decodes it (ModelInfer's codec), or a decimal string (proto-loader's). */
export type Int64 = string | number | { toNumber(): number; toString(): string };

/** Parses int64 dimensions: each a non-negative integer. */
export function parseDims(raw: readonly Int64[], what: string): number[] {
  if (raw.length > 32) throw new BadRequest(`${what}: ${raw.length} dimensions; at most 32`);
  return raw.map((d, i) => {
    // Long.toNumber is exact below 2^53 and past it no safe integer, so rejected either way.
    const n = typeof d === 'object' ? d.toNumber() : Number(d);
    if (!Number.isSafeInteger(n) || n < 0)
      throw new BadRequest(
        `${what}: dimension ${i} is ${String(d)}; dimensions are non-negative integers`,
      );
    return n;
  });
}
