// `cd4ml reproduce --on github` at the network edge: a fetch that answers as GitHub's REST
// API does, and the exact calls asserted (dispatch inputs, the run found, the artifact read).
import { zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { storedRun } from '../../core/gate/local-source.js';
import type { RunRecord } from '../../core/run-record/schema.js';
import { reproduceOnGitHub, repositoryOfRemote } from './reproduce-github.js';

const RECORD = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../core/compare/__fixtures__/base.json'), 'utf8'),
) as RunRecord;
const record: RunRecord = { ...RECORD, overrides: { 'train.C': 0.5 }, ci: undefined };
const RUN = {
  id: 77,
  html_url: 'https://github.com/acme/ml/actions/runs/77',
  status: 'completed',
  conclusion: 'success',
};

function fakeGitHub(reproduced: RunRecord, run: Record<string, unknown> = RUN) {
  const calls: string[] = [];
  const bodies: unknown[] = [];
  const fetch = vi.fn((input: string, init?: { method?: string; body?: string }) => {
    const url = new URL(input);
    calls.push(`${init?.method ?? 'GET'} ${url.pathname}${url.search}`);
    if (init?.body) bodies.push(JSON.parse(init.body));
    const json = (data: unknown, status = 200) =>
      Promise.resolve(
        new Response(JSON.stringify(data), {
          status,
          headers: { 'content-type': 'application/json' },
        }),
      );
    if (url.pathname === '/repos/acme/ml') return json({ default_branch: 'main' });
    if (url.pathname.endsWith('/dispatches'))
      return Promise.resolve(new Response(null, { status: 204 }));
    if (url.pathname.endsWith('/workflows/reproduce.yml/runs'))
      return json({ total_count: 1, workflow_runs: [run] });
    if (url.pathname === '/repos/acme/ml/actions/runs/77/artifacts')
      return json({ total_count: 1, artifacts: [{ id: 5, expired: false }] });
    if (url.pathname === '/repos/acme/ml/actions/artifacts/5/zip') {
      const zip = zipSync({
        'cd4ml-run.json': new TextEncoder().encode(JSON.stringify(reproduced)),
      });
      return Promise.resolve(
        new Response(zip, { status: 200, headers: { 'content-type': 'application/zip' } }),
      );
    }
    return json({ message: 'Not Found' }, 404);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls, bodies };
}

const options = (fetch: typeof globalThis.fetch) => ({
  run: storedRun({ dir: '/nowhere', record }),
  overrides: [{ file: 'params.yaml', key: 'train.seed', value: 3, text: 'train.seed=3' }],
  tolerance: { kind: 'absolute' as const, value: 0 },
  metricsOnly: true,
  workflow: 'reproduce.yml',
  wait: true,
  json: true,
  repository: 'acme/ml',
  token: 'ghs_test',
  fetch,
  pollMs: 0,
});

let stdout = '';
let stderr = '';
afterEach(() => vi.restoreAllMocks());
function capture(): void {
  stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(
    (chunk) => ((stdout += String(chunk)), true),
  );
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation(
    (chunk) => ((stderr += String(chunk)), true),
  );
}

describe('cd4ml reproduce --on github', () => {
  it('dispatches with the commit and overrides as inputs, finds the run, and compares its record', async () => {
    capture();
    const github = fakeGitHub(record);
    expect(await reproduceOnGitHub(options(github.fetch))).toBe(0);
    expect(github.calls).toEqual([
      'GET /repos/acme/ml',
      'POST /repos/acme/ml/actions/workflows/reproduce.yml/dispatches',
      expect.stringMatching(
        /^GET \/repos\/acme\/ml\/actions\/workflows\/reproduce\.yml\/runs\?event=workflow_dispatch&branch=main&created=%3E%3D.+&per_page=1$/,
      ),
      'GET /repos/acme/ml/actions/runs/77/artifacts?name=cd4ml-run',
      'GET /repos/acme/ml/actions/artifacts/5/zip',
    ]);
    expect(github.bodies).toEqual([
      {
        ref: 'main',
        inputs: { commit: record.git.commit, overrides: 'train.C=0.5\ntrain.seed=3' },
      },
    ]);
    expect(JSON.parse(stdout).matches).toBe(true);
    expect(stderr).toContain(`on GitHub: ${RUN.html_url}`);
  });

  it('without --wait prints the run URL and stops there, exit 0', async () => {
    capture();
    const github = fakeGitHub(record);
    expect(await reproduceOnGitHub({ ...options(github.fetch), wait: false })).toBe(0);
    expect(github.calls.at(-1)).toMatch(
      /^GET \/repos\/acme\/ml\/actions\/workflows\/reproduce\.yml\/runs\?/,
    );
    expect(stderr).toContain(`on GitHub: ${RUN.html_url}`);
    expect(stdout).toBe('');
  });

  it('exits 1 naming the metric when the remote record differs', async () => {
    capture();
    const github = fakeGitHub({ ...record, metrics: { ...record.metrics, accuracy: 0.1 } });
    expect(await reproduceOnGitHub(options(github.fetch))).toBe(1);
    const json = JSON.parse(stdout) as { metrics: { name: string; matches: boolean }[] };
    expect(json.metrics.filter((m) => !m.matches).map((m) => m.name)).toEqual(['accuracy']);
  });

  it('a changed answer is an error naming the call and the field, never a cast', async () => {
    const { html_url: _, ...noUrl } = RUN;
    const github = fakeGitHub(record, noUrl);
    await expect(reproduceOnGitHub(options(github.fetch))).rejects.toThrow(
      /GitHub's answer to GET \/repos\/\{owner\}\/\{repo\}\/actions\/workflows\/\{workflow_id\}\/runs is not what its API documents at workflow_runs\.0\.html_url/,
    );
    // Nothing was read past it.
    expect(github.calls.at(-1)).toMatch(/\/workflows\/reproduce\.yml\/runs\?/);
  });

  it('says what to do without a token, and when the workflow is not there (404)', async () => {
    const github = fakeGitHub(record);
    await expect(reproduceOnGitHub({ ...options(github.fetch), token: undefined })).rejects.toThrow(
      /GITHUB_TOKEN/,
    );
    await expect(
      reproduceOnGitHub({ ...options(github.fetch), workflow: 'nope.yml', ref: 'main' }),
    ).rejects.toThrow(/is nope\.yml in acme\/ml/);
  });

  it('with --wait stops waiting at the timeout, naming the run, which goes on', async () => {
    capture();
    const github = fakeGitHub(record);
    let polls = 0;
    const fetch = ((input: string, init?: { method?: string; body?: string }) => {
      const path = new URL(input).pathname;
      const running = { ...RUN, status: 'in_progress', conclusion: null };
      if (path.endsWith('/workflows/reproduce.yml/runs'))
        return Promise.resolve(Response.json({ total_count: 1, workflow_runs: [running] }));
      if (path === '/repos/acme/ml/actions/runs/77') {
        polls++;
        return Promise.resolve(Response.json(running));
      }
      return github.fetch(input, init);
    }) as typeof globalThis.fetch;
    await expect(
      reproduceOnGitHub({ ...options(fetch), pollMs: 1, timeoutMs: 30 }),
    ).rejects.toThrow(
      /gave up waiting after 0 s: https:\/\/github\.com\/acme\/ml\/actions\/runs\/77 is still in progress[\s\S]*longer --timeout <minutes>/,
    );
    expect(polls).toBeGreaterThan(0);
    expect(github.calls.some((call) => call.includes('/artifacts'))).toBe(false);
  });

  it('reads owner/name from github.com remotes only', () => {
    expect(repositoryOfRemote('git@github.com:acme/ml.git')).toBe('acme/ml');
    expect(repositoryOfRemote('https://github.com/acme/ml')).toBe('acme/ml');
    expect(repositoryOfRemote('https://gitlab.com/acme/ml.git')).toBeNull();
  });
});
