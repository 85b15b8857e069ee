import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Cd4mlError } from '../../core/errors.js';
import type { UiData } from '../../core/ui-data/site.js';

interface UiFlags {
  host: string;
  port: string;
  root: string;
  export?: string;
}

export function registerUi(program: Command): void {
  program
    .command('ui')
    .description(
      'Browse, compare and chart the runs in a local web UI (read-only), or export it as a static site',
    )
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '5005')
    .option('--root <dir>', 'workspace root holding .cd4ml/runs', '.')
    .option(
      '--export <dir>',
      'write the UI and its data as a static site (GitHub Pages) instead of serving it',
    )
    .action(async (flags: UiFlags) => {
      const root = resolve(flags.root);
      const assets = assetsDir();
      if (flags.export !== undefined) {
        const { loadUiData } = await import('../../core/ui-data/site.js');
        const { exportSite } = await import('../../core/ui-data/export.js');
        const data = await loadUiData(root);
        warnSkipped(data);
        const result = await exportSite(data, assets, flags.export);
        process.stderr.write(
          `cd4ml: exported ${result.runs} run(s) to ${flags.export} (${result.files} files); serve it with any static file server\n`,
        );
        return;
      }
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Cd4mlError(
          'E_USAGE',
          `--port must be a whole number from 0 to 65535, got "${flags.port}"`,
          {
            location: { file: '<command line>', field: 'port' },
          },
        );
      }
      await serve(root, assets, flags.host, port);
    });
}

async function serve(root: string, assets: string, host: string, port: number): Promise<void> {
  const [{ createServer }, { uiHandler }, { readFile }] = await Promise.all([
    import('node:http'),
    import('./ui-server.js'),
    import('node:fs/promises'),
  ]);
  const load = storeLoader(root);
  const page = await readFile(join(assets, 'index.html'), 'utf8');
  const handler = uiHandler({ data: load, assets, page });
  // Reading the runs (and loading the code that does) while it starts to listen: start-up
  // does not wait for the store, and the first page waits only for the runs' rows.
  load().catch(() => undefined);
  const server = createServer((request, response) => {
    handler(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`cd4ml ui: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        new Cd4mlError(
          'E_USAGE',
          error.code === 'EADDRINUSE'
            ? `port ${port} on ${host} is in use`
            : `cannot listen on ${host}:${port}: ${error.code ?? error.message}`,
          {
            location: { file: '<command line>', field: 'port' },
            hint: 'pass another --port (0 picks a free one), or stop what holds it',
          },
        ),
      ),
    );
    server.listen(port, host, done);
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const shown = host.includes(':') ? `[${host}]` : host;
  process.stderr.write(`cd4ml: runs UI at http://${shown}:${bound}/ (read-only; Ctrl-C to stop)\n`);
  await new Promise<void>((done) => {
    const stop = (): void => {
      server.close(() => done());
      server.closeAllConnections();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/**
 * The runs, read again when the store changed (a new run, a history pull) so a reload of
 * the page shows them. Requests that arrive while the store is being checked share the
 * check, so the runs are read once however many requests come at once.
 */
function storeLoader(root: string): () => Promise<UiData> {
  let data: { version: string; runs: Promise<UiData> } | undefined;
  let checking: Promise<UiData> | undefined;
  const check = async (): Promise<UiData> => {
    const [{ loadUiData }, { storeVersion }] = await Promise.all([
      import('../../core/ui-data/site.js'),
      import('../../core/ui-data/store-version.js'),
    ]);
    const version = await storeVersion(root);
    if (data?.version !== version)
      data = { version, runs: loadUiData(root).then((runs) => (warnSkipped(runs), runs)) };
    return data.runs;
  };
  return () =>
    (checking ??= check().finally(() => {
      checking = undefined;
    }));
}

/** Names the record files the runs leave out, so a hostile or broken one is not silently gone. */
function warnSkipped(data: UiData): void {
  const skipped = data.skipped();
  if (skipped.length === 0) return;
  const named = skipped.slice(0, 3).map((s) => `  ${s.path}: ${s.reason}\n`);
  process.stderr.write(
    `cd4ml: left out ${skipped.length} run record(s) that are not valid:\n${named.join('')}${skipped.length > 3 ? '  …\n' : ''}  hint: repair each file, or delete its run directory; the other runs are shown\n`,
  );
}

/** The built UI bundle: `dist/ui/` beside the CLI bundle, or from the sources' checkout. */
function assetsDir(): string {
  for (const candidate of ['ui/', '../../dist/ui/']) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${dir}index.html`) && existsSync(`${dir}app.js`)) return dir;
  }
  throw new Cd4mlError('E_IO', 'the UI bundle (dist/ui/) is missing', {
    hint: 'build it: npm run build',
  });
}
