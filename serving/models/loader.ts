import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import * as ort from 'onnxruntime-node';
import { Cd4mlError } from '../../core/errors.js';
import { Batcher, wholeOutputs } from '../batching/batcher.js';
import type { Feeds, Outputs } from '../batching/batcher.js';
import { isElementType, zeros } from '../tensors.js';
import type { HostTensor, TensorSpec } from '../tensors.js';
import type { BatchingConfig } from './config.js';
import { MODEL_FILE } from '../../core/run-artifact/model.js';
import { keepFloat16AsBits } from './float16-bits.js';

keepFloat16AsBits();

export interface LoadOptions {
  name: string;
  version: number;
  file: string;
  batching: BatchingConfig;
  /** onnxruntime intra-op threads per session. */
  intraOpThreads: number;
  onBatch?: (rows: number, queueSeconds: readonly number[]) => void;
  onWarning?: (message: string) => void;
  /** `--verify-models`: why a file with this sha256 must not load (undefined = it may). */
  verify?: (sha256: string) => string | undefined;
}

const EXPORT_HINT =
  "export the model without ZipMap/sequence outputs, e.g. skl2onnx: to_onnx(model, X, options={id(model): {'zipmap': False}}) " +
  "(or options={'zipmap': False}), so probabilities come out as a plain float tensor";

/** One loaded, warmed model version. Requests hold it via `acquire`/`release` so unloading waits for them. */
export class ModelVersion {
  readonly loadedAt = new Date();
  private inflight = 0;
  private drained: (() => void) | undefined;
  private readonly batcher: Batcher | undefined;
  private readonly onBatch: LoadOptions['onBatch'];

  constructor(
    readonly name: string,
    readonly version: number,
    readonly file: string,
    readonly sha256: string,
    readonly bytes: number,
    readonly inputs: TensorSpec[],
    readonly outputs: TensorSpec[],
    private readonly session: ort.InferenceSession,
    readonly batching: {
      enabled: boolean;
      maxBatchSize: number;
      maxQueueDelayUs: number;
      reason?: string;
    },
    onBatch: LoadOptions['onBatch'],
    onWarning: LoadOptions['onWarning'],
  ) {
    if (batching.enabled) {
      this.batcher = new Batcher((feeds) => this.runSession(feeds), {
        maxBatchSize: batching.maxBatchSize,
        maxQueueDelayUs: batching.maxQueueDelayUs,
        onBatch,
        onUnbatchable: (reason) =>
          onWarning?.(`model ${name} version ${version}: dynamic batching switched off: ${reason}`),
      });
    }
    this.onBatch = onBatch;
  }

  acquire(): void {
    this.inflight++;
  }

  release(): void {
    this.inflight--;
    if (this.inflight === 0 && this.drained) this.drained();
  }

  /** Runs validated feeds; rows is the shared first dimension (for batching). */
  infer(feeds: Feeds, rows: number): Promise<Outputs> {
    // Not async: the batcher's promise is handed on as it is, one promise per request.
    if (this.batcher) return this.batcher.submit(feeds, rows);
    return this.inferAlone(feeds, rows);
  }

  /** One session.run of `feeds` as they are, past the batcher and its metrics (the shadow's own batches). */
  async runAlone(feeds: Feeds): Promise<Outputs> {
    return wholeOutputs(await this.runSession(feeds));
  }

  /** See Batcher.whenFlushed; false when this version does not batch or has nothing waiting. */
  whenFlushed(fn: () => void): boolean {
    return this.batcher?.whenFlushed(fn) ?? false;
  }

  private async inferAlone(feeds: Feeds, rows: number): Promise<Outputs> {
    const result = wholeOutputs(await this.runSession(feeds));
    this.onBatch?.(rows, [0]);
    return result;
  }

  private async runSession(
    feeds: Feeds,
  ): Promise<Record<string, { type: string; dims: readonly number[]; data: ArrayLike<unknown> }>> {
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = toOrtTensor(t);
    const result = await this.session.run(ortFeeds);
    const out: Record<string, { type: string; dims: readonly number[]; data: ArrayLike<unknown> }> =
      {};
    for (const [name, value] of Object.entries(result)) {
      out[name] = { type: value.type, dims: value.dims, data: value.data };
    }
    return out;
  }

  /** One inference with placeholder inputs (dynamic dimensions = 1), so the first real request is not slow. */
  async warm(): Promise<void> {
    const feeds: Feeds = {};
    for (const spec of this.inputs) feeds[spec.name] = placeholder(spec);
    await this.runSession(feeds);
  }

  /** Waits for in-flight requests, then frees the native session. */
  async unload(): Promise<void> {
    if (this.inflight > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    await this.session.release();
  }
}

function toOrtTensor(t: HostTensor): ort.Tensor {
  // The ort.Tensor constructor overloads are keyed by type literal; the data was built for `t.type`.
  return new ort.Tensor(t.type as 'float32', t.data as Float32Array, t.dims);
}

function placeholder(spec: TensorSpec): HostTensor {
  const dims = spec.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : 1));
  return {
    type: spec.type,
    data: zeros(
      spec.type,
      dims.reduce((a, b) => a * b, 1),
    ),
    dims,
  };
}

