import { describe, expect, it } from 'vitest';
import { fromRaw } from './raw.js';

describe('fromRaw', () => {
  const values = [0.5, -1.5, 2, 3];
  /** The four floats at `offset` bytes into a larger message buffer, as protobufjs hands them over. */
  const inMessage = (offset: number): Buffer => {
    const message = Buffer.alloc(offset + 16 + 3, 0xee);
    Buffer.from(new Float32Array(values).buffer).copy(message, offset);
    return message.subarray(offset, offset + 16);
  };

  it('views aligned bytes in place, without a copy', () => {
    const bytes = inMessage(8);
    const data = fromRaw('float32', 4, bytes, 'raw_input_contents[0]') as Float32Array;
    expect([...data]).toEqual(values);
    expect(data.buffer).toBe(bytes.buffer);
    expect(data.byteOffset).toBe(bytes.byteOffset);
  });

  it('copies bytes that are not aligned for the element type, with the same values', () => {
    for (const offset of [1, 2, 3, 5, 6, 7]) {
      const bytes = inMessage(offset);
      const data = fromRaw('float32', 4, bytes, 'raw_input_contents[0]') as Float32Array;
      expect([...data]).toEqual(values);
      expect(data.byteOffset % 8).toBe(0);
      bytes.fill(0); // a copy: the request's bytes changing afterwards does not change it
      expect([...data]).toEqual(values);
    }
  });

  it('copies float64 and int64 bytes to an 8-byte boundary', () => {
    const message = Buffer.alloc(40);
    const bytes = message.subarray(4, 20);
    bytes.set(new Uint8Array(new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n]).buffer));
    const data = fromRaw('int64', 2, bytes, 'x') as BigInt64Array;
    expect([...data]).toEqual([-(2n ** 63n), 2n ** 63n - 1n]);
    expect(data.byteOffset % 8).toBe(0);
  });

  it('copies bool bytes, normalised to 0 and 1, leaving the request untouched', () => {
    const bytes = Buffer.from([0, 7, 1, 255]);
    expect([...(fromRaw('bool', 4, bytes, 'x') as Uint8Array)]).toEqual([0, 1, 1, 1]);
    expect([...bytes]).toEqual([0, 7, 1, 255]);
  });

  it('names the input and the expected byte count when the size is wrong', () => {
    expect(() => fromRaw('float32', 4, inMessage(8).subarray(0, 12), "input 'x'")).toThrow(
      "input 'x' has 12 bytes, but 4 float32 elements take 16",
    );
  });
});
