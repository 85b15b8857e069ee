import { concatFeeds } from './batching/batcher.js';
import { Ring, batchesOf, rowAligned, rowsOf } from './shadow-batches.js';
import { sameDims } from './tensors.js';
import type { MirrorJob } from './shadow-batches.js';
import type { Feeds, OutputView, Outputs } from './batching/batcher.js';
import type { ModelVersion } from './models/loader.js';
import type { ModelRegistry } from './models/registry.js';
import type { ShadowOptions } from './shadow-target.js';
import type { ShadowCounts } from '../core/shadow/summary.js';

/**
 * One model's shadow: the requests its serving versions answered, run again on the candidate
 * and compared. Offering only queues (bounded: a full queue drops the request and counts
 * it); the queue drains on a later turn of the event loop, after the primary's waiting batch
 * if it has one (so the candidate's run queues behind the primary's, not before it):
 * concatenated into batches of up to the candidate's `max_batch_size` rows, each run once
 * past the candidate's own batcher (one promise per batch, not per request), each request
 * compared with its rows of the outputs. Full batches run at once; a last one short of
 * `max_batch_size` waits for more rows, up to FILL_MS after its oldest request was queued:
 * a small model's run costs about the same for 1 row as for 256 (docs/benchmarks.md,
 * seventh round), so fuller batches are what mirroring costs the primary's thread. Agreement:
 * labels (integer, bool and string outputs) exactly, scores (float outputs) within a
 * tolerance. The per-request work is plain arithmetic on preallocated cells: no label
 * hashing, no strings, no per-request timers.
 */

/** How long a partial batch waits for more rows; the candidate's latency is measured from its run's start, not from here. */
const FILL_MS = 5;

/** Where a mirror's results are also counted for /metrics (plain cells, see serving/metrics.ts). */
export interface MirrorCells {
  agree: { value: number };
  disagree: { value: number };
  error: { value: number };
  dropped: { value: number };
  primary: { observe(seconds: number): void };
  candidate: { observe(seconds: number): void };
  /** Rows per candidate run: `cd4ml_batch_size{role="candidate"}`. */
  batchSize: { observe(rows: number): void };
}

export class ShadowMirror {
  private readonly rate: number;
  private readonly queueLimit: number;
  private readonly atol: number;
  private readonly rtol: number;
  private queue: MirrorJob[] = [];
  /** When the oldest request in the queue was queued (performance.now()). */
  private since = 0;
  private fillTimer: NodeJS.Timeout | undefined;
  private scheduled = false;
  private primary: ModelVersion | undefined;
  private inflight = 0;
  private readonly tally = { mirrored: 0, agreed: 0, disagreed: 0, errors: 0, dropped: 0 };
  private readonly outputDisagreements = new Map<string, number>();
  private maxScoreDiff = 0;
  private lastError: string | undefined;
  private readonly primaryLatency = new Ring();
  private readonly candidateLatency = new Ring();

  constructor(
    private readonly models: ModelRegistry,
    /** Compared by identity with the registry's: a changed shadow gets a new mirror. */
    readonly options: ShadowOptions,
    private readonly cells: MirrorCells,
  ) {
    this.rate = options.rate ?? 1;
    this.queueLimit = options.queueLimit ?? 1024;
    this.atol = options.atol ?? 1e-6;
    this.rtol = options.rtol ?? 1e-4;
  }

  /** Called with a result of `primary`; O(1), never throws, never waits. */
  offer(
    primary: ModelVersion,
    feeds: Feeds,
    rows: number,
    outputs: Outputs,
    seconds: number,
  ): void {
    this.primary = primary;
    if (this.rate < 1 && Math.random() >= this.rate) return;
    if (this.queue.length >= this.queueLimit) {
      this.tally.dropped++;
      this.cells.dropped.value++;
      return;
    }
    if (this.queue.length === 0) this.since = performance.now();
    this.queue.push({ feeds, rows, outputs, primarySeconds: seconds });
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // After the primary's responses have been written.
    setImmediate(this.drain);
  }

  private readonly filled = (): void => {
    this.fillTimer = undefined;
    this.schedule();
  };

  get queued(): number {
    return this.queue.length;
  }

  private readonly drain = (): void => {
    // Yield to the primary: with requests of its waiting for their batch, start after that
    // batch has been handed to onnxruntime, so the candidate's run queues behind it.
    if (this.primary?.whenFlushed(this.drain)) return;
    this.scheduled = false;
    const jobs = this.queue;
    if (jobs.length === 0) return;
    this.queue = [];
    let candidate: ModelVersion;
    try {
      candidate = this.models.acquire(this.options.model, this.options.version);
    } catch (err) {
      for (let i = 0; i < jobs.length; i++) this.failed(err);
      return;
    }
    const batches = batchesOf(jobs, candidate.batching);
    const { enabled, maxBatchSize } = candidate.batching;
    const last = batches[batches.length - 1]!;
    const wait = this.since + FILL_MS - performance.now();
    if (enabled && wait > 0 && rowsOf(last) < maxBatchSize) {
      // Kept for more rows (its `since` stays the oldest request's, or older).
      batches.pop();
      this.queue = last;
      this.fillTimer ??= setTimeout(this.filled, wait).unref();
      if (batches.length === 0) {
        candidate.release();
        return;
      }
    } else {
      clearTimeout(this.fillTimer);
      this.fillTimer = undefined;
    }
    for (const batch of batches) this.inflight += batch.length;
    let left = batches.length;
    // Every batch starts now: one clock reading for all of them.
    const start = performance.now();
    for (const batch of batches) {
      const done = (): void => {
        this.inflight -= batch.length;
        if (--left === 0) candidate.release();
      };
      this.run(candidate, batch, start).then(done, (err: unknown) => {
        for (let i = 0; i < batch.length; i++) this.failed(err);
        done();
      });
    }
  };

