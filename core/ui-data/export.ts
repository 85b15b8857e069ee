import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Cd4mlError } from '../errors.js';
import type { UiData } from './site.js';

/** Marks a directory as an export of ours, so a second export may replace it. */
const MARKER = '.cd4ml-ui';

/** The page with its mode (`live` for the server, `static` for an export) filled in. */
export async function indexPage(assets: string, mode: 'live' | 'static'): Promise<string> {
  return (await readFile(join(assets, 'index.html'), 'utf8')).replace('__MODE__', mode);
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
    write('index.html', await indexPage(assets, 'static'));
    for (const asset of ['app.js', 'app.css'])
      await copyFile(join(assets, asset), join(staging, asset));
    write('data/runs.json', JSON.stringify(data.index()));
    for (const id of data.ids()) {
      const detail = data.run(id);
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
