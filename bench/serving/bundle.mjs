// Bundles the cd4ml binary for the serving benchmarks into node_modules/.cache/cd4ml-bench
// (ignored by git, eslint and tsc; onnxruntime-node still resolves from there), with
// scripts/build.mjs's esbuild options, so a concurrent `npm run build` (which empties
// dist/) cannot pull the server out from under a running benchmark.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliBuildOptions } from '../../scripts/build.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');

/** Returns the path of the bundled CLI entry. */
export async function bundleCli() {
  const outdir = join(ROOT, 'node_modules', '.cache', 'cd4ml-bench');
  await rm(outdir, { recursive: true, force: true });
  await build({ ...cliBuildOptions, outdir });
  return join(outdir, 'cd4ml.js');
}
