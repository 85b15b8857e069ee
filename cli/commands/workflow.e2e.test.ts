import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyExample } from '../../core/testing/examples.js';
import { tempProjects } from '../../core/testing/project.js';
import {
  listFiles,
  runWorkflowLocally,
  type LocalRun,
} from '../../core/testing/workflow-runner.js';
import { generateWorkflow } from '../../core/workflow/generate.js';

const CLI = resolve(import.meta.dirname, '../../bin/cd4ml.js');
const project = tempProjects();
const runs: LocalRun[] = [];
afterEach(() => runs.splice(0).forEach((run) => run.cleanup()));

/** A shell-only pipeline in a subdirectory: fan-out (foreach), fan-in (select), a metrics file. */
const PIPELINE = {
  'pipe/raw.txt': 'raw data\n',
  'pipe/cd4ml.yaml': `stages:
  prepare:
    cmd: mkdir -p data && tr a-z A-Z < raw.txt > data/clean.txt
    deps: [raw.txt]
    outs: [data/clean.txt]
  train:
    foreach: [a, b]
    do:
      cmd: mkdir -p models/\${item} && (cat data/clean.txt; echo \${item}) > models/\${item}/model.txt
      deps: [data/clean.txt]
      outs:
        - models/\${item}/model.txt
  select:
    cmd: test -f \${fail} && cat models/a/model.txt models/b/model.txt > best.txt
    deps: [models]
    outs: [best.txt]
  evaluate:
    cmd: >-
      echo '{"accuracy": 0.9, "n": 2}' > metrics.json
    deps: [best.txt, data/clean.txt]
    metrics:
      - metrics.json: { cache: false }
`,
  'pipe/params.yaml': 'fail: models/a/model.txt\n',
  // Committed, as a team commits it: the final job rewrites it.
  'pipe/cd4ml.lock': '{"schema": "2.0", "stages": {}}\n',
};

function gitRepo(files: Record<string, string>): string {
  const { dir } = project(files);
  const git = (...args: string[]): void => {
    execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  };
  git('init', '-q', '-b', 'main');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'init');
  return dir;
}

async function compileAndRun(dir: string, cache?: string): Promise<LocalRun> {
  const { text } = generateWorkflow({
    pipelineFile: join(dir, 'pipe/cd4ml.yaml'),
    version: 'test',
    cli: `${process.execPath} ${CLI}`,
  });
  const run = await runWorkflowLocally(text, dir, {
    env: { CI: 'true', GITHUB_ACTIONS: '' },
    ...(cache ? { cache } : {}),
  });
  runs.push(run);
  return run;
}