  /**
   * Runs a batch on the candidate past its batcher (the mirror formed the batch) and compares
   * each job with its rows. A batch that fails, or whose outputs are not one row per input row,
   * is rerun job by job, so only the culprit counts as an error.
   */
  private async run(
    candidate: ModelVersion,
    batch: readonly MirrorJob[],
    start: number,
  ): Promise<void> {
    const rows = rowsOf(batch);
    const feeds =
      batch.length === 1
        ? batch[0]!.feeds
        : concatFeeds(
            batch.map((job) => job.feeds),
            rows,
          );
    let outputs: Outputs;
    try {
      outputs = await candidate.runAlone(feeds);
      this.cells.batchSize.observe(rows);
    } catch (err) {
      if (batch.length === 1) {
        this.failed(err);
        return;
      }
      outputs = {};
    }
    if (batch.length > 1 && !rowAligned(outputs, rows)) {
      for (const job of batch) await this.run(candidate, [job], start);
      return;
    }
    const seconds = (performance.now() - start) / 1000;
    let row = 0;
    for (const job of batch) {
      this.compare(job, outputs, rows, row, seconds);
      row += job.rows;
    }
  }

  private failed(err: unknown): void {
    this.tally.mirrored++;
    this.tally.errors++;
    this.cells.error.value++;
    this.lastError = (err as Error).message?.split('\n')[0]?.slice(0, 300) ?? String(err);
  }

  /** Compares a job with its rows, from `row` on, of the candidate's outputs for `rows` rows. */
  private compare(
    job: MirrorJob,
    candidate: Outputs,
    rows: number,
    row: number,
    seconds: number,
  ): void {
    this.tally.mirrored++;
    this.primaryLatency.push(job.primarySeconds);
    this.candidateLatency.push(seconds);
    this.cells.primary.observe(job.primarySeconds);
    this.cells.candidate.observe(seconds);
    let agree = true;
    for (const name in job.outputs) {
      const theirs = candidate[name];
      if (!theirs || !this.same(job.outputs[name]!, theirs, rows, row, job.rows)) {
        agree = false;
        this.outputDisagreements.set(name, (this.outputDisagreements.get(name) ?? 0) + 1);
      }
    }
    if (agree) {
      this.tally.agreed++;
      this.cells.agree.value++;
    } else {
      this.tally.disagreed++;
      this.cells.disagree.value++;
    }
  }

  private same(a: OutputView, b: OutputView, rows: number, row: number, jobRows: number): boolean {
    const n = a.end - a.start;
    // An output that is not one slice per row (never batched, so never concatenated) is whole.
    const byRow = b.dims[0] === rows;
    const perRow = byRow ? (b.end - b.start) / rows : 0;
    const j0 = byRow ? b.start + row * perRow : b.start;
    const bn = byRow ? jobRows * perRow : b.end - b.start;
    if (a.type !== b.type || n !== bn || !sameDims(a.dims, b.dims, byRow)) return false;
    const { data: x, start: i0 } = a;
    const y = b.data;
    if (!a.type.startsWith('float')) {
      for (let i = 0; i < n; i++) if (x[i0 + i] !== y[j0 + i]) return false;
      return true;
    }
    let same = true;
    for (let i = 0; i < n; i++) {
      const p = x[i0 + i] as number;
      const q = y[j0 + i] as number;
      const d = Math.abs(p - q);
      if (d === 0) continue; // the common case
      if (Number.isNaN(d) && Number.isNaN(p) && Number.isNaN(q)) continue;
      if (d > this.maxScoreDiff) this.maxScoreDiff = d;
      if (!(d <= this.atol + this.rtol * Math.abs(q))) same = false;
    }
    return same;
  }

  /** The raw counts, which a cluster merges over its workers (serving/shadow-cluster.ts). */
  counts(): ShadowCounts {
    return {
      model: this.options.model,
      candidate: this.options.version,
      rate: this.rate,
      tolerance: { atol: this.atol, rtol: this.rtol },
      ...this.tally,
      pending: this.queue.length + this.inflight,
      maxScoreDiff: this.maxScoreDiff,
      outputDisagreements: Object.fromEntries(this.outputDisagreements),
      lastError: this.lastError,
      primarySeconds: this.primaryLatency.list(),
      candidateSeconds: this.candidateLatency.list(),
      workers: 1,
    };
  }
}
