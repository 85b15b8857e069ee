import type { OutputView } from './batching/batcher.js';
import { BadRequest } from './http-error.js';
import { toV2Datatype } from './dtype-names.js';
import { checkShape } from './tensor-checks.js';
import { ARRAY_OF } from './tensors.js';
import type { HostTensor, TensorSpec } from './tensors.js';

/**
 * The KServe V2 binary tensor data extension (Triton's `binary_tensor_data`): tensors as raw
 * little-endian, row-major bytes after the JSON header, `parameters.binary_data_size` giving
 * each one's length, BOOL as one byte per element, BYTES as a 4-byte little-endian length
 * before each element. Every byte count is checked against the shape and datatype before a
 * byte is copied, so a header that lies gets a 400 naming the input and the bytes expected.
 */

/** The binary_data_size of an input's parameters: undefined when absent, else a checked byte count. */
export function binaryDataSize(name: string, parameters: unknown): number | undefined {
  if (parameters === null || typeof parameters !== 'object') return undefined;
  const size = (parameters as Record<string, unknown>).binary_data_size;
  if (size === undefined) return undefined;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
    throw new BadRequest(
      `input '${name}': parameters.binary_data_size must be a non-negative integer (bytes), received ${JSON.stringify(size)?.slice(0, 32)}`,
    );
  return size;
}

/** Cuts the binary section into one slice per input that declares a binary_data_size, in order. */
export class BinarySlicer {
  private offset = 0;
  constructor(private readonly binary: Buffer) {}

  take(name: string, size: number): Buffer {
    const left = this.binary.length - this.offset;
    if (size > left)
      throw new BadRequest(
        `input '${name}': binary_data_size is ${size} bytes but only ${left} bytes of binary data are left in the body (${this.binary.length} after the JSON header)`,
      );
    const slice = this.binary.subarray(this.offset, this.offset + size);
    this.offset += size;
    return slice;
  }

  /** Bytes after the last binary input are an error: the header and the body disagree. */
  finish(): void {
    const left = this.binary.length - this.offset;
    if (left > 0)
      throw new BadRequest(
        `the body has ${left} bytes after the binary data of the inputs (their binary_data_size add up to ${this.offset}): check Inference-Header-Content-Length and binary_data_size`,
      );
  }
}

/** One input's bytes as a validated tensor of `spec` with the request's `shape`. */
export function fromBinary(spec: TensorSpec, shape: readonly number[], bytes: Buffer): HostTensor {
  checkShape(spec, shape);
  let count = 1;
  for (const d of shape) count *= d;
  if (spec.type === 'string')
    return { type: 'string', data: stringsFrom(spec.name, count, bytes), dims: [...shape] };
  const width = ARRAY_OF[spec.type].BYTES_PER_ELEMENT;
  if (bytes.length !== count * width)
    throw new BadRequest(
      `input '${spec.name}': shape [${shape.join(', ')}] of ${toV2Datatype(spec.type)} needs ${count * width} bytes (${count} × ${width}), binary_data_size is ${bytes.length}`,
    );
  const data = new ARRAY_OF[spec.type](count);
  // A copy: the slice may not be aligned for the typed array, and the body buffer is pooled.
  new Uint8Array(data.buffer).set(bytes);
  if (spec.type === 'bool') {
    const bad = (data as Uint8Array).findIndex((b) => b > 1);
    if (bad >= 0)
      throw new BadRequest(
        `input '${spec.name}': BOOL element ${bad} is the byte ${(data as Uint8Array)[bad]}; BOOL elements are one byte, 0 or 1`,
      );
  }
  return { type: spec.type, data, dims: [...shape] };
}

function stringsFrom(name: string, count: number, bytes: Buffer): string[] {
  const out = new Array<string>(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 4 > bytes.length)
      throw new BadRequest(
        `input '${name}': BYTES element ${i} has no 4-byte length: the shape needs ${count} elements and the ${bytes.length} bytes end after ${i}`,
      );
    const n = bytes.readUInt32LE(at);
    at += 4;
    if (at + n > bytes.length)
      throw new BadRequest(
        `input '${name}': BYTES element ${i} says it is ${n} bytes long but only ${bytes.length - at} bytes are left`,
      );
    out[i] = bytes.toString('utf8', at, at + n);
    at += n;
  }
  if (at !== bytes.length)
    throw new BadRequest(
      `input '${name}': ${bytes.length - at} bytes are left after the ${count} BYTES elements the shape needs`,
    );
  return out;
}

/** An output's elements as the extension's bytes. */
export function toBinary(view: OutputView): Buffer {
  const count = view.end - view.start;
  if (view.type === 'string') {
    const strings = view.data as readonly string[];
    const parts: Buffer[] = [];
    for (let i = view.start; i < view.end; i++) {
      const s = Buffer.from(strings[i]!, 'utf8');
      const len = Buffer.allocUnsafe(4);
      len.writeUInt32LE(s.length);
      parts.push(len, s);
    }
    return Buffer.concat(parts);
  }
  const data = view.data as Exclude<HostTensor['data'], string[]>;
  const width = data.BYTES_PER_ELEMENT;
  return Buffer.from(data.buffer, data.byteOffset + view.start * width, count * width);
}

/** Whether an output goes back as binary: its own `binary_data`, else the request's `binary_data_output`. */
export function wantsBinary(requestParams: unknown, outputParams: unknown): boolean {
  const own = (outputParams as Record<string, unknown> | undefined)?.binary_data;
  if (typeof own === 'boolean') return own;
  return (requestParams as Record<string, unknown> | undefined)?.binary_data_output === true;
}
