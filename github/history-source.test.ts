// The history branch through the REST contents API (the bot's fallback for an expired
// baseline artifact), against the fake GitHub: which record stands for a candidate, the
// trend it carries, the exact and bounded requests, and a branch that is missing or
// holds files cd4ml did not write.
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { beforeEach, describe, expect, it } from 'vitest';
import { baseRun } from '../core/compare/__fixtures__/records.js';
import type { CandidateRun, RunSource } from '../core/gate/port.js';
import { withHistoryFallback } from '../core/history-branch/fallback.js';
import { INDEX_SCHEMA, indexEntry, runFile } from '../core/history-branch/layout.js';
import type { RunRecord } from '../core/run-record/schema.js';
import { restHistoryFallback } from './history-source.js';
import { FakeGitHub } from './testing/fake-github.js';
import { FakeRepo } from './testing/fake-repo.js';

const R = '/repos/octo/ml';
let github: FakeGitHub;
let repo: FakeRepo;

beforeEach(() => {
  github = new FakeGitHub();
  repo = new FakeRepo('octo/ml', 1);
  repo.mount(github);
});

function record(n: number, commit: string, extra: Partial<RunRecord> = {}): RunRecord {
  return {
    ...baseRun(),
    id: `20260101-0000${String(n).padStart(2, '0')}-aa`,
    event: 'push',
    status: 'success',
    createdAt: `2026-01-01T00:00:${String(n).padStart(2, '0')}Z`,
    git: { commit, branch: 'main', dirty: false },
    ci: { provider: 'github', runUrl: `https://github.com/octo/ml/actions/runs/${n}` },
    predictions: null,
    ...extra,
  };
}

/** The branch as `cd4ml history push` writes it: one file per run and the index. */
function branch(records: RunRecord[], index: unknown = undefined) {
  for (const r of records)
    repo.files.set(`cd4ml-history:${runFile(r.id)}`, `${JSON.stringify(r, null, 2)}\n`);
  repo.files.set(
    'cd4ml-history:index.json',
    JSON.stringify(index ?? { schema: INDEX_SCHEMA, runs: records.map(indexEntry) }),
  );
}

/** A source whose every artifact has expired, with the history fallback over it. */
function expired(historyLength?: number) {
  const source: RunSource = {
    trust: 'github',
    candidateRuns: () => Promise.resolve([]),
    firstParents: () => Promise.resolve([]),
    mergeBase: () => Promise.resolve(null),
    fileAt: () => Promise.resolve(null),
    readRun: () => Promise.resolve({ missing: 'its `cd4ml-run` artifact has expired' }),
  };
  return withHistoryFallback(
    source,
    restHistoryFallback({
      github: new (Octokit.plugin(paginateRest))({ request: { fetch: github.fetch } }),
      repo: { owner: 'octo', repo: 'ml' },
      ...(historyLength !== undefined ? { historyLength } : {}),
    }),
  );
}

const candidate = (commit: string, run: number): CandidateRun => ({
  label: `workflow run ${run}`,
  commit,
  branch: 'main',
  event: 'push',
  succeeded: true,
  sameRepository: true,
  createdAt: '2026-01-01T00:00:00Z',
  url: `https://github.com/octo/ml/actions/runs/${run}`,
});

const contents = (path: string) => `GET ${R}/contents/${path}`;

