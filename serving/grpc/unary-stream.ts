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

/**
 * One call's state, reachable from its stream (`stream[CALL]`) only until the call is answered.
 * node:http2 keeps a stream's objects until a full garbage collection (its C++ side holds
 * the stream weakly, and V8's young-generation collector keeps such objects alive), so
 * whatever a stream still references when it ends — listeners' closures, the request bytes —
 * is promoted to the old generation with it. The stream's listeners are therefore shared
 * functions that find the call here, and answering drops it (docs/benchmarks.md, eighth round).
 */
const CALL = Symbol('cd4ml.unaryCall');
type CallStream = ServerHttp2Stream & { [CALL]?: UnaryCall | undefined };

class UnaryCall {
  private done = false;
  timer: NodeJS.Timeout | undefined;
  chunks: Buffer[] = [];
  received = 0;
  /** The request message's length, from its frame header; -1 until 5 bytes have arrived. */
  length = -1;
  constructor(
    private readonly stream: CallStream,
    readonly method: FastMethod,
    readonly maxBytes: number,
  ) {
    stream[CALL] = this;
  }

  /** The first of fail/succeed wins; later ones (and any after a reset) are dropped. */
  private claim(): boolean {
    if (this.done) return false;
    this.release();
    if (this.stream.destroyed || this.stream.closed) return false;
    this.done = true;
    return true;
  }

  /** Detaches the call from its stream: what comes on the stream after this is read and dropped. */
  release(): void {
    clearTimeout(this.timer);
    this.stream[CALL] = undefined;
    this.chunks = [];
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

function onData(this: CallStream, chunk: Buffer): void {
  const call = this[CALL];
  if (call === undefined) return; // answered early (a limit, the deadline): the rest is read and dropped
  call.chunks.push(chunk);
  call.received += chunk.length;
  if (call.length < 0 && call.received >= 5) {
    const head = call.chunks.length === 1 ? chunk : Buffer.concat(call.chunks);
    if (head[0] !== 0)
      return call.fail(
        status.INTERNAL,
        'Received compressed message but "grpc-encoding" header was identity',
      );
    call.length = head.readUInt32BE(1);
    if (call.length > call.maxBytes)
      return call.fail(
        status.RESOURCE_EXHAUSTED,
        `Received message larger than max (${call.length} vs. ${call.maxBytes})`,
      );
  }
  if (call.length >= 0 && call.received > 5 + call.length)
    call.fail(
      status.UNIMPLEMENTED,
      `Received a second request message for server streaming method ${call.method.path}`,
    );
}

function onEnd(this: CallStream): void {
  const call = this[CALL];
  if (call === undefined) return;
  const { chunks, received, length, method } = call;
  if (length < 0 || received < 5 + length)
    return call.fail(
      status.UNIMPLEMENTED,
      `Received no request message for server streaming method ${method.path}`,
    );
  const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received);
  call.chunks = [];
  const request = method.decode(body.subarray(5)) as Malformed | object;
  method.handler({ request }, (err, response) => {
    if (err) call.fail(err.code ?? status.UNKNOWN, err.details ?? '');
    else call.succeed(response);
  });
}

/** A stream closed before its answer (a reset, a cancelled call): the deadline timer goes. */
function onClose(this: CallStream): void {
  this[CALL]?.release();
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
  const call = new UnaryCall(stream, method, maxBytes);
  if (deadlineMs !== Infinity) {
    call.timer = setTimeout(
      () => call.fail(status.DEADLINE_EXCEEDED, 'Deadline exceeded'),
      deadlineMs,
    );
    stream.on('close', onClose);
  }
  stream.on('error', ignore);
  stream.on('data', onData);
  stream.on('end', onEnd);
}
