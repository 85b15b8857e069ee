// The history branch in the actions: the root action's pipeline step pushes its run to
// cd4ml-history on a push to the default branch, and when a baseline's artifact has
// expired, the compare action and the next push run read its record from that branch.
// The bundles run as the runner runs them, in a real git repository whose origin is a
// real bare repository, against the local stand-in for api.github.com.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFakeGitHub, zipDir, type ServedGitHub } from '../github/testing/serve.js';
import { createTestRepo, REPOSITORY, type TestRepo } from './testing/project.js';
import { runStep } from './testing/runner.js';

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
  name: string;
  examples: { action?: string }[];
}[];
const opened = examples
  .find((e) => e.name === 'pull_request')!
  .examples.find((e) => e.action === 'opened') as unknown as {
  pull_request: {
    base: { sha: string; ref: string };
    head: { sha: string; ref: string; repo: { full_name: string } };
  };
};
const pushed = examples.find((e) => e.name === 'push')!.examples[0] as unknown as {
  ref: string;
  after: string;
  repository: { default_branch: string };
};

let scratch: string;
let remote: string;
let repo: TestRepo;
let github: ServedGitHub;
let first: string;
let firstRunId: string;
const p = `/repos/${REPOSITORY}`;

/** The files of the history branch on the bare remote, or null when it has none. */
function branchFiles(): string[] | null {
  try {
    return execFileSync('git', ['ls-tree', '-r', '--name-only', 'refs/heads/cd4ml-history'], {
      cwd: remote,
      encoding: 'utf8',
    })
      .trim()
      .split('\n');
  } catch {
    return null;
  }
}

/** The root action's pipeline step as a push run `runId` of ml.yml on `ref` at `sha`. */
function pushStep(runId: number, sha: string, ref = 'refs/heads/main') {
  github.reset();
  const payload = { ...structuredClone(pushed), ref, after: sha };
  payload.repository.default_branch = 'main';
  return runStep({
    bundle: 'dist/actions/pipeline.js',
    inputs: { token: 'ghs_test', 'history-push': 'true' },
    inputStyle: 'composite',
    workspace: repo.dir,
    apiUrl: github.url,
    eventName: 'push',
    payload,
    env: { GITHUB_SHA: sha, GITHUB_REF: ref, GITHUB_RUN_ID: String(runId) },
  });
}

/** The run is listed as GitHub lists a finished push run, its artifact already expired. */
function expiredRun(runId: number, sha: string, runDir: string): void {
  const run = {
    id: runId,
    headSha: sha,
    headBranch: 'main',
    event: 'push',
    conclusion: 'success',
    headRepositoryId: 1296269,
    workflow: 'ml.yml',
  };
  github.repo.runs.push(run);
  github.repo.uploadArtifact({ ...run, repositoryId: 1296269 }, 'cd4ml-run', zipDir(runDir), {
    expired: true,
  });
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'cd4ml-history-e2e-'));
  remote = join(scratch, 'origin.git');
  execFileSync('git', ['init', '-q', '--bare', remote]);
  repo = createTestRepo(0.95);
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

