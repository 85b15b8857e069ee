// `cd4ml compare` in a shallow clone, as CI checks out: actions/checkout's default
// `fetch-depth: 1` leaves one commit (on a pull request the merge commit refs/pull/N/merge),
// no base branch and no first parents. Real git throughout: a bare remote reached by a
// file:// URL (so depth applies), the checkout's own fetch, and `git clone --depth 1`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { baseRun, headRun } from '../../core/compare/__fixtures__/records.js';
import { ensureHistory } from '../../core/gate/shallow.js';
import type { RunRecord } from '../../core/run-record/schema.js';
import { saveRun } from '../../core/store/local-store.js';
import { runCli } from '../testing.js';

let dir: string;
let url: string;
/** The merge-base, the PR head, the base branch's tip, and a deep branch's tip. */
let base: string, head: string, tip: string, deep: string;

function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    [
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@example.com',
      '-c',
      'init.defaultBranch=main',
      ...args,
    ],
    { cwd, encoding: 'utf8' },
  ).trim();
}

function commit(repo: string, file: string, text: string, message: string): string {
  writeFileSync(join(repo, file), text);
  git(repo, 'add', '.');
  git(repo, 'commit', '-qm', message);
  return git(repo, 'rev-parse', 'HEAD');
}

/** `n` commits on `branch` from `from`, written by fast-import (hundreds in one process). */
function commits(repo: string, branch: string, from: string, n: number): string {
  const stream = Array.from(
    { length: n },
    (_, i) =>
      `commit refs/heads/${branch}\ncommitter t <t@example.com> ${1_700_000_000 + i} +0000\ndata 3\nd${i % 10}\n${i === 0 ? `from ${from}\n` : ''}M 644 inline deep.txt\ndata ${String(i).length}\n${i}\n`,
  ).join('');
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo, input: stream });
  return git(repo, 'rev-parse', branch);
}

function at(record: RunRecord, sha: string, branch: string): RunRecord {
  return {
    ...record,
    id: `${record.id}-${sha.slice(0, 6)}`,
    git: { ...record.git, commit: sha, branch, dirty: false },
  };
}

/** The runs a CI job has in its store (e.g. pulled from the history branch): base, tip, head. */
async function withRuns(ws: string): Promise<string> {
  writeFileSync(join(ws, '.git', 'info', 'exclude'), '.cd4ml/\n');
  await saveRun(ws, at(baseRun(), base, 'main'));
  await saveRun(ws, at(baseRun(), tip, 'main'));
  await saveRun(ws, at(headRun(), head, 'feat'));
  return ws;
}

/** What actions/checkout does on a pull request with `fetch-depth: 1`. */
function checkoutPullRequest(): string {
  const ws = mkdtempSync(join(dir, 'checkout-'));
  git(ws, 'init', '-q');
  git(ws, 'remote', 'add', 'origin', url);
  git(
    ws,
    'fetch',
    '-q',
    '--no-tags',
    '--depth=1',
    'origin',
    '+refs/pull/1/merge:refs/remotes/pull/1/merge',
  );
  git(ws, 'checkout', '-q', '--detach', 'refs/remotes/pull/1/merge');
  return ws;
}

function shallowClone(): string {
  const ws = join(mkdtempSync(join(dir, 'clone-')), 'ws');
  git(dir, 'clone', '-q', '--depth', '1', '-b', 'feat', url, ws);
  return ws;
}

