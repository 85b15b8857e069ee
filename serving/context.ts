import type { FastifyReply, FastifyRequest } from 'fastify';
import { BadRequest, NotFound, Unavailable } from './http-error.js';
import type { ServingMetrics, Protocol } from './metrics.js';
import type { ModelRegistry } from './models/registry.js';
import type { Shadow } from './shadow.js';

/** What route modules share: the model registry, metrics and server identity. */
export interface ServingContext {
  models: ModelRegistry;
  metrics: ServingMetrics;
  serverName: string;
  serverVersion: string;
  /** The model `/invocations` (MLflow) scores; undefined = the only model in the repository. */
  defaultModel: string | undefined;
  /** Shadow traffic (`--shadow`, or a model config's `shadow:`): pass it to runModel. */
  shadow: Shadow;
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
    /** Shadow traffic, for the gRPC port to share. */
    shadow: Shadow;
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

/**
 * The version a KServe V2 request names (REST path or gRPC field): undefined when it names none
 * (absent or empty), else a non-negative integer; anything else is a 404 saying so.
 */
export function requestedVersion(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const v = parseVersion(raw);
  if (v === undefined)
    throw new NotFound(
      `model '${name}' has no version '${raw.slice(0, 32)}': versions are non-negative integers`,
    );
  return v;
}

/** Parses a version from a URL segment: a non-negative integer, else undefined. */
export function parseVersion(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d{1,15}$/.test(raw)) return undefined;
  return Number(raw);
}

/** The model `/invocations` and the platforms' predict routes score: --mlflow-model, else the only one. */
export function defaultModel(ctx: ServingContext): string {
  if (ctx.defaultModel !== undefined) return ctx.defaultModel;
  const entries = ctx.models.entries();
  if (entries.length === 1) return entries[0]!.name;
  if (entries.length === 0) throw new Unavailable('no model is loaded yet');
  throw new BadRequest(
    `this endpoint serves one model, and the repository has ${entries.length} (${entries.map((e) => e.name).join(', ')}): start the server with --mlflow-model <name>`,
  );
}
