/**
 * The fake GitHub over a socket for a process that talks to it as to api.github.com (an
 * action's bundle run as the runner runs it, with `GITHUB_API_URL` pointing here): one
 * `FakeRepo`, optionally backed by a real git repository (commits, compare, contents) and
 * by a directory of artifacts (`<dir>/<run id>/<name>/` or `<name>.zip`, uploaded to the
 * run of that id when it is listed, zipped as GitHub serves them).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';
import { FakeGitHub } from './fake-github.js';
import { FakeRepo, type FakeRun } from './fake-repo.js';

export interface ServeOptions {
  /** `owner/name`. */
  repository: string;
  /** The repository's id (default 1296269, the webhook examples' Hello-World). */
  id?: number;
  git?: string;
  artifacts?: string;
  runs?: FakeRun[];
}

export interface ServedGitHub {
  url: string;
  github: FakeGitHub;
  repo: FakeRepo;
  /** `METHOD /path?query` of the API calls since the last `reset()`. */
  log(): string[];
  /** The JSON body of the `index`th call since the last `reset()`. */
  body(index: number): unknown;
  reset(): void;
  close(): Promise<void>;
}

export async function serveFakeGitHub(options: ServeOptions): Promise<ServedGitHub> {
  const github = new FakeGitHub();
  const repo = new FakeRepo(options.repository, options.id ?? 1296269, {
    ...(options.git ? { git: options.git } : {}),
  });
  repo.runs.push(...(options.runs ?? []));
  repo.writer = { login: 'github-actions[bot]', appId: 15368 };
  repo.mount(github);
  if (options.artifacts) {
    const dir = options.artifacts;
    github.beforeAnswer = () => syncArtifacts(repo, dir);
  }
  const server = await github.listen();
  const api = () => github.calls.filter((c) => c.host !== 'blob');
  return {
    url: server.url,
    github,
    repo,
    log: () => github.log(),
    body: (index) => api()[index]?.body,
    reset: () => {
      github.calls.length = 0;
    },
    close: server.close,
  };
}

/** Uploads what appeared in `dir` to the runs it names (ids `run id × 100 + index`, in name order). */
function syncArtifacts(repo: FakeRepo, dir: string): void {
  if (!existsSync(dir)) return;
  for (const runDir of readdirSync(dir)) {
    const run = repo.runs.find((r) => String(r.id) === runDir);
    if (!run) continue;
    const names = readdirSync(join(dir, runDir)).sort();
    names.forEach((entry, index) => {
      const name = entry.replace(/\.zip$/, '');
      const id = run.id * 100 + index;
      if (repo.artifacts.some((a) => a.id === id)) return;
      const path = join(dir, runDir, entry);
      const zip = entry.endsWith('.zip') ? new Uint8Array(readFileSync(path)) : zipDir(path);
      repo.artifacts.push({
        id,
        name,
        zip,
        workflowRun: { ...run, repositoryId: repo.id },
      });
    });
  }
}

/** A directory as GitHub zips an artifact: its files at their relative paths. */
export function zipDir(dir: string): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const walk = (at: string): void => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path).split('\\').join('/')] = readFileSync(path);
    }
  };
  walk(dir);
  return zipSync(files, { mtime: new Date('2026-01-01T00:00:00Z') });
}
