// The shared REST source under the baseline rule, against the one fake GitHub: busy
// repositories, re-runs, expired artifacts, another workflow with the same artifact name,
// a renamed base branch, each with the exact requests made.
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { beforeEach, describe, expect, it } from 'vitest';
import { baseRun } from '../core/compare/__fixtures__/records.js';
import { chooseBaseline } from '../core/gate/baseline.js';
import { memoryRun } from '../core/gate/testing.js';
import type { RunRecord } from '../core/run-record/schema.js';
import { RunSourceCache } from './cache.js';
import { gitHubRunSource } from './run-source.js';
import { FakeGitHub } from './testing/fake-github.js';
import { FakeRepo } from './testing/fake-repo.js';

const R = '/repos/octo/ml';
const Client = Octokit.plugin(paginateRest);
let github: FakeGitHub;
let repo: FakeRepo;

/** A zip stand-in: the record's JSON (the reader is the seam under test's caller). */
const zipOf = (commit: string, id: string) => {
  const record: RunRecord = {
    ...baseRun(),
    id,
    event: 'push',
    git: { commit, branch: 'main', dirty: false },
  };
  return new TextEncoder().encode(JSON.stringify(record));
};
const readZip = (zip: Uint8Array) =>
  Promise.resolve(memoryRun(JSON.parse(new TextDecoder().decode(zip)) as RunRecord));

function push(
  id: number,
  sha: string,
  extra: { workflowId?: number; expired?: boolean; branch?: string; attempt?: number } = {},
) {
  repo.uploadArtifact(
    {
      id,
      headSha: sha,
      headBranch: extra.branch ?? 'main',
      headRepositoryId: 1,
      repositoryId: 1,
      event: 'push',
      workflowId: extra.workflowId ?? 7,
      ...(extra.attempt ? { runAttempt: extra.attempt } : {}),
    },
    'cd4ml-run',
    zipOf(sha, `run-${id}`),
    extra.expired ? { expired: true } : {},
  );
}

async function choose(head = 'pr') {
  const source = gitHubRunSource({
    github: new Client({ request: { fetch: github.fetch } }),
    repo: { owner: 'octo', repo: 'ml' },
    fullName: 'octo/ml',
    workflow: 7,
    readZip,
  });
  const found = await chooseBaseline(source, { base: 'tip', head, branch: 'main' });
  return { ...found, requests: github.requests() };
}

beforeEach(() => {
  github = new FakeGitHub();
  repo = new FakeRepo('octo/ml', 1);
  repo.mount(github);
  // main: c0 … c3, tip; the PR branched from c3.
  repo.parents.set('tip', 'c3');
  repo.parents.set('c3', 'c2');
  repo.parents.set('c2', 'c1');
  repo.parents.set('c1', 'c0');
  repo.parents.set('pr', 'c3');
});

describe('gitHubRunSource with the baseline rule', () => {
  it('a busy repository (5,000 runs, 150 newer artifacts from other PRs) costs the same few requests', async () => {
    push(100, 'c3');
    for (let i = 0; i < 150; i++) {
      repo.uploadArtifact(
        {
          id: 1000 + i,
          headSha: `pr${i}`,
          headBranch: `feat/${i}`,
          headRepositoryId: 1,
          repositoryId: 1,
          event: 'pull_request',
          workflowId: 7,
        },
        'cd4ml-run',
        zipOf(`pr${i}`, `pr-${i}`),
      );
    }
    for (let i = 0; i < 5000; i++)
      repo.runs.push({
        id: 10_000 + i,
        headSha: `x${i}`,
        headBranch: 'main',
        headRepositoryId: 1,
        workflowId: 7,
      });
    const { base, requests } = await choose();
    expect(base?.run.record.id).toBe('run-100');
    expect(requests).toEqual([
      `GET ${R}/compare/tip...pr`,
      `GET ${R}/actions/workflows/7/runs`,
      `GET ${R}/actions/runs/100/artifacts`,
      `GET ${R}/actions/artifacts/${repo.artifacts[0]!.id}/zip`,
    ]);
  });

  it('re-runs and several runs for one sha: the newest run wins', async () => {
    push(100, 'c3');
    push(101, 'c3', { attempt: 2 });
    const { base } = await choose();
    expect(base?.run.record.id).toBe('run-101');
  });

  it('an expired artifact is skipped with the reason, and the walk goes on', async () => {
    push(99, 'c2');
    push(100, 'c3', { expired: true });
    const { base, search } = await choose();
    expect(base?.run.record.id).toBe('run-99');
    expect(search.skipped).toEqual([
      {
        label: 'workflow run 100',
        commit: 'c3',
        reason: 'its `cd4ml-run` artifact has expired (artifact retention)',
      },
    ]);
  });

  it('runs of another workflow with the same artifact name are never asked for', async () => {
    push(100, 'c3', { workflowId: 8 });
    const { base, search } = await choose();
    expect(base).toBeNull();
    expect(search.searched).toMatch(/workflow `7`/);
  });

  it('a renamed base branch: runs of the old name are not the base branch’s, and the report says what was searched', async () => {
    push(100, 'c3', { branch: 'master' });
    const { base, search, requests } = await choose();
    expect(base).toBeNull();
    expect(search.searched).toMatch(
      /successful push runs of workflow `7` in this repository at 4 commits/,
    );
    expect(requests.length).toBeLessThanOrEqual(10);
  });

  it('a force-pushed base: runs at commits no longer on its line are not found', async () => {
    push(100, 'gone'); // the commit the force-push dropped
    push(99, 'c1');
    const { base } = await choose();
    expect(base?.run.record.id).toBe('run-99');
  });
});

describe('a cache kept across events (the bot process)', () => {
  it('asks once for what cannot change: the merge-base of two shas, a file at a sha, a completed run', async () => {
    const [tip, base, headA, headB] = ['1', '2', '3', '4'].map((c) => c.repeat(40)) as [
      string,
      string,
      string,
      string,
    ];
    repo.parents.set(tip, base);
    repo.parents.set(headA, base);
    repo.parents.set(headB, headA);
    repo.files.set(`${base}:.github/cd4ml.yml`, 'gate: {}\n');
    push(200, base);
    const cache = new RunSourceCache();
    const event = async (head: string) => {
      github.calls.length = 0;
      const source = gitHubRunSource({
        github: new Client({ request: { fetch: github.fetch } }),
        repo: { owner: 'octo', repo: 'ml' },
        fullName: 'octo/ml',
        workflow: 7,
        readZip,
        cache,
      });
      const found = await chooseBaseline(source, { base: tip, head, branch: 'main' });
      expect(await source.fileAt(found.search.start!, '.github/cd4ml.yml')).toBe('gate: {}\n');
      expect(found.base?.run.record.id).toBe('run-200');
      return github.requests();
    };
    const runs = `GET ${R}/actions/workflows/7/runs`;
    expect(await event(headA)).toEqual([
      `GET ${R}/compare/${tip}...${headA}`,
      runs,
      `GET ${R}/actions/runs/200/artifacts`,
      `GET ${R}/actions/artifacts/9001/zip`,
      `GET ${R}/contents/.github/cd4ml.yml`,
    ]);
    // The same PR again (a re-delivery, a re-requested check): only the run listing.
    expect(await event(headA)).toEqual([runs]);
    // Another head on the same base: its merge-base, then the run listing; the base run
    // and the policy at the base sha come from the cache.
    expect(await event(headB)).toEqual([`GET ${R}/compare/${tip}...${headB}`, runs]);
  });
});
