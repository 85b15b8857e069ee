import type { IncomingHttpHeaders, ServerHttp2Stream } from 'node:http2';
import { status } from '@grpc/grpc-js';
import type { Malformed, UnaryHandler } from './status.js';

/**
 * A unary gRPC call answered on its HTTP/2 stream directly: the fast path of
 * ./front.ts. It does what grpc-js's server does for a plain unary call — the 5-byte
 * message frame, the receive and send limits, `grpc-timeout`, trailers-only errors —
 * with the same headers, statuses and messages, and nothing else: compressed calls,
 * bad `grpc-timeout` values and streaming methods go to grpc-js (ask `plainUnaryDeadline`).
 * grpc-js spends 20–30 µs a call on its general machinery (interceptors, metadata
 * objects, the stream decoder) that a batched model call cannot hide
 * (docs/benchmarks.md, the floors).
 */

/** A unary method on the fast path: its (tolerant) decoder, its encoder and its handler. */
export interface FastMethod {
  path: string;
  decode(bytes: Buffer): unknown;
  encode(value: unknown): Buffer;
  handler: UnaryHandler;
}

/** grpc-js's response headers, so that a client cannot tell the two paths apart. */
const RESPONSE_HEADERS = {
  ':status': 200,
  'content-type': 'application/grpc+proto',
  'grpc-accept-encoding': 'identity,deflate,gzip',
  'grpc-encoding': 'identity',
};
const OK_TRAILERS = { 'grpc-status': '0', 'grpc-message': 'OK' };

/** Shared by every call, so that a call allocates no closure for them. */
function sendOkTrailers(this: ServerHttp2Stream): void {
  this.sendTrailers(OK_TRAILERS);
}
function ignore(): void {
  // a reset stream: 'close' follows, and the answer is dropped
}

const UNIT_MS: Record<string, number> = {
  H: 3_600_000,
  M: 60_000,
  S: 1000,
  m: 1,
  u: 1e-3,
  n: 1e-6,
};

/** A `grpc-timeout` value in milliseconds (gRPC over HTTP/2: 1–8 digits and a unit), or undefined when it is not one. */
function timeoutMs(value: string): number | undefined {
  const m = /^(\d{1,8})([HMSmun])$/.exec(value.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : undefined;
}

/**
 * Whether the fast path can take the call (gRPC content, no compression, a valid timeout or
 * none) and, if it can, the call's deadline: milliseconds from now, Infinity for none.
 * Undefined: grpc-js answers it.
 */
export function plainUnaryDeadline(headers: IncomingHttpHeaders): number | undefined {
  const type = headers['content-type'];
  const encoding = headers['grpc-encoding'];
  if (
    typeof type !== 'string' ||
    !type.startsWith('application/grpc') ||
    (encoding !== undefined && encoding !== 'identity')
  )
    return undefined;
  const timeout = headers['grpc-timeout'];
  if (timeout === undefined) return Infinity;
  return typeof timeout === 'string' ? timeoutMs(timeout) : undefined;
}

/** The message with its 5-byte gRPC frame header (uncompressed), in one buffer: one DATA frame. */
function framed(message: Buffer): Buffer {
  const out = Buffer.allocUnsafe(5 + message.length);
  out[0] = 0;
  out.writeUInt32BE(message.length, 1);
  message.copy(out, 5);
  return out;
}

/** The one answer of a call: the first of fail/succeed wins; later ones (and any after a reset) are dropped. */
class Answer {
  done = false;
  timer: NodeJS.Timeout | undefined;
  constructor(
    private readonly stream: ServerHttp2Stream,
    private readonly method: FastMethod,
    private readonly maxBytes: number,
  ) {}

  private claim(): boolean {
    if (this.done || this.stream.destroyed || this.stream.closed) return false;
    this.done = true;
    clearTimeout(this.timer);
    return true;
  }

  /** A trailers-only answer, as grpc-js sends an error before any message. */
  fail(code: status, details: string): void {
    if (!this.claim()) return;
    this.stream.respond(
      {
        ':status': 200,
        'content-type': 'application/grpc+proto',
        'grpc-status': String(code),
        'grpc-message': encodeURI(details),
      },
      { endStream: true },
    );
  }

  succeed(response: unknown): void {
    let message: Buffer;
    try {
      message = this.method.encode(response);
    } catch {
      this.fail(status.INTERNAL, 'Error serializing response');
      return;
    }
    if (message.length > this.maxBytes) {
      this.fail(
        status.RESOURCE_EXHAUSTED,
        `Sent message larger than max (${message.length} vs. ${this.maxBytes})`,
      );
      return;
    }
    if (!this.claim()) return;
    this.stream.respond(RESPONSE_HEADERS, { waitForTrailers: true });
    this.stream.on('wantTrailers', sendOkTrailers);
    this.stream.end(framed(message));
  }
}

/**
 * Serves one call of `method` on `stream`, by `deadlineMs` from now (plainUnaryDeadline's);
 * `maxBytes` bounds the request and the response message.
 */
export function serveUnary(
  stream: ServerHttp2Stream,
  deadlineMs: number,
  method: FastMethod,
  maxBytes: number,
): void {
  const answer = new Answer(stream, method, maxBytes);
  if (deadlineMs !== Infinity) {
    answer.timer = setTimeout(
      () => answer.fail(status.DEADLINE_EXCEEDED, 'Deadline exceeded'),
      deadlineMs,
    );
    stream.on('close', () => clearTimeout(answer.timer));
  }
  stream.on('error', ignore);

  const chunks: Buffer[] = [];
  let received = 0;
  let length = -1;
  stream.on('data', (chunk: Buffer) => {
    if (answer.done) return; // answered early (a limit, the deadline): the rest is read and dropped
    chunks.push(chunk);
    received += chunk.length;
    if (length < 0 && received >= 5) {
      const head = chunks.length === 1 ? chunk : Buffer.concat(chunks);
      if (head[0] !== 0)
        return answer.fail(
          status.INTERNAL,
          'Received compressed message but "grpc-encoding" header was identity',
        );
      length = head.readUInt32BE(1);
      if (length > maxBytes)
        return answer.fail(
          status.RESOURCE_EXHAUSTED,
          `Received message larger than max (${length} vs. ${maxBytes})`,
        );
    }
    if (length >= 0 && received > 5 + length)
      answer.fail(
        status.UNIMPLEMENTED,
        `Received a second request message for server streaming method ${method.path}`,
      );
  });
  stream.on('end', () => {
    if (answer.done) return;
    if (length < 0 || received < 5 + length)
      return answer.fail(
        status.UNIMPLEMENTED,
        `Received no request message for server streaming method ${method.path}`,
      );
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received);
    const request = method.decode(body.subarray(5)) as Malformed | object;
    method.handler({ request }, (err, response) => {
      if (err) answer.fail(err.code ?? status.UNKNOWN, err.details ?? '');
      else answer.succeed(response);
    });
  });
}
