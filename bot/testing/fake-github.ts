import { createServer, type IncomingMessage, type Server } from 'node:http';

/** One request the bot made, as GitHub would have seen it. */
export interface Call {
  method: string;
  /** Path without the API prefix (`/api/v3` on GHE) or query, e.g. `/repos/o/r/check-runs`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** The host it went to (the API, or a blob store after a redirect). */
  host: string;
}

export interface Reply {
  status?: number;
  body?: unknown;
  /** Raw bytes (an artifact zip) instead of JSON. */
  bytes?: Uint8Array;
  headers?: Record<string, string>;
}

export interface Request {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  params: Record<string, string>;
  /** `scheme://host` the request went to, for absolute Link / Location headers. */
  origin: string;
}

type Handler = (request: Request) => Reply | Promise<Reply>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
  /** Answers left before the route retires (undefined: forever). */
  times?: number;
}

/**
 * A stand-in for GitHub's REST API, for tests and the benchmark: answers Octokit's
 * `fetch` in-process (`github.fetch`) or over a real socket (`github.listen()`), records
 * every call, follows redirects as fetch would, and answers unknown routes 404 (recorded,
 * so a test sees what it did not expect). The newest matching route wins.
 */
export class FakeGitHub {
  readonly calls: Call[] = [];
  readonly #routes: Route[] = [];
  readonly #waiters: Array<{ match: (call: Call) => boolean; resolve: (call: Call) => void }> = [];

  constructor() {
    this.on('POST', '/app/installations/:id/access_tokens', () => ({
      status: 201,
      body: {
        token: 'ghs_test_installation_token',
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        permissions: {},
        repository_selection: 'all',
      },
    }));
  }

  /** Answers `method path` (`:name` segments are parameters) with `reply`. */
  on(method: string, path: string, reply: Handler | Reply, options: { times?: number } = {}): this {
    const names: string[] = [];
    const source = path
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/:(\w+)/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
    this.#routes.unshift({
      method,
      pattern: new RegExp(`^${source}$`),
      names,
      handler: typeof reply === 'function' ? reply : () => reply,
      ...(options.times !== undefined ? { times: options.times } : {}),
    });
    return this;
  }

  /** Answers once, then falls through to older routes (a 502 before the real answer). */
  once(method: string, path: string, reply: Handler | Reply): this {
    return this.on(method, path, reply, { times: 1 });
  }

  /** Resolves with the first call (made or to come) to `method path`. */
  waitFor(method: string, path: string): Promise<Call> {
    const match = (c: Call) => c.method === method && c.path === path;
    const made = this.calls.find(match);
    if (made) return Promise.resolve(made);
    return new Promise((resolve) => this.#waiters.push({ match, resolve }));
  }

  /** `METHOD /path` of every call to the API host, in order (token exchange included). */
  requests(): string[] {
    return this.calls.filter((c) => c.host !== 'blob').map((c) => `${c.method} ${c.path}`);
  }

  /** The bodies of calls to `method path`. */
  bodies(method: string, path: string | RegExp): unknown[] {
    return this.calls
      .filter(
        (c) =>
          c.method === method && (typeof path === 'string' ? c.path === path : path.test(c.path)),
      )
      .map((c) => c.body);
  }

  /** Octokit's `request.fetch`. */
  readonly fetch = async (
    input: string | URL | globalThis.Request,
    init: RequestInit = {},
  ): Promise<Response> => {
    let url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    let method = (init.method ?? 'GET').toUpperCase();
    let body = init.body ? bodyText(init.body) : undefined;
    for (let hop = 0; hop < 5; hop++) {
      const reply = await this.answer(method, url, body);
      const location = reply.headers?.location;
      if (
        reply.status &&
        reply.status >= 300 &&
        reply.status < 400 &&
        location &&
        init.redirect !== 'manual'
      ) {
        url = new URL(location, url);
        method = 'GET';
        body = undefined;
        continue;
      }
      return toResponse(reply);
    }
    throw new Error('too many redirects');
  };

  /** Serves the same routes over HTTP on 127.0.0.1 (for a real server process and the benchmark). */
  async listen(): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
    const server = createServer((req, res) => {
      void (async () => {
        const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
        const text = await readBody(req);
        const reply = await this.answer(req.method ?? 'GET', url, text || undefined);
        const response = toResponse(reply);
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })().catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return {
      url: `http://127.0.0.1:${port}`,
      server,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  }

  async answer(method: string, url: URL, bodyTextValue: string | undefined): Promise<Reply> {
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v3(?=\/)/, '');
    const host = url.hostname.startsWith('blob') || path.startsWith('/_blob/') ? 'blob' : url.host;
    let body: unknown = bodyTextValue;
    if (bodyTextValue) {
      try {
        body = JSON.parse(bodyTextValue);
      } catch {
        // Not JSON: keep the text.
      }
    }
    const call = { method, path, query: url.searchParams, body, host };
    this.calls.push(call);
    for (const waiter of this.#waiters.splice(0)) {
      if (waiter.match(call)) waiter.resolve(call);
      else this.#waiters.push(waiter);
    }
    for (const route of this.#routes) {
      if (route.method !== method) continue;
      const match = route.pattern.exec(path);
      if (!match) continue;
      if (route.times !== undefined) {
        if (route.times <= 0) continue;
        route.times--;
      }
      const params = Object.fromEntries(
        route.names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]),
      );
      const prefix = url.pathname.startsWith('/api/v3/') ? '/api/v3' : '';
      return route.handler({
        method,
        path,
        query: url.searchParams,
        body,
        params,
        origin: `${url.origin}${prefix}`,
      });
    }
    return {
      status: 404,
      body: { message: `Not Found (the fake GitHub has no route for ${method} ${path})` },
    };
  }
}

/** One page of `items` by `per_page` / `page`, with GitHub's `Link` header to the next. */
export function paged(
  items: readonly unknown[],
  request: Request,
  wrap?: (page: unknown[]) => unknown,
): Reply {
  const perPage = Number(request.query.get('per_page') ?? 30);
  const page = Number(request.query.get('page') ?? 1);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const headers: Record<string, string> = {};
  if (page * perPage < items.length) {
    const next = new URLSearchParams(request.query);
    next.set('page', String(page + 1));
    headers.link = `<${request.origin}${request.path}?${next.toString()}>; rel="next"`;
  }
  return { body: wrap ? wrap(slice) : slice, headers };
}

function toResponse(reply: Reply): Response {
  const status = reply.status ?? 200;
  const headers = new Headers(reply.headers ?? {});
  if (reply.bytes) {
    if (!headers.has('content-type')) headers.set('content-type', 'application/zip');
    return new Response(status === 204 ? null : reply.bytes, { status, headers });
  }
  if (typeof reply.body === 'string') {
    if (!headers.has('content-type')) headers.set('content-type', 'text/plain; charset=utf-8');
    return new Response(reply.body, { status, headers });
  }
  headers.set('content-type', 'application/json; charset=utf-8');
  const noBody = status === 204 || (status >= 300 && status < 400);
  return new Response(noBody ? null : JSON.stringify(reply.body ?? {}), { status, headers });
}

function bodyText(body: NonNullable<RequestInit['body']>): string | undefined {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
