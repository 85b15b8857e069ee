import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { LabelValues, MetricType } from 'prom-client';
import type { ModelRegistry } from './models/registry.js';

/** The API a request came in on; `*-grpc` and `grpc` (health, reflection) are the gRPC port's. */
export type Protocol =
  | 'tfserving'
  | 'kserve'
  | 'mlflow'
  | 'platform'
  | 'other'
  | 'tfserving-grpc'
  | 'kserve-grpc'
  | 'grpc';

/**
 * Prometheus metrics of one app instance (own Registry, so several apps can live
 * in one process, as they do in tests). Model labels only ever carry names from
 * the repository, never from the request, so a client cannot blow up cardinality.
 */
export class ServingMetrics {
  readonly registry = new Registry();
  readonly requests: TallyCounter<'model' | 'version' | 'protocol' | 'status'>;
  readonly latency: CellHistogram<'model' | 'protocol'>;
  readonly queueTime: CellHistogram<'model'>;
  readonly batchSize: CellHistogram<'model' | 'role'>;
  readonly loads: Counter<'model' | 'result'>;

  constructor(models: () => ModelRegistry | undefined, opts: { defaultMetrics: boolean }) {
    const registers = [this.registry];
    this.requests = new TallyCounter({
      name: 'cd4ml_requests_total',
      help: 'HTTP requests by model, version, protocol and status code',
      labelNames: ['model', 'version', 'protocol', 'status'],
      registers,
    });
    this.latency = new CellHistogram({
      name: 'cd4ml_request_duration_seconds',
      help: 'Time from request received to response sent',
      labelNames: ['model', 'protocol'],
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.queueTime = new CellHistogram({
      name: 'cd4ml_batch_queue_seconds',
      help: 'Time a request waited in the dynamic batching queue',
      labelNames: ['model'],
      buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05],
      registers,
    });
    this.batchSize = new CellHistogram({
      name: 'cd4ml_batch_size',
      help: 'Rows per onnxruntime session.run: role primary for requests, candidate for shadow traffic',
      labelNames: ['model', 'role'],
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
          for (const v of m.versions.values())
            this.set({ model: m.name, version: String(v.version), state: v.state }, 1);
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
    if (opts.defaultMetrics) {
      collectDefaultMetrics({ register: this.registry, prefix: 'cd4ml_' });
      // prom-client's `*_total` gauges break Prometheus' naming rule (`promtool check metrics`:
      // only counters end in _total); the same counts remain, by type, in the gauges without it.
      for (const name of ['active_handles', 'active_requests', 'active_resources'])
        this.registry.removeSingleMetric(`cd4ml_nodejs_${name}_total`);
    }
  }

  private readonly children = new Map<string, RequestCells>();
  /** The label set of the previous request: under load most requests repeat it, and comparing is cheaper than a key. */
  private last: RequestCells | undefined;

  /** Per-request bookkeeping: plain increments on cells looked up once per label set. */
  observeRequest(
    model: string,
    version: string,
    protocol: Protocol,
    status: number | string,
    seconds: number,
  ): void {
    let cells = this.last;
    if (
      cells?.model !== model ||
      cells.version !== version ||
      cells.protocol !== protocol ||
      cells.status !== status
    ) {
      const key = `${model}\u0000${version}\u0000${protocol}\u0000${status}`;
      cells = this.children.get(key);
      if (!cells) {
        cells = {
          model,
          version,
          protocol,
          status,
          count: this.requests.cell({ model, version, protocol, status: String(status) }),
          time: this.latency.cell({ model, protocol }),
        };
        this.children.set(key, cells);
      }
      this.last = cells;
    }
    cells.count.value++;
    cells.time.observe(seconds);
  }

  private readonly batchChildren = new Map<string, { size: HistogramCell; wait: HistogramCell }>();

  observeBatch(model: string, rows: number, queueSeconds: readonly number[]): void {
    let child = this.batchChildren.get(model);
    if (!child) {
      child = {
        size: this.batchSize.cell({ model, role: 'primary' }),
        wait: this.queueTime.cell({ model }),
      };
      this.batchChildren.set(model, child);
    }
    child.size.observe(rows);
    for (const s of queueSeconds) child.wait.observe(s);
  }
}

/*
 * prom-client's inc()/observe() validate and hash the label set on every call, even
 * through a `labels()` child: under single-row load that was ~8 % of a worker's busy
 * CPU (profiled at c=256), for four metric updates per request. The per-request
 * metrics below keep their counts in plain cells, one per label set, and hand them
 * to prom-client only when /metrics is scraped.
 */

interface RequestCells {
  model: string;
  version: string;
  protocol: Protocol;
  status: number | string;
  count: TallyCell;
  time: HistogramCell;
}

interface TallyCell {
  labels: Record<string, string>;
  value: number;
}

/** A counter whose increments land in cells; prom-client gets the increments since the last scrape. */
export class TallyCounter<T extends string> extends Counter<T> {
  private readonly cells: TallyCell[] = [];

  constructor(config: {
    name: string;
    help: string;
    labelNames: readonly T[];
    registers: Registry[];
  }) {
    super({
      ...config,
      collect() {
        // Every cell is printed, zero included: a series a dashboard watches (the shadow's
        // dropped, say) is there before its first increment.
        for (const c of (this as TallyCounter<T>).cells) {
          this.inc(c.labels as LabelValues<T>, c.value);
          c.value = 0;
        }
      },
    });
  }

  /** The cell of one label set; callers keep it and add to `value`. */
  cell(labels: Record<T, string>): TallyCell {
    const c: TallyCell = { labels, value: 0 };
    this.cells.push(c);
    return c;
  }
}

class HistogramCell {
  /** Non-cumulative counts per bucket; the last one is +Inf. */
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(
    readonly labels: Record<string, string>,
    private readonly bounds: readonly number[],
  ) {
    this.counts = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) return;
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]!) i++;
    this.counts[i]!++;
    this.sum += value;
    this.count++;
  }
}

