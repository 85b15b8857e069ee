import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Whether a file has the outer shape of an ONNX model: a protobuf `ModelProto` whose
 * top-level fields are all known ones with their wire types, whose lengths add up to
 * the file's size, and which has a graph. Reads a few bytes per top-level field (there
 * are a handful), never the weights, so `cd4ml serve notes.txt` can exit 2 at once
 * instead of serving a model that will never be ready. onnxruntime still has the last
 * word when it loads the file.
 *
 * @returns undefined when it looks like ONNX, else what is wrong, for the message.
 */
export function onnxProblem(path: string, size: number): string | undefined {
  if (size === 0) return 'the file is empty';
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(16);
    let offset = 0;
    let graph = false;
    for (let fields = 0; offset < size; fields++) {
      if (fields > 100_000) return 'it has too many top-level fields to be a model';
      const n = readSync(fd, buffer, 0, buffer.length, offset);
      const tag = varint(buffer, 0, n);
      if (!tag) return `byte ${offset} is not a protobuf field`;
      const field = Math.floor(tag.value / 8);
      const wire = tag.value % 8;
      const known = MODEL_FIELDS.get(field);
      // Fields a newer ONNX may add are fine; a known field with another wire type is not.
      if (
        field === 0 ||
        (known ?? wire) !== wire ||
        ![VARINT, FIXED64, LENGTH, FIXED32].includes(wire)
      )
        return `byte ${offset} is not an ONNX ModelProto field (field ${field}, wire type ${wire})`;
      if (field === GRAPH) graph = true;
      let next: number;
      if (wire === VARINT) {
        const value = varint(buffer, tag.length, n);
        if (!value) return `the value at byte ${offset} is cut off`;
        next = offset + tag.length + value.length;
      } else if (wire === FIXED64 || wire === FIXED32) {
        next = offset + tag.length + (wire === FIXED64 ? 8 : 4);
      } else {
        const length = varint(buffer, tag.length, n);
        if (!length) return `the length at byte ${offset} is cut off`;
        next = offset + tag.length + length.length + length.value;
      }
      if (next > size) return `field ${field} at byte ${offset} runs past the end of the file`;
      offset = next;
    }
    return graph ? undefined : 'it has no graph';
  } finally {
    closeSync(fd);
  }
}

const VARINT = 0;
const FIXED64 = 1;
const LENGTH = 2;
const FIXED32 = 5;
const GRAPH = 7;

/** ModelProto's fields (onnx.proto3) and their wire types. */
const MODEL_FIELDS = new Map<number, number>([
  [1, VARINT], // ir_version
  [2, LENGTH], // producer_name
  [3, LENGTH], // producer_version
  [4, LENGTH], // domain
  [5, VARINT], // model_version
  [6, LENGTH], // doc_string
  [GRAPH, LENGTH], // graph
  [8, LENGTH], // opset_import
  [14, LENGTH], // metadata_props
  [20, LENGTH], // training_info
  [25, LENGTH], // functions
  [26, LENGTH], // configuration
]);

/**
 * A varint at `start` of the `end` bytes read; undefined when cut off. Values up to
 * 2^53: lengths beyond any file.
 */
function varint(
  buffer: Buffer,
  start: number,
  end: number,
): { value: number; length: number } | undefined {
  let value = 0;
  let scale = 1;
  for (let i = start; i < end && i < start + 10; i++) {
    const byte = buffer[i]!;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if (byte < 0x80) return { value, length: i - start + 1 };
  }
  return undefined;
}
