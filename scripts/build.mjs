// Bundles the cd4ml binary (and, later, the actions) with esbuild. One ESM file per
// entry plus lazily loaded chunks, so start-up parses only what a command needs.
// Built beside dist/ and swapped in with renames, so a cd4ml process that is running
// while a build happens (tests, a watch) never finds half a dist/.
// Run as a script, it builds dist/; imported (bench/serving/bundle.mjs), it only
// provides the esbuild options, so every bundle of the binary is built the same way.
import { build } from 'esbuild';
import { realpathSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));

/**
 * The esbuild options of the `cd4ml` binary, less `outdir` and `sourcemap`. Paths are
 * resolved from the repository root, not the working directory, so the bundle is the same
 * wherever it is built from.
 * @type {import('esbuild').BuildOptions}
 */
export const cliBuildOptions = {
  absWorkingDir: fileURLToPath(root),
  entryPoints: { cd4ml: 'bin/main.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native addons stay in node_modules; everything else is bundled for start-up speed.
  external: ['onnxruntime-node'],
  define: { CD4ML_VERSION: JSON.stringify(pkg.version) },
  // Some bundled CommonJS dependencies call require(); give ESM chunks one.
  banner: {
    js: "import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);",
  },
  logLevel: 'warning',
};

/** Builds dist/ (with source maps) and swaps it in. */
async function buildDist() {
  const staging = `dist.tmp-${process.pid}`;
  await build({
    ...cliBuildOptions,
    outdir: fileURLToPath(new URL(staging, root)),
    sourcemap: true,
  });
  const old = `dist.old-${process.pid}`;
  await rename(new URL('dist', root), new URL(old, root)).catch(() => undefined);
  await rename(new URL(staging, root), new URL('dist', root));
  await rm(new URL(old, root), { recursive: true, force: true });
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildDist();
}