/** A histogram whose observations land in cells; prom-client only formats them (same output as its own histograms). */
export class CellHistogram<T extends string> extends Histogram<T> {
  private readonly cells: HistogramCell[] = [];
  private readonly bounds: readonly number[];

  constructor(
    private readonly config: {
      name: string;
      help: string;
      labelNames: readonly T[];
      buckets: number[];
      registers: Registry[];
    },
  ) {
    super(config);
    this.bounds = [...config.buckets].sort((a, b) => a - b);
  }

  cell(labels: Record<T, string>): HistogramCell {
    const c = new HistogramCell(labels, this.bounds);
    this.cells.push(c);
    return c;
  }

  override async get(): ReturnType<Histogram<T>['get']> {
    const { name, help } = this.config;
    const values: Awaited<ReturnType<Histogram<T>['get']>>['values'] = [];
    for (const c of this.cells) {
      let cumulative = 0;
      this.bounds.forEach((le, i) => {
        cumulative += c.counts[i]!;
        values.push({
          labels: { le, ...c.labels } as LabelValues<T>,
          value: cumulative,
          metricName: `${name}_bucket`,
        });
      });
      values.push({
        labels: { le: '+Inf', ...c.labels } as LabelValues<T>,
        value: c.count,
        metricName: `${name}_bucket`,
      });
      values.push({ labels: c.labels as LabelValues<T>, value: c.sum, metricName: `${name}_sum` });
      values.push({
        labels: c.labels as LabelValues<T>,
        value: c.count,
        metricName: `${name}_count`,
      });
    }
    // prom-client's typings declare `type` as a numeric enum; at run time it is the string its registry prints.
    const type = 'histogram' as unknown as MetricType;
    return Promise.resolve({
      name,
      help,
      type,
      values,
      aggregator: 'sum',
      collect: () => undefined,
    });
  }

  /** prom-client's Registry formats through this method when a metric has it (its Histogram does). */
  getForPromString(): ReturnType<Histogram<T>['get']> {
    return this.get();
  }
}
