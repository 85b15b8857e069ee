// The root action's history push as CI runs it: the workspace a `fetch-depth: 1` checkout
// leaves (`git clone --depth 1` of a real bare remote over file://, so depth applies), the
// bundles run as the runner runs them against the local stand-in for api.github.com. The
// push lands from a shallow clone and the compare action reads it back from one; when the
// remote declines the push (a pre-receive hook) or is gone, the step still records the run,
// writes its report and sets the outputs the upload needs, and warns with what to do.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFakeGitHub, zipDir, type ServedGitHub } from '../github/testing/serve.js';
import { CLI, createTestRepo, REPOSITORY, type TestRepo } from './testing/project.js';
import { runStep } from './testing/runner.js';

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
  name: string;
  examples: { action?: string }[];
}[];
const pushed = examples.find((e) => e.name === 'push')!.examples[0] as unknown as {
  repository: { default_branch: string };
};
const opened = examples
  .find((e) => e.name === 'pull_request')!
  .examples.find((e) => e.action === 'opened') as unknown as {
  pull_request: { base: { sha: string; ref: string }; head: { sha: string; ref: string } };
};

let scratch: string;
let remote: string;
let repo: TestRepo;
let github: ServedGitHub;
let first: string;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
}

/** What a `fetch-depth: 1` checkout of `branch` leaves: one commit, origin = the remote. */
function shallowCheckout(branch = 'main'): string {
  const ws = join(mkdtempSync(join(scratch, 'ws-')), 'ws');
  git(scratch, 'clone', '-q', '--depth', '1', '-b', branch, `file://${remote}`, ws);
  expect(git(ws, 'rev-parse', '--is-shallow-repository')).toBe('true');
  return ws;
}

function historyTip(): string | null {
  const shown = spawnSync('git', ['rev-parse', '--verify', '-q', 'refs/heads/cd4ml-history'], {
    cwd: remote,
    encoding: 'utf8',
  });
  return shown.status === 0 ? shown.stdout.trim() : null;
}

/** The git commands the step ran, from GIT_TRACE (`git push`, `git fetch`, …). */
function traced(trace: string, command: string): number {
  return readFileSync(trace, 'utf8')
    .split('\n')
    .filter((line) => line.includes(`trace: built-in: git ${command} `)).length;
}

/** The root action's pipeline step on a push to main at `first`, with `history-push`. */
function pushStep(ws: string, runId: number, trace: string) {
  github.reset();
  const payload = { ...structuredClone(pushed), ref: 'refs/heads/main', after: first };
  payload.repository.default_branch = 'main';
  return runStep({
    bundle: 'dist/actions/pipeline.js',
    inputs: { token: 'ghs_test', 'history-push': 'true' },
    inputStyle: 'composite',
    workspace: ws,
    apiUrl: github.url,
    eventName: 'push',
    payload,
    env: {
      GITHUB_SHA: first,
      GITHUB_REF: 'refs/heads/main',
      GITHUB_RUN_ID: String(runId),
      GIT_TRACE: trace,
    },
  });
}

/**
 * A GitHub that lists no earlier run: the baseline search then reads nothing from origin
 * (no expired artifact to look up on the history branch), so every git fetch is the push's.
 */
async function freshGitHub(): Promise<void> {
  await github.close();
  github = await serveFakeGitHub({ repository: REPOSITORY, git: repo.dir });
}

/** The step's record was written, the upload's input set, and the summary holds the run. */
function expectRunKept(step: Awaited<ReturnType<typeof pushStep>>): string {
  const record = JSON.parse(readFileSync(step.outputs.record!, 'utf8')) as { id: string };
  expect(existsSync(join(step.outputs['run-dir']!, 'cd4ml-run.json'))).toBe(true);
  expect(step.outputs.status).toBe('success');
  expect(step.summary).toContain('accuracy');
  return record.id;
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'cd4ml-history-push-'));
  remote = join(scratch, 'origin.git');
  git(scratch, 'init', '-q', '--bare', '-b', 'main', remote);
  repo = createTestRepo(0.95);
  // Two commits: a depth-1 clone of main really is shallow.
  repo.commit('project');
  repo.write('notes.txt', 'x\n');
  first = repo.commit('baseline');
  repo.git('remote', 'add', 'origin', remote);
  repo.git('push', '-q', 'origin', 'main');
  github = await serveFakeGitHub({ repository: REPOSITORY, git: repo.dir });
});

afterAll(async () => {
  await github.close();
  repo.remove();
  rmSync(scratch, { recursive: true, force: true });
});

