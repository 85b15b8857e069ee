import type { HostTensor, TensorData } from '../tensors.js';

/**
 * Dynamic batching: requests for one model version that arrive close together
 * are concatenated along the first (batch) dimension, run once, and the outputs
 * are sliced back per request.
 *
 * onnxruntime-node's `session.run` does its native work synchronously on the
 * calling thread (the returned promise is already settled when the event loop
 * gets control back), so while one batch runs, new requests wait in the socket
 * buffers; they are all parsed in the next I/O phase and a flush scheduled with
 * `setImmediate` collects every one of them. `maxQueueDelayUs` > 0 additionally
 * holds a partial batch up to that long for more requests.
 */

/** An output slice handed back to one request: `data[start..end)` with `dims`. */
export interface OutputView {
  type: string;
  dims: number[];
  data: ArrayLike<unknown>;
  start: number;
  end: number;
}
export type Outputs = Record<string, OutputView>;
export type Feeds = Record<string, HostTensor>;
export type RunFn = (
  feeds: Feeds,
) => Promise<Record<string, { type: string; dims: readonly number[]; data: ArrayLike<unknown> }>>;

export interface BatcherOptions {
  maxBatchSize: number;
  maxQueueDelayUs: number;
  /** Called once per executed batch: rows in it, and each request's wait in seconds. */
  onBatch?: (rows: number, queueSeconds: readonly number[]) => void;
  /** Called when the model's outputs turn out not to be batch-aligned; batching is then switched off. */
  onUnbatchable?: (reason: string) => void;
}

interface Pending {
  feeds: Feeds;
  rows: number;
  enqueued: number;
  resolve: (o: Outputs) => void;
  reject: (e: unknown) => void;
}

export function wholeOutputs(result: Awaited<ReturnType<RunFn>>): Outputs {
  const out: Outputs = {};
  for (const [name, t] of Object.entries(result))
    out[name] = { type: t.type, dims: [...t.dims], data: t.data, start: 0, end: t.data.length };
  return out;
}

export class Batcher {
  private queue: Pending[] = [];
  private queuedRows = 0;
  private scheduled = false;
  private firstEnqueued = 0;
  private enabled = true;
  private afterFlush: (() => void)[] = [];

  constructor(
    private readonly run: RunFn,
    private readonly opts: BatcherOptions,
  ) {}

  /** Runs `feeds` (whose inputs all have `rows` as first dimension) as part of a batch. */
  submit(feeds: Feeds, rows: number): Promise<Outputs> {
    if (!this.enabled || rows < 1 || rows >= this.opts.maxBatchSize) {
      return this.runAlone(feeds);
    }
    return new Promise<Outputs>((resolve, reject) => {
      const now = performance.now();
      if (this.queuedRows + rows > this.opts.maxBatchSize) this.flush();
      if (this.queue.length === 0) this.firstEnqueued = now;
      this.queue.push({ feeds, rows, enqueued: now, resolve, reject });
      this.queuedRows += rows;
      if (this.queuedRows >= this.opts.maxBatchSize) this.flush();
      else this.schedule();
    });
  }

