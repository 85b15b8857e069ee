// The REST RunSource in-process: GitHub answered through an injected fetch (Octokit's own
// request path, no network), artifacts from a directory (the local RunArtifacts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRepo, type TestRepo } from '../testing/project.js';
import { directoryArtifacts } from './artifacts.js';
import { createGitHub } from './github.js';
import { readArtifactContent } from './read-run.js';
import { restRunSource } from './rest-run-source.js';

const REPO = { owner: 'octo', repo: 'ml' };
let repo: TestRepo;
let store: string;
let line: string[];

beforeAll(() => {
  repo = createTestRepo(0.95);
  store = mkdtempSync(join(tmpdir(), 'cd4ml-rest-source-'));
  const first = repo.commit('one');
  repo.run();
  repo.artifact(join(store, '11', 'cd4ml-run'));
  repo.write('README.md', 'docs only\n');
  const second = repo.commit('two: docs, no pipeline run');
  repo.write('NOTES.md', 'more\n');
  const third = repo.commit('three');
  line = [third, second, first];
});

afterAll(() => {
  repo.remove();
  rmSync(store, { recursive: true, force: true });
});

function run(id: number, sha: string, repository = 'octo/ml') {
  return {
    id,
    head_sha: sha,
    event: 'push',
    conclusion: 'success',
    head_repository: { full_name: repository },
    html_url: `https://github.com/octo/ml/actions/runs/${id}`,
  };
}

/** A fetch that answers like api.github.com from a table of `path?query` → JSON, logging each call. */
function fakeFetch(routes: Record<string, unknown>) {
  const calls: string[] = [];
  const fetch = (input: string | URL | Request) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
    );
    const key = `${url.pathname}${url.search}`;
    calls.push(key);
    const body = routes[key];
    return Promise.resolve(
      body === undefined
        ? new Response(JSON.stringify({ message: 'Not Found' }), {
            status: 404,
            headers: { 'content-type': 'application/json' },
          })
        : new Response(typeof body === 'string' ? body : JSON.stringify(body), {
            status: 200,
            headers: {
              'content-type': typeof body === 'string' ? 'text/plain' : 'application/json',
            },
          }),
    );
  };
  return { fetch: fetch, calls };
}

function source(routes: Record<string, unknown>, notes: string[] = []) {
  const { fetch, calls } = fakeFetch(routes);
  const github = createGitHub('ghs_test', { baseUrl: 'https://api.github.com', fetch });
  const rest = restRunSource({
    github,
    repo: REPO,
    branch: 'main',
    workflow: 'ml.yml',
    artifacts: directoryArtifacts(store),
    readArtifact: readArtifactContent,
    onNote: (note) => notes.push(note),
  });
  return { rest, calls };
}

const runsPath =
  '/repos/octo/ml/actions/workflows/ml.yml/runs?branch=main&event=push&status=success&per_page=100';

describe('restRunSource', () => {
  it('takes the nearest first-parent ancestor with a push run from this repository', async () => {
    const [third, second, first] = line as [string, string, string];
    const { rest, calls } = source({
      // Newest first; a fork's push run at `second` (its own branch called main) is ignored.
      [runsPath]: { total_count: 2, workflow_runs: [run(12, second, 'fork/ml'), run(11, first)] },
      [`/repos/octo/ml/commits?sha=${third}&per_page=100`]: [
        { sha: third, parents: [{ sha: second }] },
        { sha: second, parents: [{ sha: first }] },
        { sha: first, parents: [] },
      ],
    });
    const baseline = await rest.baselineAt(third);
    expect(baseline?.commit).toBe(first);
    expect(baseline?.run.source).toBe('workflow run 11 (artifact cd4ml-run)');
    expect(baseline?.run.record.metrics).toEqual({ accuracy: 0.95 });
    expect(await baseline?.run.readAttachment('eval/predictions.csv', 1e6)).toContain(
      'id,label,prediction',
    );
    expect(calls).toEqual([runsPath, `/repos/octo/ml/commits?sha=${third}&per_page=100`]);
  });

  it('skips a run whose artifact expired, with a note, and never its own head run', async () => {
    const [, , first] = line as [string, string, string];
    const notes: string[] = [];
    const { rest } = source(
      {
        [runsPath]: { workflow_runs: [run(13, first), run(11, first)] },
        [`/repos/octo/ml/commits?sha=${first}&per_page=100`]: [{ sha: first, parents: [] }],
      },
      notes,
    );
    const found = await rest.baselineAt(first);
    expect(found?.run.source).toBe('workflow run 11 (artifact cd4ml-run)');
    expect(notes).toEqual([expect.stringContaining('Workflow run 13 (') as string]);
    const head = found!.run.record.id;
    expect(await rest.baselineAt(first, { excludeRunId: head })).toBeNull();
  });

  it('reads a file at a commit through the contents API; absent is null', async () => {
    const { rest, calls } = source({
      '/repos/octo/ml/contents/.github%2Fcd4ml.yml?ref=abc': 'gate: {}\n',
    });
    expect(await rest.fileAt('abc', '.github/cd4ml.yml')).toBe('gate: {}\n');
    expect(await rest.fileAt('def', '.github/cd4ml.yml')).toBeNull();
    expect(calls).toHaveLength(2);
  });

  it('says which permission to grant when GitHub refuses', async () => {
    const { rest } = source({});
    await expect(rest.baselineAt('abc')).rejects.toThrow(/permissions: \{ actions: read \}/);
  });
});
