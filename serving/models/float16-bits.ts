import * as ort from 'onnxruntime-node';

/**
 * float16 tensors on Node 23 and later. onnxruntime-common gives a float16 tensor a
 * Float16Array for its data wherever the runtime has that class (Node 24 does), even
 * when given the Uint16Array of its bits; and onnxruntime-node's binding (1.30) reads a
 * Float16Array's byte length as 0, so every float16 input fails with "not enough space:
 * expected 4, got 0" (microsoft/onnxruntime#32323, open). onnxruntime-common looks for
 * Float16Array once, at its first tensor: this makes that first tensor while the global
 * is hidden, so float16 data stays the Uint16Array of its bits — what the binding reads
 * correctly, what it returns for float16 outputs, and how serving/half-float.ts reads
 * them — exactly as on Node 20. Nothing else is running while the global is hidden.
 */
export function keepFloat16AsBits(): void {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'Float16Array');
  if (!descriptor) {
    new ort.Tensor('float32', new Float32Array(1), [1]);
    return;
  }
  Reflect.deleteProperty(globalThis, 'Float16Array');
  try {
    new ort.Tensor('float32', new Float32Array(1), [1]);
  } finally {
    Object.defineProperty(globalThis, 'Float16Array', descriptor);
  }
}
