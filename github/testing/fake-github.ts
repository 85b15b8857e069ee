import { createServer, type IncomingMessage, type Server } from 'node:http';
import { answerGraphQL, type Operation } from './fake-graphql.js';

/** One request the bot made, as GitHub would have seen it. */
export interface Call {
  method: string;
  /** Path without the API prefix (`/api/v3` on GHE) or query, e.g. `/repos/o/r/check-runs`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** The body's size in bytes (an uploaded release asset). */
  bytes: number;
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
  /** The body's size in bytes. */
  bytes: number;
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

/** A rate limit to answer with, as GitHub does (docs: "Rate limits for the REST API"). */
export interface RateLimitFault {
  /** `primary`: 403 with `x-ratelimit-remaining: 0` and the reset time; `secondary`: 403 with `retry-after`. */
  kind: 'primary' | 'secondary';
  /** How many requests get it before GitHub answers normally again. */
  times: number;
  /** Seconds until the limit lifts (`retry-after`, or the reset time from now). Default 1. */
  retryAfter?: number;
}

/**
 * The one stand-in for GitHub's REST API, for the tests of both adapters and the
 * benchmarks: answers Octokit's `fetch` in-process (`github.fetch`) or over a real socket
 * (`github.listen()`, for the actions' bundles run as the runner runs them), records every
 * call, follows redirects as fetch would, and answers unknown routes 404 (recorded, so a
 * test sees what it did not expect). The newest matching route wins. Every answer carries
 * GitHub's `x-ratelimit-*` headers; `limit()` makes the next answers rate-limit errors and
 * `once()` a 5xx. A repository's state and routes are in `./fake-repo.ts`.
 */
export class FakeGitHub {
  readonly calls: Call[] = [];
  /** Requests left of the primary limit (`x-ratelimit-remaining`). */
  remaining = 5000;
  /** Called before each answer (e.g. to pick up artifacts a step wrote to disk). */
  beforeAnswer: (() => void) | undefined;
  readonly #routes: Route[] = [];
  readonly #faults: RateLimitFault[] = [];
  readonly #waiters: Array<{ match: (call: Call) => boolean; resolve: (call: Call) => void }> = [];
  readonly #operations = new Map<string, Operation[]>();

