import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { expect, it } from 'vitest';
import { isElementType, zeros } from '../tensors.js';
import { keepFloat16AsBits } from './float16-bits.js';

// No import here may load ./loader.ts, which calls keepFloat16AsBits itself.
it('keeps float16 data as the Uint16Array of its bits, which onnxruntime-node runs, on every Node', async () => {
  const hadFloat16Array = Object.hasOwn(globalThis, 'Float16Array');
  keepFloat16AsBits();
  expect(Object.hasOwn(globalThis, 'Float16Array')).toBe(hadFloat16Array);
  const one = 0x3c00; // 1.0 in IEEE half precision
  const half = new ort.Tensor('float16', new Uint16Array([one, one]), [1, 2]);
  expect(half.data).toBeInstanceOf(Uint16Array);
  // all-types.onnx: one identity per type, in_<type> → out_<type>, each [N, 2].
  const session = await ort.InferenceSession.create(
    fileURLToPath(new URL('../__fixtures__/all-types.onnx', import.meta.url)),
  );
  try {
    const feeds: Record<string, ort.Tensor> = {};
    for (const name of session.inputNames) {
      const type = name.slice('in_'.length);
      if (!isElementType(type)) throw new Error(`all-types.onnx has an input ${name}`);
      feeds[name] = type === 'float16' ? half : new ort.Tensor(type, zeros(type, 2), [1, 2]);
    }
    const out = (await session.run(feeds)).out_float16!;
    expect(out.data).toBeInstanceOf(Uint16Array);
    expect([...(out.data as Uint16Array)]).toEqual([one, one]);
  } finally {
    await session.release();
  }
});
