import { Cd4mlError } from '../core/errors.js';
import { buildApp } from './app.js';
import type { AppOptions, ServingApp } from './app.js';

export interface ServeOptions extends AppOptions {
  port: number;
  host: string;
  /** Server processes sharing the port (node:cluster); 1 = this process serves. */
  workers?: number;
  /** Why that many workers (for the start-up log). */
  workersSource?: string;
  /** The platform whose environment configured the server (serving/platforms.ts), for the log. */
  platform?: string;
  /** What the platform's environment says of where the model comes from, for the log. */
  platformNote?: string | undefined;
  /** Seconds to keep serving (but report not ready) after SIGTERM, so load balancers stop sending first. */
  drainSeconds?: number;
  /** The gRPC port (KServe V2, TF Serving, health, reflection); no gRPC unless given. */
  grpcPort?: number;
}

export interface StartedServer {
  app: ServingApp;
  /** The gRPC port bound (when `grpcPort` was given; 0 picks a free one). */
  grpcPort?: number;
  /** Settles once the server has closed after SIGTERM/SIGINT (listener, in-flight requests, models). */
  closed: Promise<void>;
}

/**
 * With `workers` > 1 in the primary process: forks the workers and supervises them
 * until they have all exited (returns the exit code). Otherwise serves in this
 * process until SIGTERM/SIGINT (returns 0 when closed cleanly).
 */
export async function serve(opts: ServeOptions): Promise<number> {
  const { isClusterWorker, runPrimary } = await import('./cluster.js');
  if ((opts.workers ?? 1) > 1 && !isClusterWorker()) {
    const log = (msg: string, extra: object = {}): void => {
      process.stdout.write(
        `${JSON.stringify({ level: 30, time: Date.now(), pid: process.pid, role: 'primary', ...extra, msg })}\n`,
      );
    };
    log('starting workers', { workers: opts.workers, reason: opts.workersSource });
    return runPrimary(opts.workers ?? 1, log);
  }
  let started: StartedServer;
  try {
    started = await startServer(opts);
  } catch (err) {
    // A worker's IPC channel would keep a failed worker alive; let it exit so the primary sees it.
    if (isClusterWorker()) process.disconnect();
    throw err;
  }
  // Not the server's 'close' event: that fires before the models unload, and a cluster worker
  // exits the moment it disconnects from the primary.
  await started.closed;
  // A worker's IPC channel would keep it alive after the server closed.
  if (isClusterWorker()) process.disconnect();
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}

/**
 * Listens, then loads models in the background (live at once, ready when loaded),
 * and shuts down gracefully on SIGTERM/SIGINT: readiness turns 503, the listener
 * closes, in-flight requests finish, models unload, the process exits 0.
 *
 * A cluster worker loads its models first and listens after: workers share the
 * port, so a worker still loading would otherwise take connections (and answer
 * 503) while its siblings are ready; until it listens, the kernel hands
 * connections to the others (or holds them in the backlog).
 */
export async function startServer(opts: ServeOptions): Promise<StartedServer> {
  const { isClusterWorker, workerMetrics } = await import('./cluster.js');
  const { clusterShadow } = await import('./shadow-cluster.js');
  const worker = isClusterWorker();
  const app = await buildApp(
    worker ? { ...opts, clusterMetrics: workerMetrics, clusterShadow } : opts,
  );
  // A stop signal while a worker loads is remembered and honoured once it listens.
  let stopDuringLoad: NodeJS.Signals | undefined;
  const remember = (signal: NodeJS.Signals): void => {
    stopDuringLoad ??= signal;
  };
  if (worker) {
    process.on('SIGTERM', remember);
    process.on('SIGINT', remember);
    await loadModels(app);
    process.off('SIGTERM', remember);
    process.off('SIGINT', remember);
  }
  await listen(app, opts);
  const grpc = opts.grpcPort === undefined ? undefined : await startGrpc(app, opts, opts.grpcPort);
  if (grpc) app.log.info({ grpcPort: grpc.port }, `gRPC listening on ${opts.host}:${grpc.port}`);
  if (opts.platform)
    app.log.info(
      {
        platform: opts.platform,
        port: opts.port,
        repository: opts.repository,
        ...(opts.platformNote === undefined ? {} : { note: opts.platformNote }),
      },
      `started as ${opts.platform} starts a container`,
    );
  if (!worker) void loadModels(app);
  const { shutdown, closed } = shutdownOnSignal(app, opts, grpc);
  if (stopDuringLoad) shutdown(stopDuringLoad);
  return { app, grpcPort: grpc?.port, closed };
}

