import Fastify, { LogController } from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import { manifestProblem } from '../core/deploy/release-manifest.js';
import type { ReleaseManifest } from '../core/deploy/release-manifest.js';
import './context.js';
import type { ServingContext } from './context.js';
import { clientError, registerBodyParsing, registerResponseCompression } from './body.js';
import { errorBody, protocolOf, registerErrorHandlers } from './error-responses.js';
import { ServingMetrics } from './metrics.js';
import { ModelRegistry } from './models/registry.js';
import type { RegistryOptions } from './models/registry.js';
import type { RegistryLogger } from './models/load-version.js';
import { openRepository } from './models/repository.js';
import { registerKServe } from './routes/kserve.js';
import { registerMlflow } from './routes/mlflow.js';
import { registerPlatformRoutes } from './routes/platform.js';
import { registerTfServing } from './routes/tfserving.js';
import { Shadow } from './shadow.js';
import type { ShadowOptions } from './shadow-target.js';
import type { ShadowSummary } from '../core/shadow/summary.js';
import { lazyChildLogger, requestIdGenerator } from './request-log.js';

export interface AppOptions {
  /** A model.onnx file or a repository directory `<name>/<version>/model.onnx`. */
  repository: string;
  /** Hot-reload poll interval; 0 reads the repository once. Default 2000. */
  pollIntervalMs?: number;
  /** A version directory must be unchanged this long before it is loaded. Default 1000. */
  settleMs?: number;
  /** Largest request body in bytes (413 beyond). Default 8 MiB. */
  bodyLimit?: number;
  /** pino level, or false for no logs (tests). Default 'info'. */
  logLevel?: string | false;
  /** Where JSON logs go (default stdout); tests capture them here. */
  logStream?: NodeJS.WritableStream;
  /** Log every request (two JSON lines each); off by default, errors are always logged. */
  accessLog?: boolean;
  intraOpThreads?: number;
  /** The model `/invocations` scores when the repository has several. */
  mlflowModel?: string;
  /** Name of the model when `repository` is a single file. Default `model`. */
  modelName?: string;
  /** `--verify-models`: load only the model files this release manifest lists, by sha256. */
  verifyManifest?: ReleaseManifest;
  serverVersion?: string;
  /** In a cluster worker: given this worker's registry, returns a fetcher of the metrics summed over all workers. */
  clusterMetrics?: (registry: Registry) => () => Promise<string>;
  /** In a cluster worker: given this worker's shadow, returns a fetcher of a model's summary over all workers. */
  clusterShadow?: (shadow: Shadow) => (model: string) => Promise<ShadowSummary>;
  /** Node process metrics (CPU, memory, event-loop lag) in /metrics. Default true. */
  processMetrics?: boolean;
  /** Extra GET routes answering readiness (Vertex AI's AIP_HEALTH_ROUTE, Azure ML's probes). */
  healthRoutes?: string[];
  /** Extra POST routes taking `{"instances": [...]}` for the default model (AIP_PREDICT_ROUTE, Azure ML's scoring route). */
  predictRoutes?: string[];
  /** `--shadow`: mirror requests to this candidate version (serving/shadow.ts); a model's config.yaml can say so too. */
  shadow?: ShadowOptions;
}

export type ServingApp = FastifyInstance;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Counts every finished response for the metrics. fastify tells its log controller when a
 * response has finished (or failed), once per request, whether it came from a route, the
 * not-found handler or an error; an `onResponse` hook would get the same call through a
 * hook runner, ~0.5 µs more per request (docs/benchmarks.md).
 */
class CompletedRequests extends LogController {
  constructor(
    options: ConstructorParameters<typeof LogController>[0],
    private readonly completed: (request: FastifyRequest, reply: FastifyReply) => void,
  ) {
    super(options);
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
    metadata?: Record<string, unknown>,
  ): void {
    this.completed(request, reply);
    super.requestCompleted(error, request, reply, metadata);
  }
}

/**
 * Builds the serving app: TF Serving REST, KServe V2 and MLflow scoring on one
 * port, plus /metrics. Models are not loaded until `app.models.start()`, so a
 * server can listen (live, not ready) while they load.
 */