describe('the history branch in the actions', () => {
  it('a push to the default branch records the run and pushes it to cd4ml-history', async () => {
    expect(branchFiles()).toBeNull();
    const step = await pushStep(101, first);
    expect(step.stdout).not.toContain('::error');
    expect(step.exitCode).toBe(0);
    const record = JSON.parse(readFileSync(step.outputs.record!, 'utf8')) as {
      id: string;
      predictions: unknown;
    };
    firstRunId = record.id;
    expect(step.stdout).toContain(
      `cd4ml: pushed run ${record.id} to cd4ml-history (1 run(s) there)`,
    );
    expect(branchFiles()).toEqual(['README.md', 'index.json', `runs/${record.id}.json`]);
    const kept = JSON.parse(
      execFileSync('git', ['show', `cd4ml-history:runs/${record.id}.json`], {
        cwd: remote,
        encoding: 'utf8',
      }),
    ) as { id: string; event: string; predictions: unknown; git: { commit: string } };
    expect(kept).toMatchObject({ id: record.id, event: 'push', predictions: null });
    expect(kept.git.commit).toBe(first);
    // The baseline search (nothing before the first commit), nothing else through the API.
    expect(github.log()).toEqual([
      `GET ${p}/actions/workflows/ml.yml/runs?event=push&status=success&head_sha=${first}&branch=main&per_page=100`,
      `GET ${p}/commits?sha=${first}&per_page=50`,
    ]);
    // The user's branch and HEAD are untouched; the fetched ref is cd4ml's own.
    expect(repo.git('rev-parse', 'HEAD').trim()).toBe(first);
    expect(repo.git('branch', '--list').trim()).toBe('* main');
    expiredRun(101, first, step.outputs['run-dir']!);
  });

  it('a push to another branch does not touch the history branch', async () => {
    repo.git('checkout', '-q', '-b', 'wider');
    repo.write('params.yaml', 'train:\n  accuracy: 0.9\n');
    const head = repo.commit('drop accuracy');
    const before = execFileSync('git', ['rev-parse', 'refs/heads/cd4ml-history'], { cwd: remote });
    const step = await pushStep(150, head, 'refs/heads/wider');
    expect(step.exitCode).toBe(0);
    expect(step.stdout).toContain(
      "cd4ml: push to refs/heads/wider: only the default branch's pushes go to cd4ml-history",
    );
    const after = execFileSync('git', ['rev-parse', 'refs/heads/cd4ml-history'], { cwd: remote });
    expect(after.toString()).toBe(before.toString());
  });

  it('the compare action takes an expired baseline from the history branch and says so', async () => {
    const head = repo.git('rev-parse', 'HEAD').trim();
    repo.artifact('.cd4ml/artifact/run');
    rmSync(join(repo.dir, '.cd4ml', 'history'), { recursive: true, force: true });
    const event = structuredClone(opened);
    Object.assign(event.pull_request.base, { sha: first, ref: 'main' });
    Object.assign(event.pull_request.head, { sha: head, ref: 'wider' });
    github.reset();
    const step = await runStep({
      bundle: 'dist/actions/compare.js',
      inputs: { token: 'ghs_test', comment: 'false', 'fail-on-gate': 'false' },
      workspace: repo.dir,
      apiUrl: github.url,
      eventName: 'pull_request',
      payload: event,
      env: { GITHUB_WORKFLOW_REF: `${REPOSITORY}/.github/workflows/ml.yml@refs/pull/2/merge` },
    });
    expect(step.stderr).toBe('');
    expect(step.exitCode).toBe(0);
    expect(step.outputs['base-run']).toBe(`cd4ml-history:runs/${firstRunId}.json`);
    expect(step.outputs['base-commit']).toBe(first);
    expect(step.outputs.conclusion).toBe('failure');
    const report = readFileSync(step.outputs['report-path']!, 'utf8');
    // Markdown-escaped in the report.
    expect(report.replace(/\\/g, '')).toContain(
      `The baseline workflow run 101: its \`cd4ml-run\` artifact has expired (artifact retention); its record came from the \`cd4ml-history\` branch (runs/${firstRunId}.json)`,
    );
    expect(report).toMatch(/accuracy/);
    // The artifact is listed, seen expired, and never downloaded.
    expect(github.log()).toEqual([
      `GET ${p}/compare/${first}...${head}?per_page=1`,
      `GET ${p}/actions/workflows/ml.yml/runs?event=push&status=success&head_sha=${first}&branch=main&per_page=100`,
      `GET ${p}/actions/runs/101/artifacts?name=cd4ml-run&per_page=100`,
      `GET ${p}/contents/.github/cd4ml.yml?ref=${first}`,
    ]);
    expect(existsSync(join(repo.dir, '.cd4ml', 'history', firstRunId, 'cd4ml-run.json'))).toBe(
      true,
    );
  });

  it('the next push run carries history from the branch and appends itself to it', async () => {
    repo.git('checkout', '-q', '-f', 'main');
    repo.git('merge', '-q', '--ff-only', 'wider');
    const second = repo.git('rev-parse', 'HEAD').trim();
    repo.git('push', '-q', 'origin', 'main');
    const step = await pushStep(102, second);
    expect(step.exitCode).toBe(0);
    const record = JSON.parse(readFileSync(step.outputs.record!, 'utf8')) as { id: string };
    expect(step.outputs['baseline-commit']).toBe(first);
    const carried = JSON.parse(
      readFileSync(join(step.outputs['run-dir']!, 'cd4ml-history.json'), 'utf8'),
    ) as { runs: { id: string }[] };
    expect(carried.runs.map((run) => run.id)).toEqual([firstRunId, record.id]);
    expect(step.summary.replace(/\\/g, '')).toContain(
      'its record came from the `cd4ml-history` branch',
    );
    expect(branchFiles()).toEqual([
      'README.md',
      'index.json',
      ...[`runs/${firstRunId}.json`, `runs/${record.id}.json`].sort(),
    ]);
  });
});