/** Loads the models; what keeps the server unready (failed versions, unsettled files) goes to the log. */
function loadModels(app: ServingApp): Promise<void> {
  return app.models.start().then(
    () => {
      if (app.models.ready) return;
      const failed = app.models
        .entries()
        .flatMap((m) =>
          [...m.versions.values()].filter((v) => v.error).map((v) => `${m.name}/${v.version}`),
        );
      if (failed.length > 0)
        app.log.warn(
          { failed },
          'some model versions failed to load: /v2/health/ready answers 503 until every model has a version serving',
        );
      else
        app.log.info(
          'model files changed recently: loading once they have been unchanged for --settle ms',
        );
    },
    (err: unknown) => app.log.error({ err }, 'model repository could not be read'),
  );
}

/** Listens on the HTTP port; a port in use or a privileged one closes the app and says what to do. */
async function listen(app: ServingApp, opts: ServeOptions): Promise<void> {
  try {
    await app.listen({ port: opts.port, host: opts.host });
  } catch (err) {
    await app.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new Cd4mlError('E_USAGE', `port ${opts.port} on ${opts.host} is already in use`, {
        hint: 'stop the other server or pick another port with --port',
        cause: err,
      });
    }
    if (code === 'EACCES') {
      throw new Cd4mlError('E_USAGE', `no permission to listen on port ${opts.port}`, {
        hint: 'ports below 1024 need privileges: use --port 8501',
        cause: err,
      });
    }
    throw err;
  }
}

/**
 * On SIGTERM/SIGINT (once): report not ready, keep serving for --drain seconds, then
 * close gRPC and HTTP after their in-flight requests; `closed` settles after that.
 */
function shutdownOnSignal(
  app: ServingApp,
  opts: ServeOptions,
  grpc: { close(): Promise<void> } | undefined,
): { shutdown: (signal: NodeJS.Signals) => void; closed: Promise<void> } {
  let closing = false;
  let settle!: () => void;
  const closed = new Promise<void>((resolve) => (settle = resolve));
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    app.log.info(
      { signal, drainSeconds: opts.drainSeconds ?? 0 },
      'shutting down: finishing in-flight requests',
    );
    app.models.markDraining();
    const delay = Math.max(0, opts.drainSeconds ?? 0) * 1000;
    setTimeout(() => {
      Promise.resolve(grpc?.close())
        .then(() => app.close())
        .then(
          () => {
            app.log.info('shut down cleanly');
            process.exitCode = 0;
          },
          (err: unknown) => {
            app.log.error({ err }, 'error while shutting down');
            process.exitCode = 1;
          },
        )
        .finally(settle);
    }, delay);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  return { shutdown, closed };
}

/** Binds the gRPC port over the app's registry and metrics; a port in use closes the app and says so. */
async function startGrpc(app: ServingApp, opts: ServeOptions, port: number) {
  const { startGrpcServer } = await import('./grpc/server.js');
  try {
    return await startGrpcServer({
      port,
      host: opts.host,
      models: app.models,
      metrics: app.servingMetrics,
      ...(app.shadow ? { shadow: app.shadow } : {}),
      log: app.log,
      serverName: 'cd4ml',
      serverVersion: opts.serverVersion ?? '0.0.0-dev',
      maxMessageBytes: opts.bodyLimit ?? 8 * 1024 * 1024,
    });
  } catch (err) {
    await app.close();
    throw new Cd4mlError(
      'E_USAGE',
      `gRPC port ${port} on ${opts.host}: ${(err as Error).message}`,
      {
        hint: 'stop the other server or pick another port with --grpc-port',
        cause: err,
      },
    );
  }
}