  private async runAlone(feeds: Feeds): Promise<Outputs> {
    const result = wholeOutputs(await this.run(feeds));
    this.opts.onBatch?.(firstDim(feeds), [0]);
    return result;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.tick);
  }

  private readonly tick = (): void => {
    this.scheduled = false;
    if (this.queue.length === 0) return;
    const waitedUs = (performance.now() - this.firstEnqueued) * 1000;
    const remainingUs = this.opts.maxQueueDelayUs - waitedUs;
    if (remainingUs <= 0) {
      this.flush();
      return;
    }
    this.scheduled = true;
    // Timers have millisecond granularity; below that, yield one loop turn at a time.
    if (remainingUs >= 1000) setTimeout(this.tick, Math.floor(remainingUs / 1000));
    else setImmediate(this.tick);
  };

  /**
   * Calls `fn` right after the batch now waiting has been handed to onnxruntime, so work
   * started then queues behind it; false (and no call) when no request is waiting.
   */
  whenFlushed(fn: () => void): boolean {
    if (this.queue.length === 0) return false;
    this.afterFlush.push(fn);
    return true;
  }

  private flush(): void {
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    this.queuedRows = 0;
    void this.execute(batch);
    if (this.afterFlush.length === 0) return;
    const waiting = this.afterFlush;
    this.afterFlush = [];
    for (const fn of waiting) fn();
  }

  private async execute(batch: Pending[]): Promise<void> {
    const started = performance.now();
    const waits = batch.map((p) => (started - p.enqueued) / 1000);
    if (batch.length === 1) {
      const only = batch[0]!;
      try {
        only.resolve(wholeOutputs(await this.run(only.feeds)));
        this.opts.onBatch?.(only.rows, waits);
      } catch (err) {
        only.reject(err);
      }
      return;
    }
    let totalRows = 0;
    for (const p of batch) totalRows += p.rows;
    let result: Awaited<ReturnType<RunFn>>;
    try {
      result = await this.run(
        concatFeeds(
          batch.map((p) => p.feeds),
          totalRows,
        ),
      );
    } catch {
      // One bad request must not fail its neighbours: rerun each alone so only the culprit gets the error.
      for (const p of batch) this.runAlone(p.feeds).then(p.resolve, p.reject);
      return;
    }
    const misaligned = Object.entries(result).find(([, t]) => t.dims[0] !== totalRows);
    if (misaligned) {
      this.enabled = false;
      this.opts.onUnbatchable?.(
        `output '${misaligned[0]}' has first dimension ${misaligned[1].dims[0]} for a batch of ${totalRows} rows`,
      );
      for (const p of batch) this.runAlone(p.feeds).then(p.resolve, p.reject);
      return;
    }
    this.opts.onBatch?.(totalRows, waits);
    // Each request gets a view of its rows of every output; what the views share is worked out once.
    const names = Object.keys(result);
    const tensors = names.map((name) => result[name]!);
    const rowShapes = tensors.map((t) => t.dims.slice(1));
    const rowSizes = rowShapes.map((shape) => shape.reduce((a, b) => a * b, 1));
    let row = 0;
    for (const p of batch) {
      const out: Outputs = {};
      for (let i = 0; i < names.length; i++) {
        const t = tensors[i]!;
        const rowSize = rowSizes[i]!;
        out[names[i]!] = {
          type: t.type,
          dims: [p.rows, ...rowShapes[i]!],
          data: t.data,
          start: row * rowSize,
          end: (row + p.rows) * rowSize,
        };
      }
      row += p.rows;
      p.resolve(out);
    }
  }
}

function firstDim(feeds: Feeds): number {
  for (const t of Object.values(feeds)) return t.dims[0] ?? 1;
  return 0;
}

/** Concatenates each input along dimension 0. */
export function concatFeeds(all: readonly Feeds[], totalRows: number): Feeds {
  const first = all[0]!;
  const out: Feeds = {};
  for (const [name, t0] of Object.entries(first)) {
    const parts = all.map((f) => f[name]!.data);
    out[name] = { type: t0.type, dims: [totalRows, ...t0.dims.slice(1)], data: concatData(parts) };
  }
  return out;
}

function concatData(parts: readonly TensorData[]): TensorData {
  const first = parts[0]!;
  if (Array.isArray(first)) return (parts as string[][]).flat();
  let length = 0;
  for (const p of parts) length += p.length;
  const Ctor = first.constructor as new (n: number) => Exclude<TensorData, string[]>;
  const out = new Ctor(length);
  let offset = 0;
  for (const p of parts) {
    (out as Float32Array).set(p as Float32Array, offset);
    offset += p.length;
  }
  return out;
}
