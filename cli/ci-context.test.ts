import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitState } from '../core/runner/environment.js';
import { recordedGit } from './ci-context.js';

let dir: string;
let head: string;
let merge: string;
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
    cwd: dir,
    encoding: 'utf8',
  }).trim();

/** A real `pull_request` `synchronize` payload (webhooks-examples) pointed at our head. */
function payload(headSha: string): string {
  const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
    name: string;
    examples: { action?: string; pull_request?: { head: { sha: string; ref: string } } }[];
  }[];
  const event = structuredClone(
    examples
      .find((e) => e.name === 'pull_request')!
      .examples.find((e) => e.action === 'synchronize')!,
  );
  event.pull_request!.head.sha = headSha;
  event.pull_request!.head.ref = 'feat/wider';
  const path = join(dir, '.git', 'event.json');
  writeFileSync(path, JSON.stringify(event));
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cd4ml-ci-context-'));
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'a.txt'), 'base\n');
  git('add', '.');
  git('commit', '-qm', 'base');
  git('checkout', '-qb', 'feat/wider');
  writeFileSync(join(dir, 'b.txt'), 'head\n');
  git('add', '.');
  git('commit', '-qm', 'head');
  head = git('rev-parse', 'HEAD');
  git('checkout', '-q', 'main');
  writeFileSync(join(dir, 'c.txt'), 'main moved\n');
  git('add', '.');
  git('commit', '-qm', 'main moved');
  // What actions/checkout leaves on pull_request: refs/pull/N/merge, detached.
  git('merge', '-q', '--no-ff', '-m', 'Merge head into main', 'feat/wider');
  merge = git('rev-parse', 'HEAD');
  git('checkout', '-q', '--detach', merge);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const prEnv = (sha: string, event = 'pull_request') => ({
  GITHUB_ACTIONS: 'true',
  GITHUB_EVENT_NAME: event,
  GITHUB_SHA: sha,
  GITHUB_EVENT_PATH: payload(head),
});

describe('the commit a CI run is recorded at', () => {
  it("on pull_request, a checkout of the merge commit is recorded at the PR's head sha", async () => {
    const state = await recordedGit(gitState(dir), prEnv(merge));
    expect(state).toMatchObject({ commit: head, branch: 'feat/wider', dirty: false });
    expect(state.commit).not.toBe(merge);
  });

  it('pull_request_target too; a push, or a checkout of another commit, keeps what git says', async () => {
    expect((await recordedGit(gitState(dir), prEnv(merge, 'pull_request_target'))).commit).toBe(
      head,
    );
    expect((await recordedGit(gitState(dir), prEnv(merge, 'push'))).commit).toBe(merge);
    // `ref: ${{ github.event.pull_request.head.sha }}` or any other checkout: HEAD is not GITHUB_SHA.
    expect((await recordedGit(gitState(dir), prEnv('f'.repeat(40)))).commit).toBe(merge);
    expect((await recordedGit(gitState(dir), {})).commit).toBe(merge);
  });
});