function specsOf(
  which: 'input' | 'output',
  meta: readonly ort.InferenceSession.ValueMetadata[],
  file: string,
): TensorSpec[] {
  return meta.map((m) => {
    if (!m.isTensor) {
      throw new Cd4mlError(
        'E_MODEL',
        `${which} '${m.name}' is not a tensor (a ZipMap/map or sequence); onnxruntime-node cannot ${which === 'output' ? 'return' : 'take'} it`,
        { location: { file }, hint: EXPORT_HINT },
      );
    }
    if (!isElementType(m.type)) {
      throw new Cd4mlError(
        'E_MODEL',
        `${which} '${m.name}' has element type ${m.type}, which the server cannot exchange as JSON`,
        {
          location: { file },
          hint: 'use float32/float64, (u)int8-64, bool or string tensors at the model boundary',
        },
      );
    }
    return {
      name: m.name,
      type: m.type,
      shape: m.shape.map((d) =>
        typeof d === 'number' && d >= 0 ? d : typeof d === 'string' ? d : null,
      ),
    };
  });
}

/**
 * Batching is possible when every input and output has a dynamic first dimension
 * and every other input dimension is fixed (so rows from different requests line up).
 */
function batchability(
  inputs: readonly TensorSpec[],
  outputs: readonly TensorSpec[],
): { ok: boolean; reason?: string } {
  for (const s of inputs) {
    if (s.shape.length === 0 || typeof s.shape[0] === 'number')
      return { ok: false, reason: `input '${s.name}' has no dynamic first dimension` };
    if (s.shape.slice(1).some((d) => typeof d !== 'number'))
      return { ok: false, reason: `input '${s.name}' has dynamic inner dimensions` };
  }
  for (const s of outputs) {
    if (s.shape.length === 0 || typeof s.shape[0] === 'number')
      return { ok: false, reason: `output '${s.name}' has no dynamic first dimension` };
  }
  return { ok: true };
}

/** True when the version directory holds more than the model (and our config). */
async function hasExternalData(file: string): Promise<boolean> {
  if (basename(file) !== MODEL_FILE) return false; // a single file served directly: its directory is not ours
  const names = await readdir(dirname(file));
  return names.some((n) => n !== MODEL_FILE && !n.startsWith('.'));
}

/** Reads, checks and warms one version. Any failure is a Cd4mlError with code E_MODEL naming the file. */
export async function loadModelVersion(opts: LoadOptions): Promise<ModelVersion> {
  // Read the bytes once: a file replaced while we load cannot give us a mix of two versions.
  const bytes = await readFile(opts.file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const refused = opts.verify?.(sha256);
  if (refused) {
    throw new Cd4mlError('E_MODEL', `refused by --verify-models: ${refused}`, {
      location: { file: opts.file },
      hint: 'serve the files of the release the manifest describes, or its own manifest',
    });
  }
  // Except when weights sit in external-data files beside the graph: onnxruntime resolves
  // those relative to the model's path, so it must load from the path.
  const external = await hasExternalData(opts.file);
  let session: ort.InferenceSession;
  try {
    const options: ort.InferenceSession.SessionOptions = {
      intraOpNumThreads: opts.intraOpThreads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    };
    session = external
      ? await ort.InferenceSession.create(opts.file, options)
      : await ort.InferenceSession.create(bytes, options);
  } catch (err) {
    throw new Cd4mlError(
      'E_MODEL',
      `onnxruntime could not load the model: ${(err as Error).message}`,
      {
        location: { file: opts.file },
        hint: 'check that the file is a complete ONNX model (not still being copied) with an opset onnxruntime supports',
        cause: err,
      },
    );
  }
  try {
    const inputs = specsOf('input', session.inputMetadata, opts.file);
    const outputs = specsOf('output', session.outputMetadata, opts.file);
    const can = batchability(inputs, outputs);
    const wanted = opts.batching.enabled ?? true;
    const batching = {
      enabled: wanted && can.ok,
      maxBatchSize: opts.batching.max_batch_size,
      maxQueueDelayUs: opts.batching.max_queue_delay_us,
      ...(can.ok ? {} : { reason: can.reason }),
    };
    if (opts.batching.enabled === true && !can.ok)
      opts.onWarning?.(
        `model ${opts.name} version ${opts.version}: batching requested but not possible: ${can.reason}`,
      );
    const model = new ModelVersion(
      opts.name,
      opts.version,
      opts.file,
      sha256,
      bytes.length,
      inputs,
      outputs,
      session,
      batching,
      opts.onBatch,
      opts.onWarning,
    );
    try {
      await model.warm();
    } catch (err) {
      throw new Cd4mlError('E_MODEL', `warm-up inference failed: ${(err as Error).message}`, {
        location: { file: opts.file },
        cause: err,
      });
    }
    return model;
  } catch (err) {
    await session.release();
    throw err;
  }
}