async function compareJson(ws: string, ...args: string[]) {
  const out = await runCli('compare', '--root', ws, '--format', 'json', ...args);
  expect(out.stderr).toBe('');
  return JSON.parse(out.stdout) as {
    comparison: { base: { commit: string } | null; notes: string[] };
  };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cd4ml-shallow-'));
  const src = join(dir, 'src');
  git(dir, 'init', '-q', src);
  commit(src, 'README.md', 'model\n', 'first');
  for (let i = 0; i < 4; i++) commit(src, 'version.txt', `${i}`, `main ${i}`);
  base = commit(src, 'version.txt', 'base', 'main base');
  git(src, 'checkout', '-q', '-b', 'feat');
  head = commit(src, 'model.txt', 'gbdt', 'feature');
  git(src, 'checkout', '-q', 'main');
  for (let i = 0; i < 3; i++) commit(src, 'after.txt', `${i}`, `main after ${i}`);
  tip = git(src, 'rev-parse', 'HEAD');
  deep = commits(src, 'deep', base, 150);
  // GitHub's refs/pull/1/merge: the PR head merged into the base branch's tip.
  git(src, 'checkout', '-q', '--detach', tip);
  git(src, 'merge', '-q', '--no-ff', '-m', 'Merge feat into main', head);
  git(src, 'update-ref', 'refs/pull/1/merge', 'HEAD');
  git(src, 'checkout', '-q', 'main');
  const remote = join(dir, 'remote.git');
  git(dir, 'clone', '-q', '--bare', src, remote);
  git(src, 'push', '-q', remote, 'refs/pull/1/merge:refs/pull/1/merge');
  url = `file://${remote}`;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

describe('cd4ml compare in a shallow clone', () => {
  it('on a pull request checkout (fetch-depth: 1) fetches the base and the head, compares at their merge-base and says so', async () => {
    const ws = await withRuns(checkoutPullRequest());
    vi.stubEnv('GITHUB_BASE_REF', 'main');
    expect(git(ws, 'rev-list', '--count', 'HEAD')).toBe('1');
    const json = await compareJson(ws);
    // Not the base branch's tip: the merge-base, as on a full clone.
    expect(json.comparison.base?.commit).toBe(base);
    expect(json.comparison.notes).toContain(
      "This is a shallow clone (actions/checkout's default `fetch-depth: 1`): cd4ml fetched main and the head from origin, about 100 commits deep, for their merge-base and its first parents. `fetch-depth: 0` on actions/checkout saves the fetch.",
    );
    // Deepened as far as needed, not unshallowed.
    expect(git(ws, 'rev-parse', '--is-shallow-repository')).toBe('true');
    expect(git(ws, 'merge-base', tip, head)).toBe(base);
  });

  it('after `git clone --depth 1` of the feature branch, finds the default branch on the remote', async () => {
    const ws = await withRuns(shallowClone());
    const json = await compareJson(ws);
    expect(json.comparison.base?.commit).toBe(base);
    expect(json.comparison.notes.join('\n')).toContain('This is a shallow clone');
  });

  it('--base <branch> the clone lacks is fetched from origin', async () => {
    const ws = await withRuns(shallowClone());
    const json = await compareJson(ws, '--base', 'main');
    expect(json.comparison.base?.commit).toBe(tip);
  });

  it('a full clone fetches nothing and adds no note', async () => {
    const ws = join(mkdtempSync(join(dir, 'full-')), 'ws');
    git(dir, 'clone', '-q', '-b', 'feat', url, ws);
    await withRuns(ws);
    const json = await compareJson(ws);
    expect(json.comparison.base?.commit).toBe(base);
    expect(json.comparison.notes.join('\n')).not.toContain('shallow');
  });

  it('when the remote cannot be reached, exits 3 naming the fix, not a silent "no baseline"', async () => {
    const ws = await withRuns(checkoutPullRequest());
    vi.stubEnv('GITHUB_BASE_REF', 'main');
    const remote = url.slice('file://'.length);
    renameSync(remote, `${remote}.gone`);
    try {
      const { code, stdout, stderr } = await runCli('compare', '--root', ws, '--format', 'json');
      expect(code).toBe(3);
      expect(stdout).toBe('');
      expect(stderr).toContain(
        'this is a shallow clone and the base branch main could not be fetched from origin:',
      );
      expect(stderr).toContain(
        'hint: check out with full history: `fetch-depth: 0` on actions/checkout (or run `git fetch --unshallow`)',
      );
    } finally {
      renameSync(`${remote}.gone`, remote);
    }
  });

  it('gives up at its bound with an error naming the fix', async () => {
    const ws = shallowClone();
    // 150 commits between the deep branch's tip and the merge-base: past 100 + 1.
    await expect(
      ensureHistory(simpleGit(ws), { remote: 'origin', base: deep, head, label: 'deep' }, [1]),
    ).rejects.toMatchObject({
      code: 'E_USAGE',
      message: expect.stringContaining(
        `this shallow clone lacks a merge-base of the head ${head.slice(0, 7)} and deep ${deep.slice(0, 7)}, even after fetching about 101 commits of history from origin\n  hint: check out with full history: \`fetch-depth: 0\``,
      ) as unknown,
    });
    // With the default steps it gets there.
    expect(
      await ensureHistory(simpleGit(ws), { remote: 'origin', base: deep, head, label: 'deep' }),
    ).toHaveLength(1);
    expect(git(ws, 'merge-base', deep, head)).toBe(base);
  });
});
