import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempRepository } from './testing.js';

/**
 * The real process: `cd4ml serve` over a socket, then SIGTERM while requests are
 * in flight. Every request the server accepted must be answered 200 and the
 * process must exit 0.
 */

let repo: { root: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  repo = await tempRepository({ iris: { 1: 'iris-v1.onnx' } });
  // A long batching delay keeps accepted requests queued inside the server when SIGTERM lands.
  await writeFile(
    join(repo.root, 'iris', 'config.yaml'),
    'batching: { max_batch_size: 1000, max_queue_delay_us: 400000 }\n',
  );
});
afterAll(() => repo.cleanup());

function predict(
  port: number,
  opts: { path?: string; body?: string; contentType?: string } = {},
): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const body = opts.body ?? JSON.stringify({ instances: [[5.1, 3.5, 1.4, 0.2]] });
    const req = request(
      {
        port,
        host: '127.0.0.1',
        method: 'POST',
        path: opts.path ?? '/v1/models/iris:predict',
        agent: false,
        headers: { 'content-type': opts.contentType ?? 'application/json', connection: 'close' },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
    req.end(body);
  });
}

/** node's arguments for `cd4ml serve` from the sources on a free port of 127.0.0.1, plus `extra`. */
function serveArgs(...extra: string[]): string[] {
  return [
    '--import',
    'tsx',
    'bin/main.ts',
    'serve',
    repo.root,
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    '--settle',
    '0',
    ...extra,
  ];
}

// One process, and a primary relaying SIGTERM to two workers.
it.each(['1', '2'])(
  '--workers %s: answers bad requests over real sockets with 4xx, then finishes every accepted request after SIGTERM and exits 0',
  async (workers) => {
    // --access-log: the server says when it has received each request, which the test waits for.
    const args = serveArgs('--max-body', '64kb', '--workers', workers, '--access-log');
    const child = spawn(process.execPath, args, {
      cwd: join(import.meta.dirname, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let logs = '';
    child.stderr.on('data', (c: Buffer) => (logs += c.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        logs += c.toString();
        const m = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        // Every worker listening and serving: a worker still starting when SIGTERM lands
        // would be another test (one process listens before its model is loaded).
        const count = (re: RegExp): number => (out.match(re) ?? []).length;
        if (
          m &&
          count(/Server listening at/g) >= Number(workers) &&
          count(/now serving/g) >= Number(workers)
        )
          resolve(Number(m[1]));
      });
      setTimeout(() => reject(new Error(`server did not start: ${logs}`)), 20_000);
    });

    // Bad input over the wire: broken JSON, wrong types, a body over --max-body, wrong content type.
    const big = JSON.stringify({
      instances: Array.from({ length: 5000 }, () => [5.1, 3.5, 1.4, 0.2]),
    });
    const bad = await Promise.all([
      ...[
        '{',
        '{"instances":[[1,2,3,NaNa]]}',
        '{"instances":[[1,2,3]]}',
        '{"instances":[["a","b","c","d"]]}',
        '[]',
        '',
      ].flatMap((body) =>
        ['/v1/models/iris:predict', '/v2/models/iris/infer', '/invocations'].map((path) =>
          predict(port, { path, body }),
        ),
      ),
      predict(port, { body: big }),
      predict(port, { path: '/invocations', body: big }),
      predict(port, { contentType: 'text/csv', body: 'a,b\n1,2' }),
      predict(port, { path: '/v1/models/%ZZ:predict' }),
      predict(port, { path: '/v1/models/..%2F..%2Fetc:predict' }),
    ]);
    expect(bad.map((r) => ('status' in r ? Math.floor(r.status / 100) : r.error))).toEqual(
      bad.map(() => 4),
    );
    expect(bad.filter((r) => 'status' in r && r.status === 413)).toHaveLength(2);

    // Each request marked so that its access-log line can be told apart.
    const marked = Array.from({ length: 40 }, (_, i) => `/v1/models/iris:predict?in-flight=${i}`);
    const received = new Promise<void>((resolve) => {
      const check = (): void => {
        if (marked.every((path) => logs.includes(`"url":"${path}"`))) resolve();
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
    });
    const inFlight = marked.map((path) => predict(port, { path }));
    // Stop the server once it has received every one of them (the batch holds them 400 ms).
    await received;
    child.kill('SIGTERM');
    const results = await Promise.all(inFlight);
    expect(results.map((r) => ('status' in r ? r.status : r.error))).toEqual(
      Array.from({ length: 40 }, () => 200),
    );
    for (const r of results)
      expect(JSON.parse((r as { body: string }).body).predictions[0].label).toBe(0);
    expect(await exited).toBe(0);
    // After the listener closed, new connections are refused: nothing is accepted and then dropped.
    expect(await predict(port)).toEqual({ error: 'ECONNREFUSED' });
    expect(logs).toMatch(/"msg":"shutting down: finishing in-flight requests"/);
    expect(logs).toMatch(/"msg":"shut down cleanly"/);
  },
);

it('says which port is taken instead of crashing', async () => {
  const { createServer } = await import('node:http');
  const { startServer } = await import('./server.js');
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  try {
    const err = await startServer({
      repository: repo.root,
      port,
      host: '127.0.0.1',
      logLevel: false,
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      `port ${port} on 127.0.0.1 is already in use\n  hint: stop the other server or pick another port with --port`,
    );
  } finally {
    blocker.close();
  }
});

it('--workers 2 shares the port, sums metrics over workers, and stops cleanly', async () => {
  const child = spawn(process.execPath, serveArgs('--workers', '2'), {
    cwd: join(import.meta.dirname, '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Port 0 in a cluster: the primary binds once and both workers share that port.
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m && (out.match(/now serving/g) ?? []).length >= 2) {
        clearInterval(timer);
        resolve(Number(m[1]));
      }
    }, 50);
    setTimeout(() => reject(new Error(`cluster did not start: ${out}`)), 25_000);
  });
  const results = await Promise.all(Array.from({ length: 30 }, () => predict(port)));
  expect(results.map((r) => ('status' in r ? r.status : r.error))).toEqual(results.map(() => 200));
  const metrics = await new Promise<string>((resolve) => {
    request({ port, host: '127.0.0.1', path: '/metrics', agent: false }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve(text));
    }).end();
  });
  expect(metrics).toMatch(
    /cd4ml_requests_total\{model="iris",version="1",protocol="tfserving",status="200"\} 30\b/,
  );
  expect(metrics).toMatch(/cd4ml_ready 1\b/);
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});
