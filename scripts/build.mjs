// Bundles the cd4ml binary and the GitHub Actions' JS entries with esbuild. The binary is
// one ESM file per entry plus lazily loaded chunks, so start-up parses only what a command
// needs; each action entry is one self-contained file (dist/actions/<name>.js), because the
// runner starts it cold on every step. dist/ is committed: actions run from a checkout
// of a tag with no build step (scripts/check-dist.mjs keeps it current in CI).
// Built beside dist/ and swapped in with renames, so a cd4ml process that is running
// while a build happens (tests, a watch) never finds half a dist/.
// Run as a script, it builds dist/; imported (bench/serving/bundle.mjs), it only
// provides the esbuild options, so every bundle of the binary is built the same way.
import { build } from 'esbuild';
import { realpathSync } from 'node:fs';
import { copyFile, cp, readFile, rename, rm, stat } from 'node:fs/promises';
import { relative } from 'node:path';
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
  // Native addons stay in node_modules; everything else is bundled for start-up speed. So
  // do the gRPC libraries: @grpc/reflection reads its own .proto files next to its code.
  external: [
    'onnxruntime-node',
    '@grpc/grpc-js',
    '@grpc/proto-loader',
    '@grpc/reflection',
    'protobufjs',
  ],
  define: { CD4ML_VERSION: JSON.stringify(pkg.version) },
  // Some bundled CommonJS dependencies call require(); give ESM chunks one.
  banner: {
    js: "import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);",
  },
  logLevel: 'warning',
};

/** The JS actions: entry name → source. Each becomes `dist/actions/<name>.js`. */
export const actionEntries = {
  compare: 'actions/src/compare.ts',
  pipeline: 'actions/src/pipeline.ts',
  release: 'actions/src/release.ts',
};

/**
 * The esbuild options of the action bundles, less `outdir`. One file per entry, no chunks
 * and no source maps (the runner loads one file, and the committed dist/ stays small).
 * Node 24 on GitHub's runners, but `node` on a runner's PATH (composite `run:` steps) may
 * be 20: target the language both run. Everything is bundled: an action has no node_modules.
 * @type {import('esbuild').BuildOptions}
 */
export const actionBuildOptions = {
  absWorkingDir: fileURLToPath(root),
  entryPoints: actionEntries,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: ['node20', 'es2022'],
  define: { CD4ML_VERSION: JSON.stringify(pkg.version) },
  banner: cliBuildOptions.banner,
  legalComments: 'none',
  logLevel: 'warning',
};

/** The bot (GitHub App): entry name → source. Each becomes `dist/bot/<name>.js`. */
export const botEntries = {
  server: 'bot/server.ts',
  action: 'bot/action.ts',
};

/**
 * The esbuild options of the bot bundles, less `outdir`: built like the actions (one
 * self-contained file per entry, Probot and its logger included), so the container and
 * the `bot` action need no node_modules. The server runs on Node 20 or 24 (the container
 * image), the action on the runner's Node 24.
 * @type {import('esbuild').BuildOptions}
 */
export const botBuildOptions = {
  ...actionBuildOptions,
  entryPoints: botEntries,
};

/**
 * The esbuild options of the runs UI (`cd4ml ui`): one minified browser bundle, app.js and
 * app.css (uPlot's stylesheet included), no CDN, so the served and the exported UI work offline.
 * @type {import('esbuild').BuildOptions}
 */
export const uiBuildOptions = {
  absWorkingDir: fileURLToPath(root),
  entryPoints: { app: 'ui/main.ts' },
  bundle: true,
  format: 'esm',
  // The chart library is loaded by the history view only: the runs page does not parse it.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  platform: 'browser',
  target: ['chrome110', 'firefox110', 'safari16'],
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};

/** Builds dist/ (the CLI with source maps, the actions and the bot without) and swaps it in. */
export async function buildDist() {
  const staging = `dist.tmp-${process.pid}`;
  await build({
    ...cliBuildOptions,
    outdir: fileURLToPath(new URL(staging, root)),
    sourcemap: true,
  });
  // The vendored .proto files the gRPC server loads at start-up (serving/grpc/protos.ts).
  await cp(new URL('serving/protos', root), new URL(`${staging}/protos`, root), {
    recursive: true,
  });
  const actions = await build({
    ...actionBuildOptions,
    outdir: fileURLToPath(new URL(`${staging}/actions`, root)),
    metafile: true,
  });
  const bot = await build({
    ...botBuildOptions,
    outdir: fileURLToPath(new URL(`${staging}/bot`, root)),
    metafile: true,
  });
  await build({ ...uiBuildOptions, outdir: fileURLToPath(new URL(`${staging}/ui`, root)) });
  await copyFile(new URL('ui/index.html', root), new URL(`${staging}/ui/index.html`, root));
  if (!process.argv.includes('--quiet')) {
    await printSizes('action bundles', actions.metafile, staging);
    await printSizes('bot bundles', bot.metafile, staging);
  }
  const old = `dist.old-${process.pid}`;
  await rename(new URL('dist', root), new URL(old, root)).catch(() => undefined);
  await rename(new URL(staging, root), new URL('dist', root));
  await rm(new URL(old, root), { recursive: true, force: true });
}

/** One line per bundle: its size in dist/, so a dependency that bloats it shows. */
async function printSizes(title, metafile, staging) {
  const lines = [];
  for (const out of Object.keys(metafile.outputs).sort()) {
    const { size } = await stat(new URL(out, root));
    const name = `dist/${relative(staging, out)}`;
    lines.push(`  ${name.padEnd(26)} ${(size / 1024).toFixed(1).padStart(7)} KiB`);
  }
  process.stderr.write(`${title}:\n${lines.join('\n')}\n`);
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildDist();
}
