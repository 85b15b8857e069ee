import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.js';
import type { AppOptions, ServingApp } from './app.js';

/** Test helpers: fixture paths, temporary model repositories, a started app. */

/** A seeded PRNG (mulberry32), for generated bad input that is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');
export const fixture = (name: string): string => join(FIXTURES, name);

export async function tempRepository(
  models: Record<string, Record<number, string>>,
): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'cd4ml-serving-'));
  for (const [name, versions] of Object.entries(models)) {
    for (const [version, file] of Object.entries(versions))
      await addVersion(root, name, Number(version), file);
  }
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

export async function addVersion(
  root: string,
  name: string,
  version: number,
  file: string,
): Promise<string> {
  const target = join(root, name, String(version), 'model.onnx');
  await mkdir(dirname(target), { recursive: true });
  await cp(fixture(file), target);
  return target;
}

export async function startedApp(opts: AppOptions): Promise<ServingApp> {
  const app = await buildApp({
    logLevel: false,
    pollIntervalMs: 0,
    settleMs: 0,
    processMetrics: false,
    ...opts,
  });
  await app.models.start();
  return app;
}

/**
 * Runs `fn` on an app started over a temporary repository of `models`, then closes the
 * app and removes the repository. `prepare` adds files (a config.yaml, external data) first.
 */
export async function withRepositoryApp(
  models: Record<string, Record<number, string>>,
  fn: (app: ServingApp) => Promise<void>,
  {
    options = {},
    prepare,
  }: { options?: Partial<AppOptions>; prepare?: (root: string) => Promise<void> } = {},
): Promise<void> {
  const repo = await tempRepository(models);
  try {
    await prepare?.(repo.root);
    const app = await startedApp({ repository: repo.root, ...options });
    try {
      await fn(app);
    } finally {
      await app.close();
    }
  } finally {
    await repo.cleanup();
  }
}

/** A log stream to give an app (`logStream`), and the JSON lines written to it so far. */
export function logCapture(): {
  stream: PassThrough;
  lines: () => { msg: string; [k: string]: unknown }[];
} {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return {
    stream,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { msg: string; [k: string]: unknown }),
  };
}
