import type { Feeds, Outputs } from './batching/batcher.js';

/** The shadow mirror's parts that need none of its state (serving/shadow-mirror.ts). */

/** One mirrored request: the primary's inputs and outputs, and its inference time. */
export interface MirrorJob {
  feeds: Feeds;
  rows: number;
  outputs: Outputs;
  primarySeconds: number;
}

/** Latency samples kept for the quantiles in the JSON summary (the most recent). */
const SAMPLES = 8192;

export class Ring {
  readonly values = new Float64Array(SAMPLES);
  size = 0;
  private next = 0;
  push(v: number): void {
    this.values[this.next] = v;
    this.next = (this.next + 1) % SAMPLES;
    if (this.size < SAMPLES) this.size++;
  }
  list(): number[] {
    return Array.from(this.values.subarray(0, this.size));
  }
}

/** Rows in these jobs. */
export function rowsOf(jobs: readonly MirrorJob[]): number {
  let rows = 0;
  for (const job of jobs) rows += job.rows;
  return rows;
}

/** Every output has one row per input row (none when the batch failed). */
export function rowAligned(outputs: Outputs, rows: number): boolean {
  let any = false;
  for (const name in outputs) {
    if (outputs[name]!.dims[0] !== rows) return false;
    any = true;
  }
  return any;
}

/**
 * The jobs in batches the candidate runs at once: consecutive jobs up to its
 * `max_batch_size` rows (as its batcher would form them), one job a batch if it does not batch.
 */
export function batchesOf(
  jobs: readonly MirrorJob[],
  batching: { enabled: boolean; maxBatchSize: number },
): MirrorJob[][] {
  if (!batching.enabled) return jobs.map((job) => [job]);
  const batches: MirrorJob[][] = [];
  let current: MirrorJob[] = [];
  let rows = 0;
  for (const job of jobs) {
    if (current.length > 0 && rows + job.rows > batching.maxBatchSize) {
      batches.push(current);
      current = [];
      rows = 0;
    }
    current.push(job);
    rows += job.rows;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
