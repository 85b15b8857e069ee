import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ModelRegistry } from './models/registry.js';

export type Protocol = 'tfserving' | 'kserve' | 'mlflow' | 'other';

/**
 * Prometheus metrics of one app instance (own Registry, so several apps can live
 * in one process, as they do in tests). Model labels only ever carry names from
 * the repository, never from the request, so a client cannot blow up cardinality.
 */
export class ServingMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'model' | 'version' | 'protocol' | 'status'>;
  readonly latency: Histogram<'model' | 'protocol'>;
  readonly queueTime: Histogram<'model'>;
  readonly batchSize: Histogram<'model'>;
  readonly loads: Counter<'model' | 'result'>;

  constructor(models: () => ModelRegistry | undefined, opts: { defaultMetrics: boolean }) {
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'cd4ml_requests_total',
      help: 'HTTP requests by model, version, protocol and status code',
      labelNames: ['model', 'version', 'protocol', 'status'],
      registers,
    });
    this.latency = new Histogram({
      name: 'cd4ml_request_duration_seconds',
      help: 'Time from request received to response sent',
      labelNames: ['model', 'protocol'],
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.queueTime = new Histogram({
      name: 'cd4ml_batch_queue_seconds',
      help: 'Time a request waited in the dynamic batching queue',
      labelNames: ['model'],
      buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05],
      registers,
    });
    this.batchSize = new Histogram({
      name: 'cd4ml_batch_size',
      help: 'Rows per onnxruntime session.run',
      labelNames: ['model'],
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
      registers,
    });
    this.loads = new Counter({
      name: 'cd4ml_model_loads_total',
      help: 'Model version loads by result (ok, failed)',
      labelNames: ['model', 'result'],
      registers,
    });
    new Gauge({
      name: 'cd4ml_model_version_state',
      help: 'Model versions known to the server: 1 for the state each version is in',
      labelNames: ['model', 'version', 'state'],
      registers,
      aggregator: 'max',
      collect() {
        this.reset();
        const registry = models();
        if (!registry) return;
        for (const m of registry.entries()) {
          for (const v of m.versions.values()) this.set({ model: m.name, version: String(v.version), state: v.state }, 1);
        }
      },
    });
    new Gauge({
      name: 'cd4ml_ready',
      help: '1 when every model has a version serving',
      registers,
      // Across cluster workers: ready only if all are.
      aggregator: 'min',
      collect() {
        this.set(models()?.ready ? 1 : 0);
      },
    });
    if (opts.defaultMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'cd4ml_' });
  }

  private readonly children = new Map<string, { count: { inc(): void }; time: { observe(v: number): void } }>();

  /** Per-request bookkeeping; label children are cached, since label hashing is the costly part. */
  observeRequest(model: string, version: string, protocol: Protocol, status: number, seconds: number): void {
    const key = `${model}\u0000${version}\u0000${protocol}\u0000${status}`;
    let child = this.children.get(key);
    if (!child) {
      child = {
        count: this.requests.labels({ model, version, protocol, status: String(status) }),
        time: this.latency.labels({ model, protocol }),
      };
      this.children.set(key, child);
    }
    child.count.inc();
    child.time.observe(seconds);
  }

  private readonly batchChildren = new Map<string, { size: { observe(v: number): void }; wait: { observe(v: number): void } }>();

  observeBatch(model: string, rows: number, queueSeconds: readonly number[]): void {
    let child = this.batchChildren.get(model);
    if (!child) {
      child = { size: this.batchSize.labels({ model }), wait: this.queueTime.labels({ model }) };
      this.batchChildren.set(model, child);
    }
    child.size.observe(rows);
    for (const s of queueSeconds) child.wait.observe(s);
  }
}