export async function buildApp(opts: AppOptions): Promise<ServingApp> {
  const bodyLimit = opts.bodyLimit ?? 8 * 1024 * 1024;
  // The models are made below; the metrics only ask for them when scraped.
  const metrics = new ServingMetrics(() => models, { defaultMetrics: opts.processMetrics ?? true });
  const app = createFastify(opts, metrics, bodyLimit);
  registerBodyParsing(app, bodyLimit);
  registerResponseCompression(app);

  const models: ModelRegistry = new ModelRegistry(
    await openRepository(opts.repository),
    registryOptions(app, opts, metrics),
  );
  const fetchClusterMetrics = opts.clusterMetrics?.(metrics.registry);
  const ctx: ServingContext = {
    models,
    metrics,
    serverName: 'cd4ml',
    serverVersion: opts.serverVersion ?? '0.0.0-dev',
    defaultModel: opts.mlflowModel,
    shadow: new Shadow(models, metrics),
  };

  app.decorateRequest('serving', null);
  app.decorate('models', models);
  app.decorate('servingMetrics', metrics);
  app.decorate('shadow', ctx.shadow);

  registerErrorHandlers(app, bodyLimit);
  registerTfServing(app, ctx);
  registerKServe(app, ctx);
  registerMlflow(app, ctx);
  registerPlatformRoutes(app, ctx, {
    health: opts.healthRoutes ?? [],
    predict: opts.predictRoutes ?? [],
  });
  const shadow = ctx.shadow;
  const fetchShadow =
    opts.clusterShadow?.(shadow) ?? ((model: string) => Promise.resolve(shadow.summary(model)));
  const answerShadow = async (request: FastifyRequest, reply: FastifyReply, name?: string) => {
    void reply.header('x-request-id', request.id);
    return reply.send(await fetchShadow(shadow.resolve(name)));
  };
  app.get<{ Querystring: { model?: string } }>('/shadow', (request, reply) =>
    answerShadow(request, reply, request.query.model),
  );
  app.get<{ Params: { model: string } }>('/shadow/:model', (request, reply) =>
    answerShadow(request, reply, request.params.model),
  );
  app.get('/metrics', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    const text = fetchClusterMetrics
      ? await fetchClusterMetrics()
      : await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(text);
  });

  app.addHook('onClose', async () => {
    await models.stop();
  });
  return app;
}

/** fastify, with our logging, request ids, connection handling and router errors. */
function createFastify(opts: AppOptions, metrics: ServingMetrics, bodyLimit: number): ServingApp {
  const nextRequestId = requestIdGenerator();
  return Fastify({
    // 'silent', not `false`: without a logger fastify would not report completed requests to the controller.
    logger: {
      level: opts.logLevel === false ? 'silent' : (opts.logLevel ?? 'info'),
      ...(opts.logStream ? { stream: opts.logStream } : {}),
    },
    logController: new CompletedRequests(
      { disableRequestLogging: !opts.accessLog },
      (request, reply) => {
        if (request.url === '/metrics') return;
        const info = request.serving;
        metrics.observeRequest(
          info?.model ?? '',
          info?.version ?? '',
          info?.protocol ?? protocolOf(request.url),
          reply.statusCode,
          reply.elapsedTime / 1000,
        );
      },
    ),
    bodyLimit,
    // Not fastify's requestIdHeader: it takes any header value as it is, before genReqId runs.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : nextRequestId();
    },
    childLoggerFactory: lazyChildLogger,
    // Requests on a closing server get 503 + Connection: close; idle keep-alive sockets are closed.
    return503OnClosing: true,
    clientErrorHandler: clientError,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200 },
    // Undecodable URLs (`%ZZ`) fail in the router, before the error handler: same error shape.
    frameworkErrors: (err, request, reply) => {
      const message = `${err.message}: fix the percent-encoding of the URL`;
      // The raw response: this reply's generic types are not resolved yet at this point.
      const protocol = protocolOf(request.url);
      reply.raw.writeHead(400, {
        'content-type': 'application/json',
        'x-request-id': request.id,
      });
      reply.raw.end(errorBody(protocol, 400, message));
      // fastify reports no completion for a request its router rejected: counted here, as
      // answered at once (the router has not started the reply's clock).
      metrics.observeRequest('', '', protocol, 400, 0);
    },
  });
}

/** The registry's options: defaults, logs through fastify's logger, loads and batches counted in the metrics. */
function registryOptions(
  app: ServingApp,
  opts: AppOptions,
  metrics: ServingMetrics,
): RegistryOptions {
  const log: RegistryLogger = {
    info: (o, m) => app.log.info(o, m),
    warn: (o, m) => app.log.warn(o, m),
    error: (o, m) => app.log.error(o, m),
  };
  return {
    pollIntervalMs: opts.pollIntervalMs ?? 2000,
    settleMs: opts.settleMs ?? 1000,
    intraOpThreads: opts.intraOpThreads ?? 1,
    singleModelName: opts.modelName ?? 'model',
    logger: log,
    onBatch: (model, _version, rows, waits) => metrics.observeBatch(model, rows, waits),
    ...(opts.shadow ? { shadow: opts.shadow } : {}),
    onLoadResult: (model, _version, ok) =>
      metrics.loads.inc({ model, result: ok ? 'ok' : 'failed' }),
    verify: verifierOf(opts.verifyManifest),
  };
}

function verifierOf(manifest: ReleaseManifest | undefined) {
  if (!manifest) return undefined;
  return (model: string, version: number, sha256: string) =>
    manifestProblem(manifest, model, version, sha256);
}
