// Bundles the cd4ml binary (and, later, the actions) with esbuild. One ESM file per
// entry plus lazily loaded chunks, so start-up parses only what a command needs.
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { cd4ml: 'bin/main.ts' },
  outdir: 'dist',
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