describe('restHistoryFallback', () => {
  it("reads the candidate's record and its trend from the branch, says so, in bounded requests", async () => {
    const runs = [
      record(1, 'c1'),
      record(2, 'c2', { git: { commit: 'c2', branch: 'feat', dirty: false } }),
      record(3, 'c3'),
      record(4, 'c3'),
      record(5, 'c5'),
    ];
    branch(runs);
    const read = await expired().readRun(candidate('c3', 3));
    if (!('run' in read)) throw new Error(read.missing);
    // Run 3 by its workflow run's URL, though run 4 (the same commit) is newer.
    expect(read.run.record.id).toBe(runs[2]!.id);
    expect(read.run.source).toBe(`cd4ml-history:${runFile(runs[2]!.id)}`);
    expect(read.run.note).toBe(
      `The baseline workflow run 3: its \`cd4ml-run\` artifact has expired; its record came from the \`cd4ml-history\` branch (${runFile(runs[2]!.id)}), which keeps no per-example predictions.`,
    );
    // Its trend: main's push runs up to it (not the feat run, not the later ones).
    expect(read.run.carriedHistory?.map((h) => h.id)).toEqual([runs[0]!.id, runs[2]!.id]);
    expect(await read.run.readAttachment('predictions.csv', 1000)).toBeNull();
    expect(github.requests()).toEqual([
      contents('index.json'),
      contents(runFile(runs[3]!.id)),
      contents(runFile(runs[2]!.id)),
      contents(runFile(runs[0]!.id)),
    ]);
    expect(github.calls.map((c) => c.query.get('ref'))).toEqual(Array(4).fill('cd4ml-history'));
  });

  it('reads the index once, and at most historyLength records for a long trend', async () => {
    const runs = Array.from({ length: 40 }, (_, n) => record(n + 1, `c${n + 1}`));
    branch(runs);
    const source = expired(5);
    const read = await source.readRun(candidate('c30', 30));
    if (!('run' in read)) throw new Error(read.missing);
    expect(read.run.carriedHistory?.map((h) => h.id)).toEqual(runs.slice(25, 30).map((r) => r.id));
    expect(github.requests()).toHaveLength(1 + 1 + 4);
    await source.readRun(candidate('c31', 31));
    expect(github.requests().filter((r) => r === contents('index.json'))).toHaveLength(1);
  });

  it('a commit the branch has no run of, and a branch that does not exist, are missing with the reason', async () => {
    branch([record(1, 'c1')]);
    expect(await expired().readRun(candidate('c9', 9))).toEqual({
      missing:
        'its `cd4ml-run` artifact has expired, and the cd4ml-history branch has no record of it',
    });
    repo.files.clear();
    expect(await expired().readRun(candidate('c1', 1))).toEqual({
      missing:
        'its `cd4ml-run` artifact has expired; the cd4ml-history branch could not be read (cd4ml-history:index.json does not exist)',
    });
  });

  it('refuses a foreign index, never turns a hostile id into a path, and checks the record agrees', async () => {
    branch([], { schema: 'someone-else@1', runs: [] });
    const foreign = await expired().readRun(candidate('c1', 1));
    expect('missing' in foreign && foreign.missing).toMatch(
      /could not be read \(cd4ml-history:index.json is not a cd4ml history index at schema:/,
    );
    github = new FakeGitHub();
    repo = new FakeRepo('octo/ml', 1);
    repo.mount(github);
    const lying = record(2, 'c2');
    branch([lying], {
      schema: INDEX_SCHEMA,
      runs: [
        { ...indexEntry(record(1, 'c1')), id: '../../.github/workflows/x' },
        // The index says c1, the file says c2: the record is what counts.
        { ...indexEntry(lying), commit: 'c1' },
      ],
    });
    expect(await expired().readRun(candidate('c1', 1))).toEqual({
      missing:
        'its `cd4ml-run` artifact has expired, and the cd4ml-history branch has no record of it',
    });
    expect(github.requests()).toEqual([contents('index.json'), contents(runFile(lying.id))]);
  });

  it('a hostile record is refused with the caps of any run record', async () => {
    const deep = record(1, 'c1');
    branch([deep]);
    repo.files.set(`cd4ml-history:${runFile(deep.id)}`, `${'['.repeat(100)}${']'.repeat(100)}`);
    const read = await expired().readRun(candidate('c1', 1));
    expect('missing' in read && read.missing).toMatch(
      /could not be read \(cd4ml-history:runs\/20260101-000001-aa\.json: .*nest/i,
    );
  });
});