// Each test starts cd4ml a dozen times or more (two per stage job): generous timeouts for
// a loaded two-core machine.
describe('a compiled workflow, run job by job on a local stand-in for the runner', () => {
  it('runs each stage in its own job with its parents’ outs, and the final job records the whole run', async () => {
    const run = await compileAndRun(gitRepo(PIPELINE));
    expect(Object.fromEntries(run.jobs), run.log.join('\n')).toEqual({
      prepare: 'success',
      train: 'success',
      select: 'success',
      evaluate: 'success',
      'cd4ml-record': 'success',
    });
    // The final job uploads cd4ml-run as the root action does: the record, its metrics file, a manifest.
    const uploaded = listFiles(run.artifacts.get('cd4ml-run')!);
    expect(uploaded).toEqual(
      expect.arrayContaining(['cd4ml-run.json', 'cd4ml-artifact.json', 'metrics.json']),
    );
    expect(
      JSON.parse(readFileSync(join(run.artifacts.get('cd4ml-run')!, 'cd4ml-run.json'), 'utf8'))
        .status,
    ).toBe('success');
    // And writes the root action's job summary: the stage table and the metrics.
    const summary = run.summaries.get('cd4ml-record')!;
    expect(summary).toContain('### ✅ Pipeline succeeded');
    expect(summary).toContain('| prepare | ✅ ran |');
    expect(summary).toContain('| accuracy | 0.9 |');
    expect(run.outputs.get('cd4ml-record')).toMatchObject({
      status: 'success',
      'baseline-commit': '',
    });
    // Each stage's artifact holds its fragment and its outs at their paths in the pipeline directory.
    expect(listFiles(run.artifacts.get('cd4ml-stage-train@a')!)).toEqual([
      'cd4ml-stage-train@a.json',
      'models/a/model.txt',
    ]);
    expect(listFiles(run.artifacts.get('cd4ml-stage-prepare')!)).toEqual([
      'cd4ml-stage-prepare.json',
      'data/clean.txt',
    ]);
    const final = join(run.workspaces.get('cd4ml-record')!, 'pipe');
    const record = JSON.parse(readFileSync(join(final, 'cd4ml-run.json'), 'utf8'));
    expect(record.status).toBe('success');
    // The tree was the commit's when the record was made (the lock is rewritten after).
    expect(record.git.dirty).toBe(false);
    expect(Object.keys(record.stages).sort()).toEqual([
      'evaluate',
      'prepare',
      'select',
      'train@a',
      'train@b',
    ]);
    expect(
      Object.values(record.stages as Record<string, { status: string }>).map((s) => s.status),
    ).toEqual(Array(5).fill('ran'));
    expect(record.metrics).toEqual({ accuracy: 0.9, n: 2 });
    // The lock has every stage's entry, with the hashes of the outs each job produced.
    const lock = JSON.parse(readFileSync(join(final, 'cd4ml.lock'), 'utf8'));
    expect(Object.keys(lock.stages).sort()).toEqual(Object.keys(record.stages).sort());
    expect(lock.stages.select.outs[0].path).toBe('best.txt');
    const best = join(run.artifacts.get('cd4ml-stage-select')!, 'best.txt');
    expect(readFileSync(best, 'utf8')).toBe('RAW DATA\na\nRAW DATA\nb\n');
    expect(lock.stages.select.outs[0].hash).toBe(
      createHash('sha256').update(readFileSync(best)).digest('hex'),
    );
    // Only the outs the record reads reach the final job: evaluate's metrics, not the data.
    expect(existsSync(join(final, 'metrics.json'))).toBe(true);
    expect(existsSync(join(final, 'data/clean.txt'))).toBe(false);
  }, 60_000);

  it('restores every stage from its own run-cache on a second run of the same commit', async () => {
    const dir = gitRepo(PIPELINE);
    const { dir: cache } = project();
    const first = await compileAndRun(dir, cache);
    expect(first.log.filter((line) => line.includes('cache saved'))).toHaveLength(5);
    const second = await compileAndRun(dir, cache);
    expect([...second.jobs.values()], second.log.join('\n')).toEqual(Array(5).fill('success'));
    const record = JSON.parse(
      readFileSync(join(second.artifacts.get('cd4ml-run')!, 'cd4ml-run.json'), 'utf8'),
    );
    expect(
      Object.values(record.stages as Record<string, { status: string }>).map((s) => s.status),
    ).toEqual(Array(5).fill('cached'));
    expect(record.metrics).toEqual({ accuracy: 0.9, n: 2 });
    // Exact hits: nothing new to save.
    expect(second.log.filter((line) => line.includes('cache saved'))).toEqual([]);
  }, 90_000);

  it('records a failed stage as failed and the stages after it as skipped', async () => {
    const run = await compileAndRun(
      gitRepo({ ...PIPELINE, 'pipe/params.yaml': 'fail: no-such-file\n' }),
    );
    expect(run.jobs.get('select'), run.log.join('\n')).toBe('failure');
    expect(run.jobs.get('evaluate')).toBe('skipped');
    // The final job fails like the run did, but uploads the failed run's record.
    expect(run.jobs.get('cd4ml-record')).toBe('failure');
    expect(run.log, run.log.join('\n')).toContain(
      'cd4ml-record: Record the run and upload it → failed: a stage failed (Fail when a stage failed)',
    );
    expect(run.artifacts.has('cd4ml-run')).toBe(true);
    expect(run.artifacts.has('cd4ml-model')).toBe(false);
    const final = join(run.workspaces.get('cd4ml-record')!, 'pipe');
    const record = JSON.parse(readFileSync(join(final, 'cd4ml-run.json'), 'utf8'));
    expect(record.status).toBe('failed');
    expect(record.stages.select.status).toBe('failed');
    expect(record.stages.select.reason).toMatch(/exited with code 1/);
    expect(record.stages.evaluate).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/did not run/),
    });
    expect(record.stages['train@b'].status).toBe('ran');
    // A failed stage keeps no new lock entry; the ones that ran do.
    const lock = JSON.parse(readFileSync(join(final, 'cd4ml.lock'), 'utf8'));
    expect(lock.stages.select).toBeUndefined();
    expect(Object.keys(lock.stages).sort()).toEqual(['prepare', 'train@a', 'train@b']);
  }, 60_000);
});

describe('examples/iris (ONNX models trained in JavaScript), compiled and run job by job', () => {
  /**
   * The example as a fresh clone of its own repository has it, with what its
   * .github/actions/cd4ml-setup installs: the repository's node_modules.
   */
  function copyIris(): string {
    return copyExample('iris', project().dir, { nodeModules: true });
  }

  it('records what a local cd4ml run records, and uploads cd4ml-run and cd4ml-model', async () => {
    const dir = copyIris();
    const { text } = generateWorkflow({
      pipelineFile: join(dir, 'cd4ml.yaml'),
      version: 'test',
      cli: `${process.execPath} ${CLI}`,
    });
    const run = await runWorkflowLocally(text, dir, { env: { CI: 'true', GITHUB_ACTIONS: '' } });
    runs.push(run);
    expect([...run.jobs.values()], run.log.join('\n')).toEqual(
      Array(run.jobs.size).fill('success'),
    );
    const record = JSON.parse(
      readFileSync(join(run.artifacts.get('cd4ml-run')!, 'cd4ml-run.json'), 'utf8'),
    );
    expect(listFiles(run.artifacts.get('cd4ml-model')!)).toEqual(
      expect.arrayContaining(['model.onnx']),
    );

    const local = copyIris();
    execFileSync(process.execPath, [CLI, 'run'], {
      cwd: local,
      env: { ...process.env, CI: 'true' },
      stdio: 'ignore',
    });
    const expected = JSON.parse(readFileSync(join(local, 'cd4ml-run.json'), 'utf8'));
    expect(record.status).toBe('success');
    expect(Object.keys(record.stages).sort()).toEqual(Object.keys(expected.stages).sort());
    expect(record.champion).toBe(expected.champion);
    expect(record.model.sha256).toBe(expected.model.sha256);
    // Quality metrics are deterministic; latency is measured, so it is left out.
    const quality = (metrics: Record<string, number>) =>
      Object.fromEntries(Object.entries(metrics).filter(([key]) => !/latency|_ms$/.test(key)));
    expect(quality(record.metrics)).toEqual(quality(expected.metrics));
  }, 120_000);
});
