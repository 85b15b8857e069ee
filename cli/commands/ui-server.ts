import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fillPage, isAsset } from '../../core/ui-data/export.js';
import type { UiData } from '../../core/ui-data/site.js';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/**
 * The UI's request handler: the page (with the runs table's first page in it) and its
 * bundle from `assets`, and the data files (`/data/…`) computed from the runs. Read-only (GET and HEAD), and only the paths the
 * data layout names: anything else, a traversal or an unknown run included, is a 4xx.
 */
export function uiHandler(options: {
  data: () => Promise<UiData>;
  assets: string;
  /** `index.html` as built, filled in per request (`fillPage`). */
  page: string;
}) {
  const assets = new Map<string, Promise<Buffer>>();
  const asset = (name: string) =>
    assets.get(name) ?? assets.set(name, readFile(join(options.assets, name))).get(name)!;
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const send = (status: number, type: string, body: string | Buffer): void => {
      response.writeHead(status, {
        'content-type': type,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'content-security-policy':
          "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    const fail = (status: number, message: string): void =>
      send(status, 'application/json; charset=utf-8', `${JSON.stringify({ error: message })}\n`);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return fail(405, 'the runs UI is read-only: use GET');
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://ui').pathname);
    } catch {
      return fail(400, 'the path is not valid percent-encoding');
    }
    if (path === '/' || path === '/index.html') {
      const first = (await options.data()).firstPage();
      return send(200, 'text/html; charset=utf-8', fillPage(options.page, 'live', first));
    }
    if (isAsset(path.slice(1)))
      return send(200, TYPES[path.slice(path.lastIndexOf('.'))]!, await asset(path.slice(1)));
    if (!path.startsWith('/data/'))
      return fail(
        404,
        `no such page: ${path} (the UI serves /, its app.js, app.css and chunks, and /data/…)`,
      );
    const { parseDataPath } = await import('../../core/ui-data/site.js');
    const wanted = parseDataPath(path.slice('/data/'.length));
    if (!wanted)
      return fail(404, `no such data file: ${path}; only the run store's runs are served`);
    const data = await options.data();
    const json = (value: unknown) =>
      value === null
        ? fail(404, `no run with that id in the store: ${path}`)
        : send(200, TYPES['.json']!, JSON.stringify(value));
    switch (wanted.kind) {
      case 'index':
        return json(data.index());
      case 'run':
        return json(await data.run(wanted.id));
      case 'compare':
        return json(await data.compare(wanted.head, wanted.base));
      case 'file': {
        const text = await data.file(wanted.id, wanted.name);
        return text === null
          ? fail(404, `${path}: no such file for that run`)
          : send(200, TYPES[wanted.name.slice(wanted.name.lastIndexOf('.'))]!, text);
      }
    }
  };
}
