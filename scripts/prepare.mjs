#!/usr/bin/env node
// npm's `prepare`: build dist/ after `npm ci` in a clone. Skipped where it cannot and need
// not run: `npm ci --omit=dev` (no esbuild) in an action's checkout, which runs the
// committed dist/.
import { existsSync } from 'node:fs';

let esbuild = true;
try {
  await import('esbuild');
} catch {
  esbuild = false;
}
if (esbuild) {
  await import('./build.mjs').then((m) => m.buildDist());
} else if (existsSync(new URL('../dist/cd4ml.js', import.meta.url))) {
  process.stderr.write('cd4ml prepare: esbuild is not installed; using the committed dist/\n');
} else {
  process.stderr.write(
    'cd4ml prepare: dist/ is missing and esbuild is not installed to build it: run `npm ci` (with dev dependencies) and `npm run build`\n',
  );
  process.exit(1);
}
