import { Cd4mlError } from '../core/errors.js';
import type { ErrorCode } from '../core/errors.js';

/**
 * A Cd4mlError that knows its HTTP status. Route handlers throw these; the app's
 * error handler writes them in the calling protocol's error shape. Anything that
 * is not an HttpError is a bug of ours and becomes a 500.
 */
export class HttpError extends Cd4mlError {
  readonly status: number;
  constructor(status: number, message: string, code: ErrorCode = 'E_USAGE') {
    super(code, message);
    this.name = 'HttpError';
    this.status = status;
  }
}

export class BadRequest extends HttpError {
  constructor(message: string) {
    super(400, message);
    this.name = 'BadRequest';
  }
}

export class NotFound extends HttpError {
  constructor(message: string) {
    super(404, message, 'E_MODEL');
    this.name = 'NotFound';
  }
}

export class Unavailable extends HttpError {
  constructor(message: string) {
    super(503, message, 'E_MODEL');
    this.name = 'Unavailable';
  }
}
