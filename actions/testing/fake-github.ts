/**
 * A local stand-in for api.github.com, for tests that run an action's bundle as the runner
 * does (`GITHUB_API_URL` pointing here). It answers the REST calls the actions make from
 * plain data: workflow runs set by the test, artifacts from a directory
 * (`<artifacts>/<run id>/<name>/`, zipped on download behind a redirect, like GitHub),
 * commits and file contents from a real git repository, and issue comments and releases
 * kept in memory. Every request is logged as `METHOD /path?query` for exact assertions.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';

export interface FakeRun {
  id: number;
  head_sha: string;
  head_branch: string;
  event: string;
  conclusion: string | null;
  /** `owner/name` of the repository the run's commit came from. */
  head_repository: string;
  workflow: string;
}

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

export interface FakeGitHubOptions {
  /** `owner/name` this API serves. */
  repository: string;
  /** The git repository behind `/commits`, `/compare` and `/contents`. */
  git: string;
  /** `<dir>/<run id>/<artifact name>/` directories. */
  artifacts: string;
  runs?: FakeRun[];
  comments?: FakeComment[];
}

export interface FakeGitHub {
  url: string;
  /** `METHOD /path?query`, in order. */
  calls: string[];
  /** Request bodies by call index (JSON parsed, or byte length for uploads). */
  bodies: Map<number, unknown>;
  runs: FakeRun[];
  comments: FakeComment[];
  /** Answer comment writes with 403, as GitHub does for a token without `pull-requests: write`. */
  refuseCommentWrites: boolean;
  releases: {
    id: number;
    tag_name: string;
    draft: boolean;
    body: string;
    assets: { name: string; size: number }[];
  }[];
  close(): Promise<void>;
}

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const state: FakeGitHub = {
    url: '',
    calls: [],
    bodies: new Map(),
    runs: options.runs ?? [],
    comments: options.comments ?? [],
    refuseCommentWrites: false,
    releases: [],
    close: () => new Promise((done) => server.close(() => done())),
  };
  const prefix = `/repos/${options.repository}`;
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: options.git, encoding: 'utf8' });
  const artifactIds = new Map<number, string>();

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const index = state.calls.push(`${req.method} ${url.pathname}${url.search}`) - 1;
      const raw = await body(req);
      const contentType = req.headers['content-type'] ?? '';
      if (raw.length > 0) {
        state.bodies.set(
          index,
          contentType.includes('json') ? JSON.parse(raw.toString('utf8')) : raw.length,
        );
      }
      const json = (status: number, data: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(data));
      };
      const notFound = (): void =>
        json(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
      const path = url.pathname;
      const q = url.searchParams;
      let m: RegExpExecArray | null;

      if (req.method === 'GET' && (m = /^\/blob\/(\d+)$/.exec(path))) {
        const dir = artifactIds.get(Number(m[1]));
        if (!dir) return notFound();
        res.writeHead(200, { 'content-type': 'application/zip' });
        return res.end(zipDir(dir));
      }
      if (!path.startsWith(prefix)) return notFound();
      const rest = path.slice(prefix.length);

      if (req.method === 'GET' && (m = /^\/compare\/([0-9a-f]+)\.\.\.([0-9a-f]+)$/.exec(rest))) {
        const base = git('merge-base', m[1]!, m[2]!).trim();
        return json(200, { merge_base_commit: { sha: base }, commits: [] });
      }
      if (req.method === 'GET' && (m = /^\/actions\/workflows\/([^/]+)\/runs$/.exec(rest))) {
        const runs = state.runs
          .filter((r) => r.workflow === decodeURIComponent(m![1]!))
          .filter((r) => !q.get('branch') || r.head_branch === q.get('branch'))
          .filter((r) => !q.get('event') || r.event === q.get('event'))
          .filter((r) => q.get('status') !== 'success' || r.conclusion === 'success')
          .sort((a, b) => b.id - a.id);
        return json(200, { total_count: runs.length, workflow_runs: runs.map(runJson) });
      }
      if (req.method === 'GET' && rest === '/actions/runs') {
        const runs = state.runs
          .filter((r) => !q.get('head_sha') || r.head_sha === q.get('head_sha'))
          .filter((r) => !q.get('event') || r.event === q.get('event'))
          .filter((r) => q.get('status') !== 'success' || r.conclusion === 'success')
          .sort((a, b) => b.id - a.id);
        return json(200, { total_count: runs.length, workflow_runs: runs.map(runJson) });
      }
      if (req.method === 'GET' && (m = /^\/actions\/runs\/(\d+)\/artifacts$/.exec(rest))) {
        const runDir = join(options.artifacts, m[1]!);
        const names = existsSync(runDir) ? readdirSync(runDir).sort() : [];
        const artifacts = names
          .filter((name) => !q.get('name') || name === q.get('name'))
          .map((name) => {
            const id = Number(m![1]) * 100 + names.indexOf(name);
            artifactIds.set(id, join(runDir, name));
            return { id, name, size_in_bytes: zipDir(join(runDir, name)).length, expired: false };
          });
        return json(200, { total_count: artifacts.length, artifacts });
      }
      if (req.method === 'GET' && (m = /^\/actions\/artifacts\/(\d+)\/zip$/.exec(rest))) {
        if (!artifactIds.has(Number(m[1]))) return notFound();
        res.writeHead(302, { location: `${state.url}/blob/${m[1]}` });
        return res.end();
      }
      if (req.method === 'GET' && rest === '/commits') {
        const lines = git(
          'rev-list',
          '--parents',
          `--max-count=${q.get('per_page') ?? 30}`,
          q.get('sha') ?? 'HEAD',
        );
        return json(
          200,
          lines
            .trim()
            .split('\n')
            .map((line) => {
              const [sha, ...parents] = line.split(' ');
              return { sha, parents: parents.map((p) => ({ sha: p })) };
            }),
        );
      }
      if (req.method === 'GET' && (m = /^\/commits\/([^/]+)$/.exec(rest))) {
        return json(200, { sha: git('rev-parse', `${decodeURIComponent(m[1]!)}^{commit}`).trim() });
      }
      if (req.method === 'GET' && (m = /^\/contents\/(.+)$/.exec(rest))) {
        try {
          const text = execFileSync(
            'git',
            ['show', `${q.get('ref') ?? 'HEAD'}:${decodeURIComponent(m[1]!)}`],
            {
              cwd: options.git,
              stdio: ['ignore', 'pipe', 'ignore'],
            },
          );
          res.writeHead(200, { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
          return res.end(text);
        } catch {
          return notFound();
        }
      }
      if ((m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
        if (req.method === 'GET') return json(200, state.comments.map(commentJson));
        if (state.refuseCommentWrites)
          return json(403, { message: 'Resource not accessible by integration' });
        const comment = {
          id: 9000 + state.comments.length,
          body: (JSON.parse(raw.toString()) as { body: string }).body,
          user: { login: 'github-actions[bot]', type: 'Bot' },
        };
        state.comments.push(comment);
        return json(201, commentJson(comment));
      }
      if (req.method === 'PATCH' && (m = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
        if (state.refuseCommentWrites)
          return json(403, { message: 'Resource not accessible by integration' });
        const comment = state.comments.find((c) => c.id === Number(m![1]));
        if (!comment) return notFound();
        comment.body = (JSON.parse(raw.toString()) as { body: string }).body;
        return json(200, commentJson(comment));
      }
      if (req.method === 'GET' && (m = /^\/releases\/tags\/(.+)$/.exec(rest))) {
        const release = state.releases.find((r) => r.tag_name === decodeURIComponent(m![1]!));
        return release ? json(200, releaseJson(release)) : notFound();
      }
      if (req.method === 'POST' && rest === '/releases') {
        const input = JSON.parse(raw.toString()) as {
          tag_name: string;
          draft: boolean;
          body: string;
        };
        const release = {
          id: 500 + state.releases.length,
          tag_name: input.tag_name,
          draft: input.draft,
          body: input.body,
          assets: [],
        };
        state.releases.push(release);
        return json(201, releaseJson(release));
      }
      if (req.method === 'POST' && (m = /^\/releases\/(\d+)\/assets$/.exec(rest))) {
        const release = state.releases.find((r) => r.id === Number(m![1]));
        if (!release) return notFound();
        if (!release.draft)
          return json(422, { message: 'Cannot upload assets to an immutable release.' });
        release.assets.push({ name: q.get('name') ?? '', size: raw.length });
        return json(201, { id: 700 + release.assets.length, name: q.get('name') });
      }
      if (req.method === 'PATCH' && (m = /^\/releases\/(\d+)$/.exec(rest))) {
        const release = state.releases.find((r) => r.id === Number(m![1]));
        if (!release) return notFound();
        release.draft = (JSON.parse(raw.toString()) as { draft: boolean }).draft;
        return json(200, releaseJson(release));
      }
      return notFound();
    })().catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: String(error) }));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function runJson(run: FakeRun) {
    return {
      id: run.id,
      head_sha: run.head_sha,
      head_branch: run.head_branch,
      event: run.event,
      status: 'completed',
      conclusion: run.conclusion,
      html_url: `https://github.com/${options.repository}/actions/runs/${run.id}`,
      head_repository: { full_name: run.head_repository },
    };
  }
  function commentJson(comment: FakeComment) {
    return {
      ...comment,
      html_url: `https://github.com/${options.repository}/pull/2#issuecomment-${comment.id}`,
    };
  }
  function releaseJson(release: FakeGitHub['releases'][number]) {
    return {
      id: release.id,
      tag_name: release.tag_name,
      draft: release.draft,
      html_url: `https://github.com/${options.repository}/releases/tag/${release.tag_name}`,
      upload_url: `${state.url}${prefix}/releases/${release.id}/assets{?name,label}`,
      assets: release.assets,
    };
  }
  return state;
}

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => done(Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

/** A directory as GitHub zips an artifact: its files at their relative paths. */
function zipDir(dir: string): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const walk = (at: string): void => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path);
    }
  };
  walk(dir);
  return zipSync(files, { mtime: new Date('2026-01-01T00:00:00Z') });
}