  constructor() {
    this.on('POST', '/graphql', (req) => answerGraphQL(this.#operations, req.body));
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

  /** Answers the GraphQL operation `name` (see ./fake-graphql.ts); newest registration first. */
  graphql(name: string, operation: Operation): this {
    this.#operations.set(name, [operation, ...(this.#operations.get(name) ?? [])]);
    return this;
  }

  /** The variables of every GraphQL request for operation `name`, in order. */
  operations(name: string): Array<Record<string, unknown>> {
    return this.calls
      .filter((c) => c.method === 'POST' && c.path === '/graphql')
      .map((c) => c.body as { query?: string; variables?: Record<string, unknown> })
      .filter((b) => new RegExp(`^\\s*query\\s+${name}\\b`).test(b.query ?? ''))
      .map((b) => b.variables ?? {});
  }

  /** Answers once, then falls through to older routes (a 502 before the real answer). */
  once(method: string, path: string, reply: Handler | Reply): this {
    return this.on(method, path, reply, { times: 1 });
  }

  /** The next `fault.times` API requests are refused with a rate limit. */
  limit(fault: RateLimitFault): this {
    this.#faults.push({ ...fault });
    return this;
  }

  /** `METHOD /path?query` of every call to the API host, in order (the query as sent). */
  log(): string[] {
    return this.calls
      .filter((c) => c.host !== 'blob')
      .map((c) => `${c.method} ${c.path}${c.query.size > 0 ? `?${c.query.toString()}` : ''}`);
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
    let bytes = init.body instanceof Uint8Array ? init.body.length : Buffer.byteLength(body ?? '');
    for (let hop = 0; hop < 5; hop++) {
      const reply = await this.answer(method, url, body, bytes);
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
        bytes = 0;
        continue;
      }
      // A fetch Response names the URL it came from (Octokit's paginate reads it).
      const response = toResponse(reply);
      Object.defineProperty(response, 'url', { value: url.href });
      return response;
    }
    throw new Error('too many redirects');
  };

  /** Serves the same routes over HTTP on 127.0.0.1 (for a real server process and the benchmark). */
  async listen(): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
    const server = createServer((req, res) => {
      void (async () => {
        const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
        const raw = await readBody(req);
        const text = raw.toString('utf8');
        const reply = await this.answer(req.method ?? 'GET', url, text || undefined, raw.length);
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

  async answer(
    method: string,
    url: URL,
    bodyTextValue: string | undefined,
    bytes = Buffer.byteLength(bodyTextValue ?? ''),
  ): Promise<Reply> {
    // GHE serves REST under /api/v3 and GraphQL at /api/graphql.
    const path = decodeURIComponent(url.pathname)
      .replace(/^\/api\/v3(?=\/)/, '')
      .replace(/^\/api\/graphql$/, '/graphql');
    const host = url.hostname.startsWith('blob') || path.startsWith('/_blob/') ? 'blob' : url.host;
    let body: unknown = bodyTextValue;
    if (bodyTextValue) {
      try {
        body = JSON.parse(bodyTextValue);
      } catch {
        // Not JSON: keep the text.
      }
    }
    this.beforeAnswer?.();
    const call = { method, path, query: url.searchParams, body, bytes, host };
    this.calls.push(call);
    for (const waiter of this.#waiters.splice(0)) {
      if (waiter.match(call)) waiter.resolve(call);
      else this.#waiters.push(waiter);
    }
    const reply = await this.#route(method, path, url, body, bytes, host);
    const resource = path === '/graphql' ? 'graphql' : 'core';
    return { ...reply, headers: { ...this.#rateHeaders(host, resource), ...reply.headers } };
  }

  #rateHeaders(host: string, resource: string): Record<string, string> {
    if (host === 'blob') return {};
    this.remaining = Math.max(0, this.remaining - 1);
    return {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(this.remaining),
      'x-ratelimit-used': String(5000 - this.remaining),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': resource,
    };
  }

  async #route(
    method: string,
    path: string,
    url: URL,
    body: unknown,
    bytes: number,
    host: string,
  ): Promise<Reply> {
    const fault = host === 'blob' ? undefined : this.#faults.find((f) => f.times > 0);
    if (fault) {
      fault.times--;
      const seconds = fault.retryAfter ?? 1;
      return fault.kind === 'primary'
        ? {
            status: 403,
            body: { message: 'API rate limit exceeded for installation ID 77.' },
            headers: {
              'x-ratelimit-remaining': '0',
              'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + seconds),
            },
          }
        : {
            status: 403,
            body: {
              message:
                'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            },
            headers: { 'retry-after': String(seconds) },
          };
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
        bytes,
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

/**
 * One page of `items` as GitHub pages a list: `per_page` (default 30, at most 100 —
 * GitHub caps larger values) and `page`, with a `Link` header naming the next and last
 * pages. `wrap` builds the body of lists GitHub wraps (`{ total_count, workflow_runs }`).
 */
export function paged(
  items: readonly unknown[],
  request: Request,
  wrap?: (page: unknown[]) => unknown,
): Reply {
  const perPage = Math.min(100, Math.max(1, Number(request.query.get('per_page') ?? 30)));
  const page = Math.max(1, Number(request.query.get('page') ?? 1));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string) => {
    const query = new URLSearchParams(request.query);
    query.set('page', String(n));
    return `<${request.origin}${request.path}?${query.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
  return {
    body: wrap ? wrap(slice) : slice,
    headers: links.length ? { link: links.join(', ') } : {},
  };
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

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
