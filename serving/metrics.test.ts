import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { ServingMetrics } from './metrics.js';

/** The same observations through prom-client's own metrics, configured as ServingMetrics configures its own. */
function reference(): {
  registry: Registry;
  requests: Counter<string>;
  latency: Histogram<string>;
  batchSize: Histogram<string>;
  queueTime: Histogram<string>;
} {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: 'cd4ml_requests_total',
      help: 'HTTP requests by model, version, protocol and status code',
      labelNames: ['model', 'version', 'protocol', 'status'],
      registers,
    }),
    latency: new Histogram({
      name: 'cd4ml_request_duration_seconds',
      help: 'Time from request received to response sent',
      labelNames: ['model', 'protocol'],
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    queueTime: new Histogram({
      name: 'cd4ml_batch_queue_seconds',
      help: 'Time a request waited in the dynamic batching queue',
      labelNames: ['model'],
      buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05],
      registers,
    }),
    batchSize: new Histogram({
      name: 'cd4ml_batch_size',
      help: 'Rows per onnxruntime session.run: role primary for requests, candidate for shadow traffic',
      labelNames: ['model', 'role'],
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
      registers,
    }),
  };
}

const PER_REQUEST = [
  'cd4ml_requests_total',
  'cd4ml_request_duration_seconds',
  'cd4ml_batch_queue_seconds',
  'cd4ml_batch_size',
];

function only(text: string): string {
  return text
    .split('\n\n')
    .map((block) => block.trim())
    .filter((block) => PER_REQUEST.some((name) => block.includes(`# HELP ${name} `)))
    .join('\n\n');
}

describe('ServingMetrics', () => {
  it("prints per-request metrics exactly as prom-client's own counter and histograms would, across scrapes", async () => {
    const ours = new ServingMetrics(() => undefined, { defaultMetrics: false });
    const ref = reference();
    const requests: [
      string,
      string,
      'tfserving' | 'kserve' | 'mlflow' | 'other',
      number,
      number,
    ][] = [
      ['iris', '1', 'tfserving', 200, 0.0004],
      ['iris', '1', 'tfserving', 200, 0.0005], // on a bucket bound: counted in that bucket (le)
      ['iris', '2', 'kserve', 400, 0.003],
      ['ranker', '7', 'mlflow', 200, 3.5], // above every bound: only +Inf
      ['', '', 'other', 404, 0.0001],
    ];
    const batches: [string, number, number[]][] = [
      ['iris', 56, [0.00003, 0.0002, 0.0002]],
      ['ranker', 1, [0]],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [model, version, protocol, status, seconds] of requests) {
        ours.observeRequest(model, version, protocol, status, seconds);
        ref.requests.inc({ model, version, protocol, status: String(status) });
        ref.latency.observe({ model, protocol }, seconds);
      }
      for (const [model, rows, waits] of batches) {
        ours.observeBatch(model, rows, waits);
        ref.batchSize.observe({ model, role: 'primary' }, rows);
        for (const w of waits) ref.queueTime.observe({ model }, w);
      }
      // Scraped after each round: a scrape must not lose or double what came before it.
      expect(only(await ours.registry.metrics())).toBe(only(await ref.registry.metrics()));
      // The JSON form is what cluster workers send to the primary to be summed (exemplars are off: not compared).
      const json = (r: Registry) =>
        r.getMetricsAsJSON().then((all) =>
          all
            .filter((m) => PER_REQUEST.includes(m.name))
            .map(({ name, type, values, aggregator }) => ({
              name,
              type,
              aggregator,
              // toEqual treats an undefined property as absent.
              values: values.map((v) => ({ ...v, exemplar: undefined })),
            })),
        );
      expect(await json(ours.registry)).toEqual(await json(ref.registry));
    }
  });
});
