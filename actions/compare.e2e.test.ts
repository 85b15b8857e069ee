// The compare action's bundle, run as the runner runs it, on a real pull_request payload,
// against a real git repository and a local stand-in for api.github.com.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_MARKER } from '../core/report/index.js';
import { serveFakeGitHub, type ServedGitHub } from '../github/testing/serve.js';
import { CLI, createTestRepo, REPOSITORY, type TestRepo } from './testing/project.js';
import { runStep } from './testing/runner.js';

/** A real `pull_request` `opened` payload, as GitHub documents it. */
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
  name: string;
  examples: { action?: string }[];
}[];
const opened = examples
  .find((e) => e.name === 'pull_request')!
  .examples.find((e) => e.action === 'opened') as unknown as {
  number: number;
  pull_request: {
    base: { sha: string; ref: string };
    head: { sha: string; ref: string; repo: { full_name: string } };
  };
};

let repo: TestRepo;
let store: string;
let github: ServedGitHub;
let base: string;
let head: string;

/** The payload of a PR from `head` into main at `base`; `fork` names another head repository. */
function payload(fork?: string) {
  const event = structuredClone(opened);
  event.pull_request.base.sha = base;
  event.pull_request.base.ref = 'main';
  event.pull_request.head.sha = head;
  event.pull_request.head.ref = 'wider';
  if (fork) event.pull_request.head.repo.full_name = fork;
  return event;
}

beforeAll(async () => {
  repo = createTestRepo(0.95);
  store = mkdtempSync(join(tmpdir(), 'cd4ml-artifacts-'));
  base = repo.commit('baseline');
  repo.runOn('push');
  // Run 101: main's push run at the base commit uploaded its artifact.
  repo.artifact(join(store, '101', 'cd4ml-run'));
  repo.git('checkout', '-q', '-b', 'wider');
  repo.write('params.yaml', 'train:\n  accuracy: 0.9\n');
  head = repo.commit('drop accuracy');
  repo.run();
  repo.artifact('.cd4ml/artifact/run');
  // A fork's run on *its* branch called main, at the same commit: never a baseline.
  mkdirSync(join(store, '102', 'cd4ml-run'), { recursive: true });
  cpSync(join(store, '101', 'cd4ml-run'), join(store, '102', 'cd4ml-run'), { recursive: true });
  github = await serveFakeGitHub({
    repository: REPOSITORY,
    git: repo.dir,
    artifacts: store,
    runs: [
      {
        id: 101,
        headSha: base,
        headBranch: 'main',
        event: 'push',
        conclusion: 'success',
        headRepositoryId: 1296269,
        workflow: 'ml.yml',
      },
      {
        id: 102,
        headSha: base,
        headBranch: 'main',
        event: 'push',
        conclusion: 'success',
        headRepositoryId: 999001,
        headRepository: 'evil/Hello-World',
        workflow: 'ml.yml',
      },
    ],
  });
});

afterAll(async () => {
  await github.close();
  repo.remove();
  rmSync(store, { recursive: true, force: true });
});

function compare(fork?: string, inputs: Record<string, string> = {}) {
  github.reset();
  return runStep({
    bundle: 'dist/actions/compare.js',
    inputs: { token: 'ghs_test', ...inputs },
    workspace: repo.dir,
    apiUrl: github.url,
    eventName: 'pull_request',
    payload: payload(fork),
    env: { GITHUB_WORKFLOW_REF: `${REPOSITORY}/.github/workflows/ml.yml@refs/pull/2/merge` },
  });
}

const p = `/repos/${REPOSITORY}`;

/** What `cd4ml shadow report --json` saves from a server's /shadow. */
const SHADOW = {
  model: 'iris',
  candidate: 2,
  rate: 1,
  tolerance: { atol: 1e-6, rtol: 1e-4 },
  mirrored: 41_202,
  agreed: 40_667,
  disagreed: 535,
  errors: 0,
  dropped: 0,
  pending: 0,
  agreement: 40_667 / 41_202,
  maxScoreDiff: 0.25,
  outputDisagreements: { label: 535 },
  primaryMs: { p50: 0.8, p95: 1.2, p99: 2, samples: 8192 },
  candidateMs: { p50: 0.9, p95: 1.5, p99: 2.4, samples: 8192 },
};

