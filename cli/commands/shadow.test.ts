import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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

it('reports live traffic from a shadowing server, and saves the summary for the compare action', async () => {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bin/main.ts',
      'serve',
      join(dir, 'repo'),
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--settle',
      '0',
      '--workers',
      '1',
      '--shadow',
      'iris:2',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (m && (out.match(/now serving/g) ?? []).length >= 2) resolve(Number(m[1]));
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${base}/v1/models/iris:predict`, {
        method: 'POST',
        body: JSON.stringify({ instances: [[5.1, 3.5, 1.4, 0.2]] }),
      });
      expect(res.status).toBe(200);
    }
    // The mirror runs after each response: wait until it has compared all five.
    for (;;) {
      const s = (await (await fetch(`${base}/shadow`)).json()) as { mirrored: number };
      if (s.mirrored === 5) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const saved = join(dir, 'shadow.json');
    const { code, stdout } = await runCli('shadow', 'report', '--from', base, '--json', saved);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^<details open><summary>🟢 Live traffic: 100% agreement on 5 requests; p95 [+−]\d+\.\d+ ms<\/summary>/,
    );
    expect(stdout).toContain('Agreed 5, disagreed 0, candidate errors 0, dropped (queue full) 0');
    const again = await runCli('shadow', 'report', '--from', saved);
    expect(again.stdout).toBe(stdout);
  } finally {
    child.kill('SIGTERM');
  }
});

it('says what is wrong with a file that is not a shadow summary', async () => {
  const file = join(dir, 'other.json');
  await writeFile(file, JSON.stringify({ model: 'iris' }));
  const { code, stderr } = await runCli('shadow', 'report', '--from', file);
  expect(code).not.toBe(0);
  expect(stderr).toContain(`${file} is not a cd4ml shadow summary: candidate:`);
  expect(await readFile(file, 'utf8')).toBe('{"model":"iris"}');
});