describe('history push from a shallow checkout', () => {
  it('pushes from a fetch-depth 1 clone, and the compare action reads it back from one', async () => {
    const ws = shallowCheckout();
    const trace = join(scratch, 'trace-ok');
    const step = await pushStep(ws, 101, trace);
    expect(step.stdout).not.toContain('::error');
    expect(step.stdout).not.toContain('::warning');
    expect(step.exitCode).toBe(0);
    const id = expectRunKept(step);
    expect(step.stdout).toContain(`cd4ml: pushed run ${id} to cd4ml-history (1 run(s) there)`);
    expect(git(remote, 'ls-tree', '-r', '--name-only', 'cd4ml-history').split('\n')).toContain(
      `runs/${id}.json`,
    );
    // The clone stays as shallow as it was: only the history branch was fetched.
    expect(git(ws, 'rev-parse', '--is-shallow-repository')).toBe('true');
    expect(git(ws, 'rev-list', '--count', 'HEAD')).toBe('1');

    // The run's artifact expires; a PR's compare step, in its own shallow checkout, finds
    // the baseline on the history branch.
    const run = {
      id: 101,
      headSha: first,
      headBranch: 'main',
      event: 'push',
      conclusion: 'success',
      headRepositoryId: 1296269,
      workflow: 'ml.yml',
    };
    github.repo.runs.push(run);
    github.repo.uploadArtifact(
      { ...run, repositoryId: 1296269 },
      'cd4ml-run',
      zipDir(step.outputs['run-dir']!),
      { expired: true },
    );
    repo.git('checkout', '-q', '-b', 'wider');
    repo.write('params.yaml', 'train:\n  accuracy: 0.9\n');
    const head = repo.commit('drop accuracy');
    repo.git('push', '-q', 'origin', 'wider');
    const pr = shallowCheckout('wider');
    for (const args of [['run'], ['record', '--dir', '.cd4ml/artifact/run']]) {
      const ran = spawnSync(process.execPath, [CLI, ...args], { cwd: pr, encoding: 'utf8' });
      expect(ran.status, ran.stderr).toBe(0);
    }
    const event = structuredClone(opened);
    Object.assign(event.pull_request.base, { sha: first, ref: 'main' });
    Object.assign(event.pull_request.head, { sha: head, ref: 'wider' });
    github.reset();
    const compared = await runStep({
      bundle: 'dist/actions/compare.js',
      inputs: { token: 'ghs_test', comment: 'false', 'fail-on-gate': 'false' },
      workspace: pr,
      apiUrl: github.url,
      eventName: 'pull_request',
      payload: event,
      env: { GITHUB_WORKFLOW_REF: `${REPOSITORY}/.github/workflows/ml.yml@refs/pull/2/merge` },
    });
    expect(compared.stderr).toBe('');
    expect(compared.exitCode).toBe(0);
    expect(compared.outputs['base-run']).toBe(`cd4ml-history:runs/${id}.json`);
    expect(compared.outputs['base-commit']).toBe(first);
    expect(compared.outputs.conclusion).toBe('failure');
    expect(git(pr, 'rev-parse', '--is-shallow-repository')).toBe('true');
  });

  it('a push the remote declines (a pre-receive hook) is tried once, then a warning with what to do; the run is kept', async () => {
    const hook = join(remote, 'hooks', 'pre-receive');
    const count = join(scratch, 'hook-calls');
    writeFileSync(hook, `#!/bin/sh\necho x >> '${count}'\necho 'history is frozen' >&2\nexit 1\n`);
    chmodSync(hook, 0o755);
    await freshGitHub();
    const before = historyTip();
    const trace = join(scratch, 'trace-declined');
    try {
      const step = await pushStep(shallowCheckout(), 102, trace);
      expect(step.exitCode, step.stdout).toBe(0);
      expect(step.stdout).not.toContain('::error');
      const id = expectRunKept(step);
      expect(readFileSync(count, 'utf8')).toBe('x\n');
      expect(traced(trace, 'push')).toBe(1);
      const warning = step.stdout.split('\n').find((line) => line.startsWith('::warning'));
      expect(warning).toMatch(/^::warning title=cd4ml%3A history push failed::/);
      expect(warning).toContain(
        `run ${id} was not added to the cd4ml-history branch: cannot push cd4ml-history to origin: remote: history is frozen; [remote rejected] (pre-receive hook declined) (the remote declined it; not retried).`,
      );
      expect(warning).toContain('(the remote declined it; not retried)');
      expect(warning).toContain(
        'To fix: let this token push to cd4ml-history: it needs contents: write, and no hook, branch protection or ruleset may refuse it, then re-run this job',
      );
      expect(step.summary).toContain(
        `> [!WARNING]\n> The run ${id} was not added to the cd4ml-history branch`,
      );
      expect(historyTip()).toBe(before);
    } finally {
      rmSync(hook);
    }
  });

  it('a remote that is gone is tried again, bounded, then a warning; the run is kept', async () => {
    const ws = shallowCheckout();
    git(ws, 'remote', 'set-url', 'origin', join(scratch, 'gone.git'));
    await freshGitHub();
    const trace = join(scratch, 'trace-gone');
    const step = await pushStep(ws, 103, trace);
    expect(step.exitCode).toBe(0);
    expect(step.stdout).not.toContain('::error');
    const id = expectRunKept(step);
    // The first try and one after each wait (1 s, 2 s): three fetches, no push.
    console.log(
      readFileSync(trace, 'utf8')
        .split('\n')
        .filter((l) => l.includes('fetch'))
        .join('\n'),
    );
    expect(traced(trace, 'fetch')).toBe(3);
    expect(traced(trace, 'push')).toBe(0);
    const warning = step.stdout.split('\n').find((line) => line.startsWith('::warning'));
    expect(warning).toContain(
      `run ${id} was not added to the cd4ml-history branch: cannot fetch cd4ml-history from origin:`,
    );
    expect(warning).toContain('(tried 3 times)');
    expect(warning).toContain('To fix: the remote could not be reached or failed');
  });
});
