import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_V8_FLAGS } from './cluster.js';
import { tempRepository } from './testing.js';

/**
 * Fast checks for `npm test`: these tests read serving/Dockerfile and run its ENTRYPOINT and
 * HEALTHCHECK as processes, with the image's /app mapped to this checkout (dist/ is built
 * by `pretest`). The image itself is built, run and pushed by `npm run images` (.ci/run).
 */

const ROOT = join(import.meta.dirname, '..');
const dockerfile = readFileSync(join(ROOT, 'serving/Dockerfile'), 'utf8');
// Continuation lines joined, comments dropped: one instruction per line.
const instructions = dockerfile
  .split('\n')
  .filter((line) => !line.trimStart().startsWith('#'))
  .join('\n')
  .replace(/\\\n\s*/g, ' ')
  .split('\n');
const runtime = instructions.slice(
  instructions.findIndex((line) => /^FROM \S+ AS runtime$/.test(line)),
);

function execForm(prefix: RegExp): string[] {
  const line = runtime.find((l) => prefix.test(l));
  if (!line) throw new Error(`no ${String(prefix)} in the runtime stage of serving/Dockerfile`);
  return JSON.parse(line.replace(prefix, '')) as string[];
}
const fromApp = (args: string[]): string[] => args.map((a) => a.replace(/^\/app\//, `${ROOT}/`));

describe('serving/Dockerfile', () => {
  it('is a multi-stage build on a Node 24 slim base that runs as a non-root user with the documented defaults', () => {
    expect(instructions).toContain('ARG NODE_IMAGE=node:24-slim');
    expect(instructions.filter((l) => l.startsWith('FROM ${NODE_IMAGE} AS '))).toEqual([
      'FROM ${NODE_IMAGE} AS models',
      'FROM ${NODE_IMAGE} AS build',
      'FROM ${NODE_IMAGE} AS deps',
      'FROM ${NODE_IMAGE} AS runtime',
    ]);
    expect(runtime).toContain('USER node');
    expect(runtime).toContain('EXPOSE 8501');
    expect(
      runtime.some(
        (l) =>
          l.startsWith('ENV ') && l.includes('MODEL_REPOSITORY=/models') && l.includes('PORT=8501'),
      ),
    ).toBe(true);
    expect(runtime.some((l) => l.startsWith('HEALTHCHECK '))).toBe(true);
    expect(execForm(/^ENTRYPOINT /).slice(-2)).toEqual(['/app/bin/cd4ml.js', 'serve']);
  });

  it('gives the single process (CD4ML_WORKERS=1) the V8 flags cluster workers get: V8 reads them only at start-up, and node refuses --min-semi-space-size in NODE_OPTIONS', () => {
    expect(execForm(/^ENTRYPOINT /)).toEqual([
      'node',
      ...SERVER_V8_FLAGS,
      '/app/bin/cd4ml.js',
      'serve',
    ]);
  });

  describe('its ENTRYPOINT and HEALTHCHECK, run as processes', () => {
    let repo: { root: string; cleanup: () => Promise<void> };
    beforeAll(async () => {
      repo = await tempRepository({ iris: { 1: 'iris-v1.onnx' } });
    });
    afterAll(() => repo.cleanup());

    it(
      'serve $MODEL_REPOSITORY on $PORT, pass the health check once ready, and stop with exit 0 on SIGTERM',
      { timeout: 90_000 },
      async () => {
        const port = await freePort();
        const env = {
          ...process.env,
          MODEL_REPOSITORY: repo.root,
          PORT: String(port),
          CD4ML_WORKERS: '1',
        };
        const [cmd, ...args] = fromApp(execForm(/^ENTRYPOINT /));
        expect(cmd).toBe('node');
        // node's V8 flags from the ENTRYPOINT are real flags: a typo would stop node here.
        const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let logs = '';
        child.stdout.on('data', (c: Buffer) => (logs += c.toString()));
        child.stderr.on('data', (c: Buffer) => (logs += c.toString()));
        let running = true;
        const exited = new Promise<number | null>((resolve) =>
          child.on('exit', (code) => {
            running = false;
            resolve(code);
          }),
        );
        try {
          const healthcheck = fromApp(execForm(/^HEALTHCHECK .*? CMD /));
          const healthy = (): number | null =>
            spawnSync(process.execPath, healthcheck.slice(1), { env, timeout: 3000 }).status;
          // Poll the HEALTHCHECK command until it passes or the server exits (bounded generously:
          // a loaded 2-core machine can take several seconds to load the model).
          const deadline = Date.now() + 60_000;
          let status = healthy();
          while (status !== 0 && running && Date.now() < deadline) {
            await new Promise((r) => setTimeout(r, 100));
            status = healthy();
          }
          expect(status, logs).toBe(0);
          const res = await fetch(`http://127.0.0.1:${port}/v1/models/iris:predict`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"instances":[[5.1,3.5,1.4,0.2]]}',
          });
          expect(res.status).toBe(200);
          expect(
            ((await res.json()) as { predictions: { label: number }[] }).predictions[0]!.label,
          ).toBe(0);
        } finally {
          child.kill('SIGTERM');
        }
        expect(await exited, logs).toBe(0);
        // Once the server is gone, the health check fails: it really asks the server.
        expect(
          spawnSync(process.execPath, fromApp(execForm(/^HEALTHCHECK .*? CMD /)).slice(1), {
            env,
            timeout: 3000,
          }).status,
        ).toBe(1);
      },
    );
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
