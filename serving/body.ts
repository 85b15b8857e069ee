import { constants, createGunzip, createInflate, gzip } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Transform } from 'node:stream';
import type { FastifyBodyParser, FastifyInstance, FastifyRequest } from 'fastify';
import sjson from 'secure-json-parse';
import { BadRequest, HttpError } from './http-error.js';

/**
 * Request bodies as real clients send them. tritonclient.http sends no Content-Type, its aio
 * client and the KServe SDK send `application/octet-stream`, TF Serving's documented curl
 * sends `application/x-www-form-urlencoded`: every body is read as JSON whatever its type,
 * except
 *   - a KServe V2 body with `Inference-Header-Content-Length` (binary tensor data), and
 *   - `text/csv` (MLflow and SageMaker scoring), which the routes that take CSV accept, and
 *   - another named format sent to /invocations (XML, NPY…): a 415, as MLflow answers.
 * `Content-Encoding: gzip | deflate` bodies are inflated on the way in; fastify's body limit
 * counts the inflated bytes, so a zip bomb is a 413 after at most `bodyLimit` bytes.
 */

/** A V2 request with binary tensor data: the JSON header, then the tensors' bytes. */
export class BinaryBody {
  constructor(
    readonly header: unknown,
    readonly binary: Buffer,
  ) {}
}

/** A `text/csv` body. */
export class CsvBody {
  constructor(readonly text: string) {}
}

const NAN = '\u0000cd4ml:NaN';
const NAN_JSON = JSON.stringify(NAN);
/** `__proto__` and `constructor.prototype` keys are refused, as fastify's own JSON parser does. */
const POISON = { protoAction: 'error', constructorAction: 'error' } as const;

/**
 * JSON, plus the bare `NaN`, `Infinity` and `-Infinity` that Python's `json.dumps` writes and
 * TF Serving accepts. Plain JSON takes `JSON.parse` alone; only a body that fails it is scanned.
 */
export function parseLenientJson(text: string): unknown {
  try {
    return sjson.parse(text, undefined, POISON);
  } catch (err) {
    const fixed = replaceNonFinite(text);
    if (fixed !== undefined) {
      try {
        return sjson.parse(fixed, (_k, v: unknown) => (v === NAN ? NaN : v), POISON) as unknown;
      } catch {
        // The first error describes the body as the client sent it.
      }
    }
    throw new BadRequest(
      `malformed JSON: ${(err as Error).message.slice(0, 200)} (trailing commas and comments are not JSON)`,
    );
  }
}

/** The text with bare NaN/±Infinity (outside strings) as parseable JSON, or undefined when there are none. */
function replaceNonFinite(text: string): string | undefined {
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 78 && text.startsWith('NaN', i)) {
      out += `${text.slice(from, i)}${NAN_JSON}`;
      i += 2;
      from = i + 1;
    } else if (c === 73 && text.startsWith('Infinity', i)) {
      // `-Infinity` keeps its sign: -1e999 parses to -Infinity.
      out += `${text.slice(from, i)}1e999`;
      i += 7;
      from = i + 1;
    }
  }
  return from === 0 ? undefined : out + text.slice(from);
}

const BINARY_HEADER = 'inference-header-content-length';

function mediaType(request: FastifyRequest): string {
  const type = request.headers['content-type'];
  return type === undefined ? '' : type.split(';', 1)[0]!.trim().toLowerCase();
}

/**
 * The media types /invocations reads as JSON: JSON's own, none, and the defaults clients put
 * on any body (curl's form type, octet-stream, text/plain). Any other named format (XML, NPY,
 * images, RecordIO) is a 415, as MLflow's scoring server answers it.
 */
const READ_AS_JSON =
  /^(|application\/json|application\/[\w.+-]*\+json|text\/json|text\/plain|application\/octet-stream|application\/x-www-form-urlencoded)$/;

function decodeBody(request: FastifyRequest, body: Buffer): unknown {
  const given = request.headers[BINARY_HEADER];
  if (given !== undefined && request.url.startsWith('/v2/')) {
    const headerLength = String(given);
    const n = /^\d{1,15}$/.test(headerLength.trim()) ? Number(headerLength) : NaN;
    if (!Number.isSafeInteger(n))
      throw new BadRequest(
        `Inference-Header-Content-Length must be a byte count, received '${headerLength.slice(0, 32)}'`,
      );
    if (n > body.length)
      throw new BadRequest(
        `Inference-Header-Content-Length is ${n} but the body has only ${body.length} bytes`,
      );
    if (n === 0)
      throw new BadRequest(
        'Inference-Header-Content-Length is 0 (a raw binary request without a JSON header), which this server does not take: send the JSON inference header first',
      );
    return new BinaryBody(binaryHeader(body.toString('utf8', 0, n), n), body.subarray(n));
  }
  const type = mediaType(request);
  if (type === 'text/csv') return new CsvBody(body.toString('utf8'));
  if (request.url.startsWith('/invocations') && !READ_AS_JSON.test(type))
    throw new HttpError(
      415,
      `/invocations takes application/json or text/csv, received Content-Type '${type.slice(0, 64)}'`,
    );
  if (body.length === 0) throw new BadRequest('the request body is empty: send a JSON object');
  return parseLenientJson(body.toString('utf8'));
}