describe('actions/compare on a pull request', () => {
  it('gates against the base branch push run, comments once, and fails the step', async () => {
    const step = await compare();
    expect(step.stderr).toBe('');
    expect(step.exitCode).toBe(1);
    expect(step.stdout).toContain('::error::The model gate failed');
    expect(step.outputs.conclusion).toBe('failure');
    expect(step.outputs['base-commit']).toBe(base);
    expect(step.outputs['base-run']).toBe('workflow run 101 (artifact cd4ml-run)');
    expect(JSON.parse(step.outputs.metrics!)).toEqual({ accuracy: 0.9 });
    const report = readFileSync(step.outputs['report-path']!, 'utf8');
    expect(report.startsWith(REPORT_MARKER)).toBe(true);
    expect(report).toContain('accuracy');
    expect(step.summary).toContain(report);
    expect(github.log()).toEqual([
      `GET ${p}/compare/${base}...${head}?per_page=1`,
      `GET ${p}/actions/workflows/ml.yml/runs?event=push&status=success&head_sha=${base}&branch=main&per_page=100`,
      `GET ${p}/actions/runs/101/artifacts?name=cd4ml-run&per_page=100`,
      `GET ${p}/actions/artifacts/10100/zip`,
      `GET ${p}/contents/.github/cd4ml.yml?ref=${base}`,
      // Who the token writes as (GraphQL's viewer): only its own comment is edited.
      'POST /graphql',
      `GET ${p}/issues/2/comments?per_page=100`,
      `POST ${p}/issues/2/comments`,
    ]);
    expect(github.repo.commentsOn(2)).toHaveLength(1);
    expect(github.repo.commentsOn(2)[0]!.body).toBe(report);
    expect(step.outputs['comment-url']).toContain('#issuecomment-9001');
  });

  it('edits its own comment on the next run instead of adding one', async () => {
    github.repo.commentsOn(2)[0]!.body = `${REPORT_MARKER}\nan older report`;
    const step = await compare();
    expect(step.exitCode).toBe(1);
    expect(github.log().at(-1)).toBe(`PATCH ${p}/issues/comments/9001`);
    expect(github.repo.commentsOn(2)).toHaveLength(1);
    expect(github.repo.commentsOn(2)[0]!.body).toContain('accuracy');
  });

  it('with a custom token (an app token, a PAT) edits that token’s comment, not github-actions[bot]’s', async () => {
    const jobs = github.repo.commentsOn(2)[0]!;
    expect(jobs.user.login).toBe('github-actions[bot]');
    const before = jobs.body;
    const writer = github.repo.writer;
    try {
      for (const login of ['cd4ml-ci[bot]', 'ml-ops-user']) {
        github.repo.writer = { login, appId: login.endsWith('[bot]') ? 777 : 0 };
        const first = await compare(undefined, { token: 'ghs_custom' });
        expect(first.exitCode).toBe(1);
        expect(github.log().at(-1)).toBe(`POST ${p}/issues/2/comments`);
        const mine = github.repo.commentsOn(2).filter((c) => c.user.login === login);
        expect(mine).toHaveLength(1);
        mine[0]!.body = `${REPORT_MARKER}\nan older report`;
        await compare(undefined, { token: 'ghs_custom' });
        expect(github.log().at(-1)).toBe(`PATCH ${p}/issues/comments/${mine[0]!.id}`);
        expect(mine[0]!.body).toContain('accuracy');
      }
      // The job token's comment was neither edited nor deleted.
      expect(github.repo.commentsOn(2)[0]).toMatchObject({ id: jobs.id, body: before });
    } finally {
      github.repo.writer = writer;
      github.repo.commentsOn(2).splice(1);
    }
  });

  it('on a fork pull request reports in the summary only and says why', async () => {
    const before = github.repo.commentsOn(2).length;
    const step = await compare('someone/Hello-World', { 'fail-on-gate': 'false' });
    expect(step.exitCode).toBe(0);
    expect(step.outputs.conclusion).not.toBe('');
    expect(step.outputs['comment-url']).toBe('');
    expect(step.summary).toContain('comes from a fork');
    expect(github.log().some((c) => c.includes('/comments'))).toBe(false);
    expect(github.repo.commentsOn(2)).toHaveLength(before);
  });

  it('gives the report `cd4ml compare --format md` gives for the same two runs', async () => {
    const step = await compare(undefined, { 'fail-on-gate': 'false' });
    const action = readFileSync(step.outputs['report-path']!, 'utf8');
    let cli: string;
    try {
      cli = execFileSync(
        process.execPath,
        [
          CLI,
          'compare',
          '--base',
          join(store, '101', 'cd4ml-run'),
          '--head',
          '.cd4ml/artifact/run',
          '--format',
          'md',
        ],
        { cwd: repo.dir, encoding: 'utf8' },
      );
    } catch (error) {
      cli = (error as { stdout: string }).stdout; // exit 1: the gate failed
    }
    // The same bytes but for how the action found its base (the CLI was handed it).
    const search =
      /<details><summary><b>Baseline<\/b>: workflow run 101 at <code>[0-9a-f]{7}<\/code>[^\n]*\n\nBase commit <code>[0-9a-f]{7}<\/code>: the merge-base of the head[\s\S]*?<\/details>\n\n/;
    expect(action).toMatch(search);
    expect(action.replace(search, '')).toBe(cli);
  });

  it('without pull-requests: write still reports and sets the verdict, then fails naming the permission', async () => {
    github.repo.refuseCommentWrites = true;
    const earlier = github.repo.commentsOn(2).splice(0);
    try {
      const step = await compare(undefined, { 'fail-on-gate': 'false' });
      expect(step.exitCode).toBe(1);
      expect(step.stdout).toContain('grant the job `permissions: { pull-requests: write }`');
      expect(step.outputs.conclusion).toBe('failure');
      expect(step.summary).toContain(REPORT_MARKER);
    } finally {
      github.repo.refuseCommentWrites = false;
      github.repo.commentsOn(2).push(...earlier);
    }
  });

  it('shows the live traffic of `shadow-summary` first, in the comment and the summary', async () => {
    writeFileSync(join(repo.dir, 'shadow.json'), JSON.stringify(SHADOW));
    const step = await compare(undefined, {
      'fail-on-gate': 'false',
      'shadow-summary': 'shadow.json',
    });
    expect(step.stderr).toBe('');
    const [comment] = github.repo.commentsOn(2);
    const body = comment!.body;
    expect(body).toContain('🟡 Live traffic: 98.7% agreement on 41,202 requests; p95 +0.30 ms');
    expect(body).toContain('| p95 latency | 1.20 ms | 1.50 ms | +0.30 ms |');
    expect(body).toContain('- Disagreeing outputs: label 535');
    // First among the folded sections: before the gate's reasons.
    expect(body.indexOf('Live traffic')).toBeLessThan(
      body.indexOf('<summary>', body.indexOf('Live traffic') + 1),
    );
    expect(step.summary).toContain('Live traffic: 98.7% agreement');
  });

  it('shows the live traffic the head run artifact carries (`cd4ml record --shadow`)', async () => {
    writeFileSync(
      join(repo.dir, 'shadow.json'),
      JSON.stringify({
        ...SHADOW,
        agreed: 41_202,
        disagreed: 0,
        agreement: 1,
        outputDisagreements: {},
      }),
    );
    execFileSync(
      process.execPath,
      [CLI, 'record', '--dir', '.cd4ml/shadowed', '--shadow', 'shadow.json'],
      { cwd: repo.dir },
    );
    const step = await compare(undefined, { 'fail-on-gate': 'false', head: '.cd4ml/shadowed' });
    expect(step.stderr).toBe('');
    expect(github.repo.commentsOn(2)[0]!.body).toContain(
      '🟢 Live traffic: 100% agreement on 41,202 requests; p95 +0.30 ms',
    );
  });

  it('names the shadow-summary input and the file when it is not a summary, before any API call', async () => {
    writeFileSync(join(repo.dir, 'shadow.json'), JSON.stringify({ ...SHADOW, agreed: 'many' }));
    const step = await compare(undefined, { 'shadow-summary': 'shadow.json' });
    expect(step.exitCode).toBe(1);
    expect(step.stdout).toContain(
      `${join(repo.dir, 'shadow.json')}: shadow-summary: is not a cd4ml shadow summary: agreed:`,
    );
    expect(step.stdout).toContain('cd4ml shadow report --from');
    expect(github.log()).toEqual([]);
  });

  it('names the input to fix when one is invalid', async () => {
    const step = await compare(undefined, { 'fail-on-gate': 'sometimes' });
    expect(step.exitCode).toBe(1);
    expect(step.stdout).toContain('input "fail-on-gate" is "sometimes", not a boolean');
    expect(step.stdout).toContain('use true or false');
    expect(github.log()).toEqual([]);
  });
});
