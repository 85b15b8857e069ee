import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServingMetrics, Protocol } from './metrics.js';
import type { ModelRegistry } from './models/registry.js';

/** What route modules share: the model registry, metrics and server identity. */
export interface ServingContext {
  models: ModelRegistry;
  metrics: ServingMetrics;
  serverName: string;
  serverVersion: string;
  /** The model `/invocations` (MLflow) scores; undefined = the only model in the repository. */
  defaultModel: string | undefined;
}

/** Set on each request by the route that handles it, read by the metrics hook. */
export interface RequestInfo {
  protocol: Protocol;
  model: string;
  version: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    serving: RequestInfo | null;
  }
  interface FastifyInstance {
    /** The serving app's model registry (hot reload, versions). */
    models: ModelRegistry;
    servingMetrics: ServingMetrics;
  }
}

/** Marks a request as handled by `protocol` and echoes its id; every route calls it first. */
export function begin(
  request: FastifyRequest,
  reply: FastifyReply,
  protocol: Protocol,
): RequestInfo {
  void reply.header('x-request-id', request.id);
  const info: RequestInfo = { protocol, model: '', version: '' };
  request.serving = info;
  return info;
}

/** Parses a version from a URL segment: a non-negative integer, else undefined. */
export function parseVersion(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d{1,15}$/.test(raw)) return undefined;
  return Number(raw);
}