/** The JSON inference header of a binary request; a parse error says which bytes were read as it. */
function binaryHeader(text: string, n: number): unknown {
  try {
    return parseLenientJson(text);
  } catch (err) {
    throw new BadRequest(
      `the JSON inference header (the first ${n} bytes, from Inference-Header-Content-Length) is not valid: ${(err as Error).message}`,
    );
  }
}

/** An inflating stream that reports the encoded bytes it took, so fastify checks Content-Length against them. */
function inflating(payload: NodeJS.ReadableStream, encoding: string): Transform {
  const inflate = encoding === 'deflate' ? createInflate() : createGunzip();
  const counted = inflate as unknown as Transform & { receivedEncodedLength: number };
  counted.receivedEncodedLength = 0;
  payload.on('data', (chunk: Buffer) => (counted.receivedEncodedLength += chunk.length));
  payload.on('error', (err: Error) => inflate.destroy(err));
  inflate.on('error', (err: Error & { statusCode?: number }) => {
    err.statusCode = 400;
    err.message = `the body is not valid ${encoding} data (Content-Encoding: ${encoding}): ${err.message}`;
  });
  payload.pipe(inflate);
  return inflate;
}

/**
 * `Expect: 100-continue` (curl sends it for bodies over 1 MiB): Node answers 100 Continue by
 * itself; here a request whose Content-Length is already past the limit gets its 413 instead,
 * so the client does not send a body that would be refused.
 */
function expectContinue(app: FastifyInstance, bodyLimit: number): void {
  app.server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    const length = Number(req.headers['content-length']);
    if (!(length > bodyLimit)) res.writeContinue();
    // Without 100 Continue, fastify sees the Content-Length and answers 413 in the route's shape.
    app.server.emit('request', req, res);
  });
}

/** Installs the body parsing described above on `app` (replacing fastify's JSON-only parsers). */
export function registerBodyParsing(app: FastifyInstance, bodyLimit: number): void {
  expectContinue(app, bodyLimit);
  // A callback hook, as onSend below: no promise per request for the common case.
  app.addHook('preParsing', (request, _reply, payload, done) => {
    const raw = request.headers['content-encoding'];
    const encoding = raw?.trim().toLowerCase();
    if (encoding === undefined || encoding === '' || encoding === 'identity') {
      done(null, payload);
    } else if (encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate') {
      done(null, inflating(payload, encoding === 'deflate' ? 'deflate' : 'gzip'));
    } else {
      done(
        new HttpError(
          415,
          `unsupported Content-Encoding '${raw!.slice(0, 32)}': send the body as it is, gzip or deflate`,
        ),
      );
    }
  });
  app.removeAllContentTypeParsers();
  const parser: FastifyBodyParser<Buffer> = (request, body, done) => {
    try {
      done(null, decodeBody(request, body));
    } catch (err) {
      done(err as Error, undefined);
    }
  };
  // Both match every content type. Fastify caches which parser a Content-Type header
  // gets only when one matched by name or pattern, not the '*' fallback: without the
  // pattern, every request parsed its Content-Type anew (~4% of a worker's CPU at c=256).
  app.addContentTypeParser(/^/, { parseAs: 'buffer' }, parser);
  app.addContentTypeParser('*', { parseAs: 'buffer' }, parser);
}

/** Responses smaller than this go as they are: compressing them costs more than it saves. */
const COMPRESS_FROM = 32 * 1024;

/**
 * `Accept-Encoding: gzip` (tritonclient's response_compression_algorithm, browsers, curl
 * --compressed): large successful responses are gzipped, off the event loop (zlib's threads).
 */
export function registerResponseCompression(app: FastifyInstance): void {
  // A callback hook: most responses pass straight through, without a promise per request.
  app.addHook('onSend', (request, reply, payload, done) => {
    const accept = request.headers['accept-encoding'];
    if (
      accept === undefined ||
      !Buffer.isBuffer(payload) ||
      payload.length < COMPRESS_FROM ||
      reply.statusCode !== 200 ||
      !/\bgzip\b(?!\s*;\s*q=0(\.0*)?\b)/i.test(accept)
    ) {
      done(null, payload);
      return;
    }
    void reply.header('content-encoding', 'gzip').header('vary', 'accept-encoding');
    gzip(payload, { level: constants.Z_BEST_SPEED }, (err, zipped) =>
      err ? done(err) : done(null, zipped),
    );
  });
}

/**
 * Requests Node's HTTP/1.1 parser cannot read. An HTTP/2 client with prior knowledge (h2c,
 * e.g. `curl --http2-prior-knowledge`) sends the HTTP/2 preface: it gets 505 and a message
 * instead of a bare 400; anything else unparseable gets a 400 JSON error. Both close the
 * connection: the parser cannot find where the next request would start.
 */
export function clientError(
  err: Error & { code?: string; rawPacket?: unknown },
  socket: Socket,
): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const raw = err.rawPacket;
  const h2 = Buffer.isBuffer(raw) && raw.toString('latin1', 0, 16).startsWith('PRI * HTTP/2.0');
  const [status, message] = h2
    ? [
        '505 HTTP Version Not Supported',
        'HTTP/2 is not served on this port: send HTTP/1.1 (gRPC clients: use the --grpc-port port)',
      ]
    : ['400 Bad Request', `malformed HTTP request (${err.code ?? 'parse error'})`];
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
