// A fault-injecting HTTP proxy in front of the real registry, for the push failure checks:
// it forwards every request unchanged (the Host header too, so the registry's upload
// Locations point back at the proxy) unless `fault(req)` says otherwise:
//   { status, body?, headers? }  answer that instead of forwarding;
//   'drop'                       forward the headers, read part of the body, then cut the
//                                connection (a connection dropped mid-upload).
// Every request is recorded as `METHOD path` so a check can count attempts.
import { createServer, request } from 'node:http';

export async function startFaultProxy(target, fault = () => undefined) {
  const seen = [];
  const server = createServer((req, res) => {
    const line = `${req.method} ${req.url.split('?')[0]}`;
    seen.push(line);
    const action = fault(req, line);
    if (action === 'drop') {
      let bytes = 0;
      req.on('data', (chunk) => {
        bytes += chunk.length;
        if (bytes > 64 * 1024) req.socket.destroy();
      });
      // A body too small to cut mid-way is cut when it ends.
      req.on('end', () => req.socket.destroy());
      return;
    }
    if (action) {
      const body = action.body ?? '';
      res.writeHead(action.status, {
        'content-type': 'application/json',
        'docker-distribution-api-version': 'registry/2.0',
        'content-length': Buffer.byteLength(body),
        ...action.headers,
      });
      req.resume();
      res.end(body);
      return;
    }
    const upstream = request(
      {
        host: target.split(':')[0],
        port: target.split(':')[1],
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 1000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${server.address().port}`,
    seen,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

/** The registry's own 401 (distribution's JSON error and challenge), as with bad credentials. */
export const UNAUTHORIZED = {
  status: 401,
  headers: { 'www-authenticate': 'Basic realm="cd4ml-test-registry"' },
  body: JSON.stringify({
    errors: [{ code: 'UNAUTHORIZED', message: 'authentication required', detail: null }],
  }),
};

/** A 503, as a registry behind a load balancer answers when its backend is down. */
export const UNAVAILABLE = {
  status: 503,
  headers: { 'content-type': 'text/plain' },
  body: 'Service Unavailable',
};
