import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import type { Feeds, OutputView, Outputs } from './batching/batcher.js';
import type { ModelVersion } from './models/loader.js';
import type { ModelRegistry } from './models/registry.js';
import type { ShadowOptions } from './shadow-target.js';
import { summarizeShadow } from '../core/shadow/summary.js';
import type { ShadowCounts, ShadowSummary } from '../core/shadow/summary.js';

/**
 * Shadow traffic (`cd4ml serve --shadow <model>:<version>`): a sampled fraction of the live
 * requests to `<model>` is run again on the candidate version, off the response path. The
 * primary's outputs are already computed when a request is offered; offering only queues it
 * (bounded: a full queue drops the request and counts it), and the queue drains on a later
 * turn of the event loop, all queued requests at once so the candidate's batcher can batch
 * them. Each comparison records agreement (labels — integer, bool and string outputs —
 * exactly; scores — float outputs — within a tolerance), the candidate's latency and errors.
 */

interface Job {
  feeds: Feeds;
  rows: number;
  outputs: Outputs;
  primarySeconds: number;
}

const LATENCY_BUCKETS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1,
];
/** Latency samples kept for the quantiles in the JSON summary (the most recent). */
const SAMPLES = 8192;

class Ring {
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

export class Shadow {
  readonly model: string;
  readonly version: number;
  private readonly rate: number;
  private readonly queueLimit: number;
  private readonly atol: number;
  private readonly rtol: number;
  private queue: Job[] = [];
  private scheduled = false;
  private inflight = 0;
  private readonly tally = { mirrored: 0, agreed: 0, disagreed: 0, errors: 0, dropped: 0 };
  private readonly outputDisagreements = new Map<string, number>();
  private maxScoreDiff = 0;
  private lastError: string | undefined;
  private readonly primaryLatency = new Ring();
  private readonly candidateLatency = new Ring();
  private readonly results: Counter<'result'>;
  private readonly latency: Histogram<'role'>;

  constructor(
    private readonly models: ModelRegistry,
    opts: ShadowOptions,
    registry: Registry,
  ) {
    this.model = opts.model;
    this.version = opts.version;
    this.rate = opts.rate ?? 1;
    this.queueLimit = opts.queueLimit ?? 1024;
    this.atol = opts.atol ?? 1e-6;
    this.rtol = opts.rtol ?? 1e-4;
    const registers = [registry];
    this.results = new Counter({
      name: 'cd4ml_shadow_requests_total',
      help: 'Requests mirrored to the shadow candidate, by result (agree, disagree, error, dropped)',
      labelNames: ['result'],
      registers,
    });
    this.latency = new Histogram({
      name: 'cd4ml_shadow_inference_seconds',
      help: 'Inference time of mirrored requests on the primary and on the candidate',
      labelNames: ['role'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    const queue = () => this.queue.length;
    new Gauge({
      name: 'cd4ml_shadow_queue_length',
      help: 'Mirrored requests waiting for the shadow candidate',
      registers,
      collect() {
        this.set(queue());
      },
    });
  }

  /** Called with every primary result; O(1), never throws, never waits. */
  offer(
    primary: ModelVersion,
    feeds: Feeds,
    rows: number,
    outputs: Outputs,
    seconds: number,
  ): void {
    if (primary.name !== this.model || primary.version === this.version) return;
    if (this.rate < 1 && Math.random() >= this.rate) return;
    if (this.queue.length >= this.queueLimit) {
      this.tally.dropped++;
      this.results.inc({ result: 'dropped' });
      return;
    }
    this.queue.push({ feeds, rows, outputs, primarySeconds: seconds });
    if (!this.scheduled) {
      this.scheduled = true;
      // After the primary's response has been written.
      setImmediate(() => this.drain());
    }
  }

  private drain(): void {
    this.scheduled = false;
    const jobs = this.queue;
    this.queue = [];
    let candidate: ModelVersion;
    try {
      candidate = this.models.acquire(this.model, this.version);
    } catch (err) {
      for (let i = 0; i < jobs.length; i++) this.failed(err);
      return;
    }
    this.inflight += jobs.length;
    let left = jobs.length;
    const done = (): void => {
      this.inflight--;
      if (--left === 0) candidate.release();
    };
    for (const job of jobs) {
      const start = process.hrtime.bigint();
      candidate.infer(job.feeds, job.rows).then(
        (outputs) => {
          this.compare(job, outputs, Number(process.hrtime.bigint() - start) / 1e9);
          done();
        },
        (err: unknown) => {
          this.failed(err);
          done();
        },
      );
    }
  }

  private failed(err: unknown): void {
    this.tally.mirrored++;
    this.tally.errors++;
    this.lastError = (err as Error).message?.split('\n')[0]?.slice(0, 300) ?? String(err);
    this.results.inc({ result: 'error' });
  }

  private compare(job: Job, candidate: Outputs, seconds: number): void {
    this.tally.mirrored++;
    this.primaryLatency.push(job.primarySeconds);
    this.candidateLatency.push(seconds);
    this.latency.observe({ role: 'primary' }, job.primarySeconds);
    this.latency.observe({ role: 'candidate' }, seconds);
    let agree = true;
    for (const name in job.outputs) {
      const theirs = candidate[name];
      if (!theirs || !this.same(job.outputs[name]!, theirs)) {
        agree = false;
        this.outputDisagreements.set(name, (this.outputDisagreements.get(name) ?? 0) + 1);
      }
    }
    if (agree) this.tally.agreed++;
    else this.tally.disagreed++;
    this.results.inc({ result: agree ? 'agree' : 'disagree' });
  }

  private same(a: OutputView, b: OutputView): boolean {
    const n = a.end - a.start;
    if (a.type !== b.type || n !== b.end - b.start || a.dims.join() !== b.dims.join()) return false;
    const float = a.type.startsWith('float');
    let same = true;
    for (let i = 0; i < n; i++) {
      const x = a.data[a.start + i];
      const y = b.data[b.start + i];
      if (!float) {
        if (x !== y) return false;
        continue;
      }
      const d = Math.abs((x as number) - (y as number));
      if (Number.isNaN(d) && Number.isNaN(x) && Number.isNaN(y)) continue;
      if (d > this.maxScoreDiff) this.maxScoreDiff = d;
      if (!(d <= this.atol + this.rtol * Math.abs(y as number))) same = false;
    }
    return same;
  }

  /** What /shadow answers and `cd4ml shadow report` reads (this process's share). */
  summary(): ShadowSummary {
    return summarizeShadow(this.counts());
  }

  /** The raw counts, which a cluster merges over its workers (serving/shadow-cluster.ts). */
  counts(): ShadowCounts {
    return {
      model: this.model,
      candidate: this.version,
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
