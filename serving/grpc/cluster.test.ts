import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempRepository } from '../testing.js';
import { stub } from './testing.js';

let repo: Awaited<ReturnType<typeof tempRepository>>;
beforeAll(async () => {
  repo = await tempRepository({ iris: { 1: 'iris-v1.onnx' } });
});
afterAll(() => repo.cleanup());

// The real process with --workers 2: the gRPC port is shared like the REST one (the primary
// holds the socket and deals connections out), and /metrics sums the calls over the workers.
it('cd4ml serve --workers 2 --grpc-port: both workers serve gRPC, metrics are summed, SIGTERM stops it', async () => {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bin/main.ts',
      'serve',
      repo.root,
      '--port',
      '0',
      '--grpc-port',
      '0',
      '--host',
      '127.0.0.1',
      '--settle',
      '0',
      '--workers',
      '2',
    ],
    { cwd: join(import.meta.dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ports = await new Promise<{ http: number; grpc: number }>((resolve, reject) => {
    const timer = setInterval(() => {
      const http = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      const grpc = [...out.matchAll(/"grpcPort":(\d+)/g)].map((m) => Number(m[1]));
      if (http && grpc.length >= 2) {
        clearInterval(timer);
        // Port 0 in a cluster: the primary binds once and both workers share that port.
        expect(new Set(grpc).size).toBe(1);
        resolve({ http: Number(http[1]), grpc: grpc[0]! });
      }
    }, 50);
    setTimeout(() => reject(new Error(`cluster did not start: ${out}`)), 25_000);
  });
  // Separate channels: separate connections, dealt to the workers in turn.
  const clients = Array.from({ length: 4 }, () =>
    stub(ports.grpc, 'inference.GRPCInferenceService'),
  );
  try {
    const answers = await Promise.all(
      clients.flatMap((c) =>
        Array.from({ length: 5 }, () =>
          c.ModelInfer({
            model_name: 'iris',
            inputs: [
              {
                name: 'float_input',
                datatype: 'FP32',
                shape: [1, 4],
                contents: { fp32_contents: [5.1, 3.5, 1.4, 0.2] },
              },
            ],
          }),
        ),
      ),
    );
    expect(answers.map((a) => a.model_name)).toEqual(answers.map(() => 'iris'));
  } finally {
    for (const c of clients) c.client.close();
  }
  const metrics = await new Promise<string>((resolve) => {
    request({ port: ports.http, host: '127.0.0.1', path: '/metrics', agent: false }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve(text));
    }).end();
  });
  expect(metrics).toMatch(
    /cd4ml_requests_total\{model="iris",version="1",protocol="kserve-grpc",status="OK"\} 20\b/,
  );
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});
