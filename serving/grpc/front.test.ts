import { connect, constants } from 'node:http2';
import { connect as netConnect } from 'node:net';
import type { ClientHttp2Session, IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http2';
import { credentials, loadPackageDefinition, status } from '@grpc/grpc-js';
import type { Client } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Forwarder } from './forward.js';
import { listenFront } from './front.js';
import type { Front } from './front.js';
import { loadProtos } from './protos.js';
import { encodeRequest, grpcSuite, rawCall } from './testing.js';
import type { Stub } from './testing.js';

const INFER = '/inference.GRPCInferenceService/ModelInfer';
const LIVE = '/inference.GRPCInferenceService/ServerLive';

/** A gRPC frame: uncompressed unless `compressed`, 4-byte length, message. */
function frame(message: Buffer, compressed = false): Buffer {
  const header = Buffer.alloc(5);
  header[0] = compressed ? 1 : 0;
  header.writeUInt32BE(message.length, 1);
  return Buffer.concat([header, message]);
}

interface Answer {
  headers: IncomingHttpHeaders;
  trailers: IncomingHttpHeaders;
  body: Buffer;
  /** grpc-status from the trailers, or from the headers of a trailers-only answer. */
  code: string;
  message: string;
}

/** One call over plain HTTP/2; `end: false` keeps the request open (for deadlines). */
function call(
  session: ClientHttp2Session,
  path: string,
  body: Buffer,
  extra: OutgoingHttpHeaders = {},
  end = true,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = session.request({
      ':method': 'POST',
      ':path': path,
      'content-type': 'application/grpc',
      te: 'trailers',
      ...extra,
    });
    let headers: IncomingHttpHeaders = {};
    let trailers: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    req.on('response', (h, flags) => {
      headers = h;
      // A trailers-only answer to a request still open: gRPC clients end the call there.
      if (!end && flags & constants.NGHTTP2_FLAG_END_STREAM) req.close();
    });
    req.on('trailers', (t: IncomingHttpHeaders) => (trailers = t));
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', reject);
    req.on('close', () => {
      const source = trailers['grpc-status'] === undefined ? headers : trailers;
      resolve({
        headers,
        trailers,
        body: Buffer.concat(chunks),
        code: String(source['grpc-status']),
        message: decodeURI(String(source['grpc-message'] ?? '')),
      });
    });
    if (end) req.end(body);
    else req.write(body);
  });
}

const inferRequest = (): Buffer =>
  encodeRequest(INFER, {
    model_name: 'iris',
    inputs: [{ name: 'float_input', datatype: 'FP32', shape: [1, 4] }],
    raw_input_contents: [Buffer.from(new Float32Array([5.1, 3.5, 1.4, 0.2]).buffer)],
  });

describe('the gRPC port: plain unary calls on node:http2, the rest through grpc-js', () => {
  const grpc = grpcSuite({ iris: { 1: 'iris-v1.onnx' } }, { maxMessageBytes: 64 * 1024 });
  let session: ClientHttp2Session;
  let v2: Stub;
  beforeAll(() => {
    session = connect(`http://127.0.0.1:${grpc.server.port}`);
    v2 = grpc.client('inference.GRPCInferenceService');
  });
  afterAll(() => session.close());

  it("answers a plain call with grpc-js's headers and trailers, and the same message a compressed (grpc-js) call gets", async () => {
    const plain = await call(session, INFER, frame(inferRequest()));
    expect(plain.code).toBe('0');
    expect(plain.headers).toMatchObject({
      ':status': 200,
      'content-type': 'application/grpc+proto',
      'grpc-encoding': 'identity',
      'grpc-accept-encoding': 'identity,deflate,gzip',
    });
    expect(plain.trailers).toMatchObject({ 'grpc-status': '0', 'grpc-message': 'OK' });
    // A gzip-compressing client: grpc-js decompresses it (forwarded), and answers the same.
    const pkg = loadPackageDefinition(loadProtos().definition) as unknown as {
      inference: { GRPCInferenceService: new (a: string, c: unknown, o: object) => Client };
    };
    const gzip = new pkg.inference.GRPCInferenceService(
      `127.0.0.1:${grpc.server.port}`,
      credentials.createInsecure(),
      { 'grpc.default_compression_algorithm': 2 },
    );
    try {
      const viaGrpcJs = await rawCall(gzip, INFER, inferRequest());
      expect(plain.body.subarray(5).equals(viaGrpcJs)).toBe(true);
    } finally {
      gzip.close();
    }
  });

  it('answers DEADLINE_EXCEEDED when grpc-timeout runs out, and INTERNAL (from grpc-js) for a timeout that is no timeout', async () => {
    // The request never ends: only the deadline can answer it.
    const late = await call(session, INFER, Buffer.alloc(0), { 'grpc-timeout': '50m' }, false);
    expect(late).toMatchObject({
      code: String(status.DEADLINE_EXCEEDED),
      message: 'Deadline exceeded',
    });
    const bad = await call(session, INFER, frame(inferRequest()), { 'grpc-timeout': 'soon' });
    expect(bad).toMatchObject({
      code: String(status.INTERNAL),
      message: 'Invalid grpc-timeout value "soon"',
    });
    const inTime = await call(session, INFER, frame(inferRequest()), { 'grpc-timeout': '10S' });
    expect(inTime.code).toBe('0');
  });

  it.each([
    ['no message', Buffer.alloc(0), status.UNIMPLEMENTED, 'Received no request message'],
    [
      'half a frame header',
      Buffer.from([0, 0]),
      status.UNIMPLEMENTED,
      'Received no request message',
    ],
    [
      'two messages',
      Buffer.concat([frame(inferRequest()), frame(inferRequest())]),
      status.UNIMPLEMENTED,
      'Received a second request message',
    ],
    [
      'a compressed message without grpc-encoding',
      frame(inferRequest(), true),
      status.INTERNAL,
      'Received compressed message but "grpc-encoding" header was identity',
    ],
    [
      'a message past the limit',
      frame(Buffer.alloc(64 * 1024 + 1)),
      status.RESOURCE_EXHAUSTED,
      'Received message larger than max (65537 vs. 65536)',
    ],
  ])('answers %s as grpc-js does', async (_what, body, code, message) => {
    const answer = await call(session, INFER, body);
    expect(answer.code).toBe(String(code));
    expect(answer.message).toContain(message);
  });

  it('hands grpc-js what is not gRPC (415) or not served (UNIMPLEMENTED), and keeps serving after a cancelled call', async () => {
    const html = await call(session, INFER, frame(inferRequest()), { 'content-type': 'text/html' });
    expect(html.headers[':status']).toBe(415);
    const nope = await call(
      session,
      '/inference.GRPCInferenceService/Nope',
      frame(Buffer.alloc(0)),
    );
    expect(nope.code).toBe(String(status.UNIMPLEMENTED));
    const req = session.request({
      ':method': 'POST',
      ':path': INFER,
      'content-type': 'application/grpc',
    });
    req.on('error', () => {});
    req.write(frame(inferRequest()).subarray(0, 8));
    await new Promise<void>((resolve) => {
      req.on('close', resolve);
      req.close(constants.NGHTTP2_CANCEL);
    });
    expect(await v2.ServerLive({})).toEqual({ live: true });
  });
});

