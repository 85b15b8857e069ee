// Bundles the cd4ml binary (and, later, the actions) with esbuild. One ESM file per
// entry plus lazily loaded chunks, so start-up parses only what a command needs.
// Built beside dist/ and swapped in with renames, so a cd4ml process that is running
// while a build happens (tests, a watch) never finds half a dist/.
import { build } from 'esbuild';
import { readFile, rename, rm } from 'node:fs/promises';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));
const staging = `dist.tmp-${process.pid}`;

await build({
  entryPoints: { cd4ml: 'bin/main.ts' },
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Native addons stay in node_modules; everything else is bundled for start-up speed.
  external: ['onnxruntime-node'],
  define: { CD4ML_VERSION: JSON.stringify(pkg.version) },
  // Some bundled CommonJS dependencies call require(); give ESM chunks one.
  banner: { js: "import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);" },
  logLevel: 'warning',
});

const old = `dist.old-${process.pid}`;
await rename(new URL('dist', root), new URL(old, root)).catch(() => undefined);
await rename(new URL(staging, root), new URL('dist', root));
await rm(new URL(old, root), { recursive: true, force: true });
