import { status } from '@grpc/grpc-js';
import type { ServiceError, sendUnaryData } from '@grpc/grpc-js';
import { Metadata } from '@grpc/grpc-js';
import { HttpError } from '../http-error.js';
import type { Protocol, ServingMetrics } from '../metrics.js';

/** A request that could not be decoded: the deserializer hands this to the handler instead of throwing. */
export class Malformed {
  constructor(readonly message: string) {}
}

/** A failure with its gRPC status, for the cases that have no HTTP equivalent. */
export class GrpcError extends Error {
  constructor(
    readonly code: status,
    message: string,
  ) {
    super(message);
    this.name = 'GrpcError';
  }
}

/** The gRPC status of an HTTP status our shared code raised (registry, validation, batcher). */
function codeOfHttp(httpStatus: number): status {
  if (httpStatus === 404) return status.NOT_FOUND;
  if (httpStatus === 503) return status.UNAVAILABLE;
  if (httpStatus === 413) return status.RESOURCE_EXHAUSTED;
  if (httpStatus === 501) return status.UNIMPLEMENTED;
  if (httpStatus >= 400 && httpStatus < 500) return status.INVALID_ARGUMENT;
  return status.INTERNAL;
}

export interface Logger {
  error(obj: object, msg: string): void;
}

/** An error as the client sees it: our own errors say what was wrong; anything else is ours and logged. */
function toServiceError(err: unknown, log: Logger): { code: status; details: string } {
  if (err instanceof GrpcError) return { code: err.code, details: err.message };
  if (err instanceof HttpError) return { code: codeOfHttp(err.status), details: err.message };
  log.error({ err }, 'unhandled error in a gRPC call');
  return { code: status.INTERNAL, details: 'internal error; the server log has the details' };
}

/** Which model and version a call served, filled in by the handler for the metrics. */
export interface CallInfo {
  model: string;
  version: string;
}

export interface UnaryContext {
  metrics: ServingMetrics;
  log: Logger;
}

/**
 * A unary handler: it reads only the call's request, so grpc-js calls it with its
 * ServerUnaryCall and the fast path (./unary-stream.ts) with `{ request }`.
 */
export type UnaryHandler<Req = unknown, Res = unknown> = (
  call: { request: Req | Malformed },
  callback: sendUnaryData<Res>,
) => void;

/**
 * A unary handler around `fn`: malformed requests become INVALID_ARGUMENT, thrown
 * errors their status, and every call is counted in the metrics with its protocol,
 * model, version and status name.
 */
export function unary<Req, Res>(
  ctx: UnaryContext,
  protocol: Protocol,
  fn: (request: Req, info: CallInfo) => Res | Promise<Res>,
): UnaryHandler<Req, Res> {
  return (call, callback) => {
    const started = performance.now();
    const info: CallInfo = { model: '', version: '' };
    const finish = (code: status, error: ServiceError | null, response?: Res): void => {
      ctx.metrics.observeRequest(
        info.model,
        info.version,
        protocol,
        status[code],
        (performance.now() - started) / 1000,
      );
      if (error) callback(error);
      else callback(null, response);
    };
    const fail = (err: unknown): void => {
      const { code, details } = toServiceError(err, ctx.log);
      finish(code, Object.assign(new Error(details), { code, details, metadata: new Metadata() }));
    };
    const request = call.request;
    if (request instanceof Malformed) {
      fail(new GrpcError(status.INVALID_ARGUMENT, request.message));
      return;
    }
    try {
      const result = fn(request, info);
      if (result instanceof Promise) result.then((res) => finish(status.OK, null, res), fail);
      else finish(status.OK, null, result);
    } catch (err) {
      fail(err);
    }
  };
}
