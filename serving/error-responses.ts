import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './http-error.js';
import type { Protocol } from './metrics.js';

/** Error responses in the caller's protocol, for our errors, fastify's, and unknown routes. */

/** The protocol a URL belongs to, for requests no route has claimed yet. */
export function protocolOf(url: string): Protocol {
  if (url.startsWith('/v1/')) return 'tfserving';
  if (url.startsWith('/v2')) return 'kserve';
  if (url.startsWith('/invocations') || url === '/ping' || url === '/health' || url === '/version')
    return 'mlflow';
  return 'other';
}

/**
 * An error in the caller's protocol: MLflow's `{error_code, message}`, else TF Serving's and
 * KServe's `{error}`. A Buffer, so that fastify sends `application/json` without a charset
 * parameter: the KServe SDK shows the error text only for exactly that content type.
 */
export function errorBody(protocol: Protocol, status: number, message: string): Buffer {
  if (protocol !== 'mlflow') return Buffer.from(JSON.stringify({ error: message }));
  const errorCode =
    status === 404
      ? 'RESOURCE_DOES_NOT_EXIST'
      : status === 503
        ? 'SERVICE_UNAVAILABLE'
        : status >= 500
          ? 'INTERNAL_ERROR'
          : 'BAD_REQUEST';
  return Buffer.from(JSON.stringify({ error_code: errorCode, message }));
}

/** The message a client sees for errors fastify raises before our handlers run. */
function describeFastifyError(
  err: FastifyError,
  request: FastifyRequest,
  bodyLimit: number,
): string {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return request.headers['content-encoding'] === undefined
        ? `request body is larger than the limit of ${bodyLimit} bytes: split it into smaller requests or raise --max-body`
        : `request body inflates to more than the limit of ${bodyLimit} bytes (Content-Encoding: ${String(request.headers['content-encoding']).slice(0, 16)}): split it into smaller requests or raise --max-body`;
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'Content-Length does not match the body';
    default:
      if (err.statusCode === 400 && err instanceof SyntaxError)
        return `malformed JSON: ${err.message}`;
      return err.message;
  }
}

/** The error handler (HttpError, fastify's 4xx, anything else as a logged 500) and the 404 handler. */
export function registerErrorHandlers(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    let status: number;
    let message: string;
    if (err instanceof HttpError) {
      status = err.status;
      message = err.message;
    } else if (
      typeof err.statusCode === 'number' &&
      err.statusCode >= 400 &&
      err.statusCode < 500
    ) {
      status = err.statusCode;
      message = describeFastifyError(err, request, bodyLimit);
    } else {
      status = 500;
      message = `internal error (request id ${request.id}); the server log has the details`;
      request.log.error({ err }, 'unhandled error');
    }
    if (status < 500) request.log.info({ status, error: message }, 'request rejected');
    const protocol = request.serving?.protocol ?? protocolOf(request.url);
    void reply.code(status).type('application/json').header('x-request-id', request.id);
    return reply.send(errorBody(protocol, status, message));
  });
  app.setNotFoundHandler((request, reply) => {
    const message = `no such endpoint: ${request.method} ${request.url.slice(0, 200)}`;
    void reply.code(404).type('application/json').header('x-request-id', request.id);
    return reply.send(errorBody(protocolOf(request.url), 404, message));
  });
}