describe('the gRPC port under hostile connections', () => {
  const grpc = grpcSuite({ iris: { 1: 'iris-v1.onnx' } });
  let v2: Stub;
  beforeAll(() => {
    v2 = grpc.client('inference.GRPCInferenceService');
  });

  it('survives bytes that are no HTTP/2, streams reset as soon as they open, and keeps serving', async () => {
    // An HTTP/1.1 request on the gRPC port: the connection is closed, nothing else happens.
    const closed = await new Promise<string>((resolve) => {
      const socket = netConnect(grpc.server.port, '127.0.0.1', () =>
        socket.end('POST /inference.GRPCInferenceService/ModelInfer HTTP/1.1\r\nHost: x\r\n\r\n'),
      );
      socket.on('error', () => resolve('error'));
      socket.on('close', () => resolve('closed'));
      socket.resume();
    });
    expect(['closed', 'error']).toContain(closed);
    // Rapid reset: 500 calls opened and cancelled at once, half of them mid-message.
    const session = connect(`http://127.0.0.1:${grpc.server.port}`);
    session.on('error', () => {});
    await Promise.all(
      Array.from({ length: 500 }, (_, i) => {
        const req = session.request({
          ':method': 'POST',
          ':path': INFER,
          'content-type': 'application/grpc',
        });
        req.on('error', () => {});
        if (i % 2) req.write(frame(inferRequest()).subarray(0, 9));
        return new Promise<void>((resolve) => {
          req.on('close', resolve);
          req.close(constants.NGHTTP2_CANCEL);
        });
      }),
    );
    session.close();
    const res = await v2.ModelInfer({
      model_name: 'iris',
      inputs: [{ name: 'float_input', datatype: 'FP32', shape: [1, 4] }],
      raw_input_contents: [Buffer.from(new Float32Array([5.1, 3.5, 1.4, 0.2]).buffer)],
    });
    expect(res.model_name).toBe('iris');
  });
});

describe('listenFront', () => {
  let front: Front;
  const forwarded: string[] = [];
  const forwarder: Forwarder = {
    forward: (stream, headers) => {
      forwarded.push(String(headers[':path']));
      stream.respond(
        { ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12' },
        { endStream: true },
      );
    },
    close: () => {},
  };
  beforeAll(async () => {
    front = await listenFront({
      port: 0,
      host: '127.0.0.1',
      maxMessageBytes: 1024,
      methods: [
        {
          path: LIVE,
          decode: (bytes) => bytes.toString(),
          encode: (value) => Buffer.from(String(value)),
          handler: (c, callback) => callback(null, `live:${String(c.request)}`),
        },
      ],
      forwarder,
    });
  });
  afterAll(() => front.close(1000));

  it('answers plain calls of its methods itself and forwards everything else', async () => {
    const session = connect(`http://127.0.0.1:${front.port}`);
    try {
      const plain = await call(session, LIVE, frame(Buffer.from('x')));
      expect(plain.body.subarray(5).toString()).toBe('live:x');
      await call(session, LIVE, frame(Buffer.from('x')), { 'grpc-encoding': 'gzip' });
      await call(session, LIVE, frame(Buffer.from('x')), { 'grpc-timeout': 'later' });
      await call(session, '/grpc.health.v1.Health/Watch', frame(Buffer.alloc(0)));
      expect(forwarded).toEqual([LIVE, LIVE, '/grpc.health.v1.Health/Watch']);
    } finally {
      session.close();
    }
  });
});
