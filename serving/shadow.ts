import { Gauge } from 'prom-client';
import { BadRequest, NotFound } from './http-error.js';
import { CellHistogram, TallyCounter } from './metrics.js';
import type { ServingMetrics } from './metrics.js';
import type { ModelVersion } from './models/loader.js';
import type { ModelRegistry } from './models/registry.js';
import { ShadowMirror } from './shadow-mirror.js';
import type { MirrorCells } from './shadow-mirror.js';
import { summarizeShadow } from '../core/shadow/summary.js';
import type { ShadowCounts, ShadowSummary } from '../core/shadow/summary.js';

/**
 * Shadow traffic: the requests a model's serving versions answer are mirrored to its
 * candidate version, off the response path (serving/shadow-mirror.ts). Which models shadow
 * and how is the registry's to say — `--shadow <model>:<version>` or a model's `config.yaml`
 * `shadow:` entry, re-read on every poll — so both take the one path below: a request's
 * model is looked up (one Map lookup), and a shadow that changed gets a fresh mirror (its
 * counts start from zero; /metrics counters carry on).
 */

const LATENCY_BUCKETS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1,
];

export class Shadow {
  private readonly mirrors = new Map<string, ShadowMirror>();
  private readonly cells = new Map<string, MirrorCells>();
  private readonly results: TallyCounter<'model' | 'result'>;
  private readonly latency: CellHistogram<'model' | 'role'>;

  constructor(
    private readonly models: ModelRegistry,
    private readonly metrics: ServingMetrics,
  ) {
    const registers = [metrics.registry];
    this.results = new TallyCounter({
      name: 'cd4ml_shadow_requests_total',
      help: 'Requests mirrored to the shadow candidate, by model and result (agree, disagree, error, dropped)',
      labelNames: ['model', 'result'],
      registers,
    });
    this.latency = new CellHistogram({
      name: 'cd4ml_shadow_inference_seconds',
      help: 'Inference time of mirrored requests on the primary and on the candidate',
      labelNames: ['model', 'role'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    const mirrors = this.mirrors;
    new Gauge({
      name: 'cd4ml_shadow_queue_length',
      help: 'Mirrored requests waiting for the shadow candidate',
      labelNames: ['model'],
      registers,
      collect() {
        this.reset();
        for (const [model, mirror] of mirrors) this.set({ model }, mirror.queued);
      },
    });
  }

  /** The mirror for requests `primary` answered, or undefined (no shadow, or it is the candidate). */
  mirrorFor(primary: ModelVersion): ShadowMirror | undefined {
    const options = this.models.shadowOptions(primary.name);
    if (!options || primary.version === options.version) return undefined;
    const mirror = this.mirrors.get(primary.name);
    return mirror?.options === options ? mirror : this.renew(primary.name);
  }

  private renew(model: string): ShadowMirror | undefined {
    const options = this.models.shadowOptions(model);
    if (!options) {
      this.mirrors.delete(model);
      return undefined;
    }
    const mirror = new ShadowMirror(this.models, options, this.cellsOf(model));
    this.mirrors.set(model, mirror);
    return mirror;
  }

  private cellsOf(model: string): MirrorCells {
    let cells = this.cells.get(model);
    if (!cells) {
      const result = (r: string) => this.results.cell({ model, result: r });
      cells = {
        agree: result('agree'),
        disagree: result('disagree'),
        error: result('error'),
        dropped: result('dropped'),
        primary: this.latency.cell({ model, role: 'primary' }),
        candidate: this.latency.cell({ model, role: 'candidate' }),
        batchSize: this.metrics.batchSize.cell({ model, role: 'candidate' }),
      };
      this.cells.set(model, cells);
    }
    return cells;
  }

  /**
   * The model a /shadow request means: the one named (`/shadow/<model>`), else the only model
   * with a shadow. Unknown or shadowless → 404; several and none named → 400 naming them.
   */
  resolve(name: string | undefined): string {
    if (name !== undefined) {
      if (!this.models.shadowOptions(name))
        throw new NotFound(
          `model '${name.slice(0, 64)}' has no shadow candidate: start the server with --shadow ${name.slice(0, 64)}:<version>, or add shadow: { version: <n> } to its config.yaml`,
        );
      return name;
    }
    const shadowed = this.models
      .entries()
      .filter((m) => m.shadow)
      .map((m) => m.name);
    if (shadowed.length === 1) return shadowed[0]!;
    if (shadowed.length === 0)
      throw new NotFound(
        'no model has a shadow candidate: start the server with --shadow <model>:<version>, or add shadow: { version: <n> } to a model’s config.yaml',
      );
    throw new BadRequest(
      `${shadowed.length} models have a shadow candidate (${shadowed.join(', ')}): ask for one, GET /shadow/<model>`,
    );
  }

  /** This process's counts for a model that has a shadow (zero before its first request). */
  counts(model: string): ShadowCounts | null {
    const options = this.models.shadowOptions(model);
    if (!options) return null;
    const mirror = this.mirrors.get(model);
    return (mirror?.options === options ? mirror : this.renew(model))?.counts() ?? null;
  }

  /** What /shadow answers and `cd4ml shadow report` reads (this process's share). */
  summary(model: string): ShadowSummary {
    const counts = this.counts(model);
    if (!counts) throw new NotFound(`model '${model.slice(0, 64)}' has no shadow candidate`);
    return summarizeShadow(counts);
  }
}
