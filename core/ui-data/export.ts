import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Cd4mlError } from '../errors.js';
import type { FirstPage } from './rows.js';
import type { UiData } from './site.js';

/** Marks a directory as an export of ours, so a second export may replace it. */
const MARKER = '.cd4ml-ui';

/** The bundle's files beside the page: `app.js`, `app.css`, and the chunks loaded on demand. */
export function isAsset(name: string): boolean {
  return /^(app\.(js|css)|chunk-[A-Za-z0-9]+\.js)$/.test(name);
}

/** The page as built (`dist/ui/index.html`), to be filled in by `fillPage`. */
export function readPage(assets: string): Promise<string> {
  return readFile(join(assets, 'index.html'), 'utf8');
}

/**
 * The page with its mode (`live` for the server, `static` for an export) and the runs
 * table's first page inlined as JSON (`<` escaped, so no record can close the script), so
 * the rows show without waiting for another request.
 */
export function fillPage(template: string, mode: 'live' | 'static', first: FirstPage): string {
  const json = JSON.stringify(first).replace(/</g, '\\u003c');
  return template
    .replace('__MODE__', mode)
    .replace(
      '<!--first-page-->',
      () => `<script type="application/json" id="first-page">${json}</script>`,
    );
}

/**
 * Writes the UI as a static site: the page, its bundle and every data file the server would
 * answer (each run, its record and predictions, and the gate of each run against the one
 * before it on its branch), built beside `dir` and renamed into place. A directory that is
 * not empty and not an earlier export is refused, so nothing of the user's is overwritten.
 */
export async function exportSite(
  data: UiData,
  assets: string,
  dir: string,
): Promise<{ runs: number; files: number }> {
  const target = resolve(dir);
  if (existsSync(target) && readdirSync(target).length > 0 && !existsSync(join(target, MARKER))) {
    throw new Cd4mlError('E_USAGE', `${dir} is not empty and is not a cd4ml ui export`, {
      location: { file: '<command line>', field: 'export' },
      hint: 'export into a new or empty directory (an earlier export is replaced)',
    });
  }
  const staging = `${target}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  let files = 0;
  const write = (path: string, text: string): void => {
    const full = join(staging, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    files++;
  };
  try {
    mkdirSync(staging, { recursive: true });
    write(MARKER, 'cd4ml ui --export\n');
    // GitHub Pages would otherwise run Jekyll, which skips nothing here but is slow.
    write('.nojekyll', '');
    write('index.html', fillPage(await readPage(assets), 'static', data.firstPage()));
    for (const asset of readdirSync(assets).filter(isAsset))
      await copyFile(join(assets, asset), join(staging, asset));
    write('data/runs.json', JSON.stringify(data.index()));
    for (const id of data.ids()) {
      const detail = await data.run(id);
      if (!detail) continue;
      write(`data/run/${id}.json`, JSON.stringify(detail));
      write(`data/run/${id}/cd4ml-run.json`, (await data.file(id, 'cd4ml-run.json')) ?? '');
      const predictions = await data.file(id, 'predictions.csv');
      if (predictions !== null) write(`data/run/${id}/predictions.csv`, predictions);
      if (detail.previous) {
        const result = await data.compare(id, detail.previous);
        if (result) write(`data/compare/${id}/${detail.previous}.json`, JSON.stringify(result));
      }
    }
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { runs: data.ids().length, files: files + 2 };
}
