import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../testing.js';

/** `cd4ml shadow report` against a real `cd4ml serve --shadow` process, and from a saved file. */

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cd4ml-shadow-cli-'));
  for (const v of [1, 2]) {
    await mkdir(join(dir, 'repo', 'iris', String(v)), { recursive: true });
    await copyFile(
      join(ROOT, 'serving/__fixtures__/iris-v1.onnx'),
      join(dir, 'repo', 'iris', String(v), 'model.onnx'),
    );
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** One request on a connection of its own: with --workers, connections are dealt round-robin. */
function predict(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { port, host: '127.0.0.1', method: 'POST', path: '/v1/models/iris:predict', agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ instances: [[5.1, 3.5, 1.4, 0.2]] }));
  });
}

/** `cd4ml serve <repo> …` on a free port, once every worker serves `versions` versions. */
async function serve(
  repo: string,
  args: string[],
  versions: number,
): Promise<{ port: number; child: ChildProcessWithoutNullStreams }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bin/main.ts',
      'serve',
      repo,
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--settle',
      '0',
      ...args,
    ],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const workers = Number(args[args.indexOf('--workers') + 1]);
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m && (out.match(/now serving/g) ?? []).length >= versions * workers)
        resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  return { port, child };
}

it.each(['1', '2'])(
  '--workers %s: reports live traffic summed over the workers, and saves the summary for the compare action',
  async (workers) => {
    // Two versions serving in every worker.
    const { port, child } = await serve(
      join(dir, 'repo'),
      ['--workers', workers, '--shadow', 'iris:2'],
      2,
    );
    try {
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 10; i++) expect(await predict(port)).toBe(200);
      // The mirror runs after each response: wait until it has compared all ten, in whichever
      // worker answered each (a per-worker /shadow would never get there with two).
      const deadline = Date.now() + 20_000;
      for (;;) {
        const s = (await (await fetch(`${base}/shadow`)).json()) as {
          mirrored: number;
          workers: number;
        };
        expect(s.workers).toBe(Number(workers));
        if (s.mirrored === 10) break;
        if (Date.now() > deadline)
          throw new Error(`/shadow never summed all ten: ${JSON.stringify(s)}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const saved = join(dir, 'shadow.json');
      const { code, stdout } = await runCli('shadow', 'report', '--from', base, '--json', saved);
      expect(code).toBe(0);
      expect(stdout).toMatch(
        /^<details open><summary>🟢 Live traffic: 100% agreement on 10 requests; p95 [+−]\d+\.\d+ ms<\/summary>/,
      );
      expect(stdout).toContain(
        'Agreed 10, disagreed 0, candidate errors 0, dropped (queue full) 0',
      );
      const again = await runCli('shadow', 'report', '--from', saved);
      expect(again.stdout).toBe(stdout);
    } finally {
      child.kill('SIGTERM');
    }
  },
);

it('says what is wrong with a file that is not a shadow summary', async () => {
  const file = join(dir, 'other.json');
  await writeFile(file, JSON.stringify({ model: 'iris' }));
  const { code, stderr } = await runCli('shadow', 'report', '--from', file);
  expect(code).not.toBe(0);
  expect(stderr).toContain(`${file} is not a cd4ml shadow summary: candidate:`);
  expect(await readFile(file, 'utf8')).toBe('{"model":"iris"}');
});

it('reads one model of several that config.yaml shadows, summed over two workers (--model)', async () => {
  const repo = join(dir, 'two');
  for (const model of ['iris', 'other'])
    for (const v of [1, 2]) {
      await mkdir(join(repo, model, String(v)), { recursive: true });
      await copyFile(
        join(ROOT, 'serving/__fixtures__/iris-v1.onnx'),
        join(repo, model, String(v), 'model.onnx'),
      );
      await writeFile(join(repo, model, 'config.yaml'), 'shadow: { version: 2 }\n');
    }
  const { port, child } = await serve(repo, ['--workers', '2'], 4);
  try {
    for (let i = 0; i < 6; i++) expect(await predict(port)).toBe(200);
    const base = `http://127.0.0.1:${port}`;
    const several = await runCli('shadow', 'report', '--from', base);
    expect(several.code).not.toBe(0);
    expect(several.stderr).toContain(
      `${base}/shadow has no shadow summary (400): 2 models have a shadow candidate (iris, other): ask for one, GET /shadow/<model>`,
    );
    expect(several.stderr).toContain('pass --model <name>');
    const deadline = Date.now() + 20_000;
    for (;;) {
      const s = (await (await fetch(`${base}/shadow/iris`)).json()) as { agreed: number };
      if (s.agreed === 6) break;
      if (Date.now() > deadline)
        throw new Error(`/shadow/iris never summed all six: ${JSON.stringify(s)}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const { code, stdout } = await runCli('shadow', 'report', '--from', base, '--model', 'iris');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Live traffic: 100% agreement on 6 requests/);
  } finally {
    child.kill('SIGTERM');
  }
});
