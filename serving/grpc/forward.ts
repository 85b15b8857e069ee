import { connect, constants } from 'node:http2';
import type {
  ClientHttp2Session,
  IncomingHttpHeaders,
  OutgoingHttpHeaders,
  ServerHttp2Stream,
} from 'node:http2';
import { duplexPair } from 'node:stream';
import { ServerCredentials } from '@grpc/grpc-js';
import type { Server } from '@grpc/grpc-js';

/**
 * The calls ./front.ts does not answer itself — streaming methods (health Watch,
 * reflection), compressed messages, anything unusual — go to grpc-js unchanged: each
 * stream is relayed, headers, messages and trailers, over one HTTP/2 connection that
 * lives in memory (a duplex pair handed to grpc-js's connection injector), so grpc-js
 * opens no port of its own.
 */
export interface Forwarder {
  forward(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void;
  close(): void;
}

export function forwarderTo(server: Server): Forwarder {
  const injector = server.createConnectionInjector(ServerCredentials.createInsecure());
  let session: ClientHttp2Session | undefined;
  const link = (): ClientHttp2Session => {
    if (session && !session.closed && !session.destroyed) return session;
    const [ours, theirs] = duplexPair();
    injector.injectConnection(theirs);
    const s = connect('http://cd4ml-grpc.internal', {
      createConnection: () => ours,
      maxSessionMemory: Number.MAX_SAFE_INTEGER,
    });
    s.on('error', () => {}); // its streams fail with it; the next call opens a new link
    s.on('close', () => {
      if (session === s) session = undefined;
    });
    session = s;
    return s;
  };
  return {
    forward: (stream, headers) => relay(link(), stream, headers),
    close: () => {
      session?.close();
      injector.destroy();
    },
  };
}

function relay(
  session: ClientHttp2Session,
  stream: ServerHttp2Stream,
  headers: IncomingHttpHeaders,
): void {
  const request: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) request[name] = value;
  const upstream = session.request(request);
  stream.on('error', () => {});
  upstream.on('error', () => {});
  stream.pipe(upstream);
  let trailers: OutgoingHttpHeaders = {};
  upstream.on('response', (response, flags) => {
    if (stream.destroyed || stream.closed) return;
    // Trailers-only: an error before any message (UNIMPLEMENTED, a bad timeout, …).
    if (flags & constants.NGHTTP2_FLAG_END_STREAM) {
      stream.respond(response, { endStream: true });
      return;
    }
    stream.respond(response, { waitForTrailers: true });
    stream.once('wantTrailers', () => stream.sendTrailers(trailers));
    upstream.pipe(stream);
  });
  upstream.on('trailers', (received: IncomingHttpHeaders) => {
    trailers = received;
  });
  // A reset on either side resets the other (a cancelled call, a closed link).
  stream.on('close', () => {
    if (!upstream.closed) upstream.close(constants.NGHTTP2_CANCEL);
  });
  upstream.on('close', () => {
    if (upstream.rstCode !== constants.NGHTTP2_NO_ERROR && !stream.closed)
      stream.close(upstream.rstCode ?? constants.NGHTTP2_INTERNAL_ERROR);
  });
}
