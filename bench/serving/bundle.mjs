// Bundles the cd4ml binary for the serving benchmarks into node_modules/.cache/cd4ml-bench
// (ignored by git, eslint and tsc; onnxruntime-node still resolves from there), with
// the same esbuild settings as scripts/build.mjs, so a concurrent `npm run build`
// (which empties dist/) cannot pull the server out from under a running benchmark.
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');

/** Returns the path of the bundled CLI entry. */
export async function bundleCli() {
  const outdir = join(ROOT, 'node_modules', '.cache', 'cd4ml-bench');
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { cd4ml: join(ROOT, 'bin/main.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['onnxruntime-node'],
    define: { CD4ML_VERSION: JSON.stringify(pkg.version) },
    banner: { js: "import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return join(outdir, 'cd4ml.js');
}
