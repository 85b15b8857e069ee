import { buildApp } from './app.js';
import type { AppOptions, ServingApp } from './app.js';

export interface ServeOptions extends AppOptions {
  port: number;
  host: string;
  /** Seconds to keep serving (but report not ready) after SIGTERM, so load balancers stop sending first. */
  drainSeconds?: number;
}

/**
 * Listens, then loads models in the background (live at once, ready when loaded),
 * and shuts down gracefully on SIGTERM/SIGINT: readiness turns 503, the listener
 * closes, in-flight requests finish, models unload, the process exits 0.
 */
export async function startServer(opts: ServeOptions): Promise<ServingApp> {
  const app = await buildApp(opts);
  await app.listen({ port: opts.port, host: opts.host });
  app.models.start().then(
    () => {
      if (!app.models.ready) app.log.warn('not every model could be loaded: /v2/health/ready answers 503 until one version of each is serving');
    },
    (err: unknown) => app.log.error({ err }, 'model repository could not be read'),
  );
  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    app.log.info({ signal, drainSeconds: opts.drainSeconds ?? 0 }, 'shutting down: finishing in-flight requests');
    app.models.markDraining();
    const delay = Math.max(0, opts.drainSeconds ?? 0) * 1000;
    setTimeout(() => {
      app.close().then(
        () => {
          app.log.info('shut down cleanly');
          process.exitCode = 0;
        },
        (err: unknown) => {
          app.log.error({ err }, 'error while shutting down');
          process.exitCode = 1;
        },
      );
    }, delay);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  return app;
}
