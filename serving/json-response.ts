import { JsonWriter } from './json-writer.js';

/** Response bodies: a JsonWriter over a reused scratch buffer, copied out into pooled slices. */

const DEFAULT_CAPACITY = 64 * 1024;
const KEEP_AT_MOST = 1024 * 1024;

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
