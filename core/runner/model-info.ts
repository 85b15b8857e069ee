import type * as ort from 'onnxruntime-node';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { mkdirSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { Cd4mlError } from '../errors.js';
import { readTextIfPresent } from '../fs/read.js';
import type { ModelInfo, TensorInfo } from '../run-record/schema.js';
import type { HashCache } from './hash.js';

const LATENCY_RUNS = 50;

/**
 * Reads an ONNX model's signature from the model itself (onnxruntime) and measures
 * single-row latency. Cached by sha256, so an unchanged model costs a stat (its hash is remembered).
 */
export async function modelInfo(
  root: string,
  path: string,
  tmpDir: string,
  hashes: HashCache,
): Promise<ModelInfo> {
  const absolute = join(root, path);
  let stats: Stats;
  try {
    stats = statSync(absolute);
  } catch {
    throw new Cd4mlError(
      'E_MODEL',
      `the model file '${path}' named by \`model:\` does not exist after the run`,
      {
        hint: "make a stage write it (list it in that stage's outs), or fix the path",
      },
    );
  }
  const bytes = stats.size;
  // The runner hashed the model as an out already (sha256, remembered by inode/size/mtime).
  const sha256 = hashes.hashFile(absolute, stats);
  const cacheFile = join(tmpDir, 'models', `${sha256}.json`);
  try {
    const text = readTextIfPresent(cacheFile);
    if (text !== undefined) return { ...(JSON.parse(text) as ModelInfo), path };
  } catch {
    // Not measured yet.
  }
  const ort = await import('onnxruntime-node');
  let session: Awaited<ReturnType<typeof ort.InferenceSession.create>>;
  try {
    session = await ort.InferenceSession.create(absolute, {
      graphOptimizationLevel: 'all',
      intraOpNumThreads: 1,
    });
  } catch (error) {
    throw new Cd4mlError(
      'E_MODEL',
      `onnxruntime cannot load '${path}': ${(error as Error).message}`,
      { hint: 'check that `model:` names a valid ONNX file' },
    );
  }
  const toInfo = (meta: (typeof session.inputMetadata)[number]): TensorInfo =>
    meta.isTensor
      ? {
          name: meta.name,
          type: meta.type,
          shape: meta.shape.map((d) =>
            typeof d === 'number' && d >= 0 ? d : typeof d === 'string' ? d : null,
          ),
        }
      : { name: meta.name, type: 'non-tensor', shape: [] };
  const info: ModelInfo = {
    path,
    sha256,
    bytes,
    inputs: session.inputMetadata.map(toInfo),
    outputs: session.outputMetadata.map(toInfo),
  };
  const latency = await measureLatency(ort, session, info.inputs);
  if (latency) info.latency = latency;
  await session.release();
  mkdirSync(join(tmpDir, 'models'), { recursive: true });
  writeFileSync(cacheFile, JSON.stringify(info));
  return info;
}

type Ort = typeof ort;

/** Zero-filled data for the input types a latency probe can make up (others skip the probe). */
const ZEROS: Partial<Record<string, (size: number) => unknown>> = {
  float32: (n) => new Float32Array(n),
  float64: (n) => new Float64Array(n),
  int32: (n) => new Int32Array(n),
  int64: (n) => new BigInt64Array(n),
  bool: (n) => new Uint8Array(n),
  string: (n) => new Array<string>(n).fill(''),
};

async function measureLatency(
  ort: Ort,
  session: InferenceSession,
  inputs: TensorInfo[],
): Promise<ModelInfo['latency'] | undefined> {
  const feeds: Record<string, Tensor> = {};
  for (const input of inputs) {
    const dims = input.shape.map((d) => (typeof d === 'number' && d > 0 ? d : 1));
    const size = dims.reduce((a, b) => a * b, 1);
    const zeros = ZEROS[input.type];
    if (!zeros) return undefined;
    feeds[input.name] = new ort.Tensor(
      input.type as Tensor.Type,
      zeros(size) as Tensor.DataType,
      dims,
    );
  }
  try {
    for (let i = 0; i < 5; i += 1) await session.run(feeds);
    const times: number[] = [];
    for (let i = 0; i < LATENCY_RUNS; i += 1) {
      const start = performance.now();
      await session.run(feeds);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const at = (q: number): number =>
      Number((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(4));
    return { p50Ms: at(0.5), p95Ms: at(0.95), runs: LATENCY_RUNS };
  } catch {
    // A model that needs real inputs (e.g. value ranges) still gets its signature recorded.
    return undefined;
  }
}
