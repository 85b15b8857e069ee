import { createServer } from 'node:http2';
import type { Http2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { Forwarder } from './forward.js';
import { plainUnaryDeadline, serveUnary } from './unary-stream.js';
import type { FastMethod } from './unary-stream.js';

/**
 * The gRPC port: one node:http2 server. A plain call of a unary method is answered
 * here (./unary-stream.ts); every other stream goes to grpc-js (./forward.ts), which
 * serves the streaming methods and reflection and answers whatever is unusual. The
 * server is set up as grpc-js sets up its own (no session memory limit, no idle timeout).
 */
export interface Front {
  port: number;
  /** Stops taking connections and lets open streams finish; after `graceMs` closes what is left. */
  close(graceMs: number): Promise<void>;
}

export async function listenFront(opts: {
  port: number;
  host: string;
  maxMessageBytes: number;
  methods: readonly FastMethod[];
  forwarder: Forwarder;
}): Promise<Front> {
  const methods = new Map(opts.methods.map((m) => [m.path, m]));
  const server = createServer({
    maxSessionMemory: Number.MAX_SAFE_INTEGER,
    maxSendHeaderBlockLength: Number.MAX_SAFE_INTEGER,
  });
  server.setTimeout(0);
  const sessions = new Set<Http2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('error', () => {}); // a broken connection: its streams close with it
    session.on('close', () => sessions.delete(session));
  });
  server.on('stream', (stream, headers) => {
    const method = methods.get(headers[':path'] ?? '');
    const deadlineMs = method ? plainUnaryDeadline(headers) : undefined;
    if (method && deadlineMs !== undefined)
      serveUnary(stream, deadlineMs, method, opts.maxMessageBytes);
    else opts.forwarder.forward(stream, headers);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: (graceMs) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => sessions.forEach((s) => s.destroy()), graceMs);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        for (const session of sessions) session.close();
      }),
  };
}
