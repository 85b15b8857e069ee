// The final job of a compiled workflow (`cd4ml workflow`) records with the root action in
// `mode: record`. Run job by job on the local runner stand-in (core/testing), the action's
// real bundle finds the base run through a local stand-in for api.github.com, carries its
// history forward from the base's cd4ml-run artifact, and writes the root action's summary
// (with the report), as a one-job run of the root action does.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkflowLocally, type LocalRun } from '../core/testing/workflow-runner.js';
import { generateWorkflow } from '../core/workflow/generate.js';
import { serveFakeGitHub, type ServedGitHub } from '../github/testing/serve.js';
import { CLI, createTestRepo, REPOSITORY, type TestRepo } from './testing/project.js';

let scratch: string;
let repo: TestRepo;
let github: ServedGitHub;
const runs: LocalRun[] = [];
const WORKFLOW = 'cd4ml-pipeline.yml';
const p = `/repos/${REPOSITORY}`;

/** The compiled workflow on `push` to main at `sha`; its artifacts kept as GitHub keeps them. */
async function push(
  runId: number,
  sha: string,
  dispatch?: Record<string, string>,
): Promise<LocalRun> {
  const { text } = generateWorkflow({
    pipelineFile: join(repo.dir, 'cd4ml.yaml'),
    version: 'test',
    cli: `${process.execPath} ${CLI}`,
  });
  const event = join(scratch, `event-${runId}.json`);
  writeFileSync(event, JSON.stringify({ ref: 'refs/heads/main', after: sha }));
  github.reset();
  const run = await runWorkflowLocally(text, repo.dir, {
    env: {
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_TOKEN: 'ghs_test',
      GITHUB_REPOSITORY: REPOSITORY,
      GITHUB_EVENT_NAME: dispatch ? 'workflow_dispatch' : 'push',
      GITHUB_EVENT_PATH: event,
      GITHUB_SHA: sha,
      GITHUB_REF: 'refs/heads/main',
      GITHUB_API_URL: github.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: String(runId),
      GITHUB_WORKFLOW_REF: `${REPOSITORY}/.github/workflows/${WORKFLOW}@refs/heads/main`,
    },
    ...(dispatch ? { inputs: dispatch } : {}),
  });
  runs.push(run);
  for (const [name, dir] of run.artifacts)
    if (name.startsWith('cd4ml-run') || name === 'cd4ml-model')
      cpSync(dir, join(scratch, 'artifacts', String(runId), name), { recursive: true });
  return run;
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'cd4ml-workflow-record-'));
  mkdirSync(join(scratch, 'artifacts'));
  repo = createTestRepo(0.95);
  github = await serveFakeGitHub({
    repository: REPOSITORY,
    git: repo.dir,
    artifacts: join(scratch, 'artifacts'),
  });
});

afterAll(async () => {
  await github.close();
  for (const run of runs) run.cleanup();
  repo.remove();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the compiled workflow’s final job records as the root action does', () => {
  let first: string;

  it('first push: no baseline yet; the summary has the stage table and the metrics', async () => {
    first = repo.commit('pipeline');
    const run = await push(301, first);
    expect(Object.fromEntries(run.jobs), run.log.join('\n')).toEqual({
      train: 'success',
      'cd4ml-record': 'success',
    });
    const summary = run.summaries.get('cd4ml-record')!;
    expect(summary).toContain('### ✅ Pipeline succeeded');
    expect(summary).toContain('| train | ✅ ran | never ran | 1 |');
    expect(summary).toContain('| accuracy | 0.95 |');
    expect(summary).not.toContain('<!-- cd4ml:report -->');
    expect(run.outputs.get('cd4ml-record')).toMatchObject({
      status: 'success',
      'baseline-commit': '',
      metrics: '{"accuracy":0.95}',
    });
    // Nothing at the pushed commit by `head_sha`, and it has no parent to walk to.
    expect(github.log()).toEqual([
      `GET ${p}/actions/workflows/${WORKFLOW}/runs?event=push&status=success&head_sha=${first}&branch=main&per_page=100`,
      `GET ${p}/commits?sha=${first}&per_page=50`,
    ]);
  }, 120_000);

  it('next push: finds the first run, carries its history, and puts the report in the summary', async () => {
    github.repo.runs.push({
      id: 301,
      headSha: first,
      headBranch: 'main',
      event: 'push',
      conclusion: 'success',
      headRepositoryId: 1296269,
      workflow: WORKFLOW,
    });
    repo.write('params.yaml', 'train:\n  accuracy: 0.9\n');
    const second = repo.commit('lower accuracy');
    const run = await push(302, second);
    expect([...run.jobs.values()], run.log.join('\n')).toEqual(['success', 'success']);
    expect(run.outputs.get('cd4ml-record')?.['baseline-commit']).toBe(first);
    const summary = run.summaries.get('cd4ml-record')!;
    expect(summary).toContain('<!-- cd4ml:report -->');
    expect(summary).toMatch(/accuracy.*0\.95.*0\.9/);
    const uploaded = join(scratch, 'artifacts', '302', 'cd4ml-run');
    const history = JSON.parse(readFileSync(join(uploaded, 'cd4ml-history.json'), 'utf8')) as {
      runs: { id: string }[];
    };
    const base = JSON.parse(
      readFileSync(join(scratch, 'artifacts', '301', 'cd4ml-run', 'cd4ml-run.json'), 'utf8'),
    ) as { id: string };
    expect(history.runs.map((r) => r.id)).toContain(base.id);
    expect(JSON.parse(readFileSync(join(uploaded, 'cd4ml-run.json'), 'utf8')).git.commit).toBe(
      second,
    );
    // The pushed commit has no run: its first-parent ancestors are walked to the first one's.
    expect(github.log().slice(0, 5)).toEqual([
      `GET ${p}/actions/workflows/${WORKFLOW}/runs?event=push&status=success&head_sha=${second}&branch=main&per_page=100`,
      `GET ${p}/commits?sha=${second}&per_page=50`,
      `GET ${p}/actions/workflows/${WORKFLOW}/runs?event=push&status=success&head_sha=${first}&branch=main&per_page=100`,
      `GET ${p}/actions/runs/301/artifacts?name=cd4ml-run&per_page=100`,
      `GET ${p}/actions/artifacts/30100/zip`,
    ]);
  }, 120_000);

  it('a dispatch (cd4ml reproduce --on github) runs the given commit with the overrides, and records them', async () => {
    const tip = repo.git('rev-parse', 'HEAD').trim();
    const run = await push(303, tip, { commit: first, overrides: 'train.accuracy=0.8\n' });
    expect([...run.jobs.values()], run.log.join('\n')).toEqual(['success', 'success']);
    const record = JSON.parse(
      readFileSync(join(scratch, 'artifacts', '303', 'cd4ml-run', 'cd4ml-run.json'), 'utf8'),
    ) as {
      event: string;
      git: { commit: string };
      params: Record<string, unknown>;
      overrides: Record<string, unknown>;
      metrics: Record<string, number>;
    };
    expect(record.git.commit).toBe(first);
    expect(record.event).toBe('workflow_dispatch');
    expect(record.params['train.accuracy']).toBe(0.8);
    expect(record.overrides).toEqual({ 'train.accuracy': 0.8 });
    expect(record.metrics).toEqual({ accuracy: 0.8 });
  }, 120_000);
});
