import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../core/runner/fault-testing.js';
import { isRunning, tempProjects } from '../core/testing/project.js';
import { EXIT_CODES_HELP } from './exit.js';

const CLI = resolve(import.meta.dirname, '../bin/cd4ml.js');
const EXAMPLES = resolve(import.meta.dirname, '../examples');
// The examples' stages run `python3`; Debian's has scikit-learn and onnx (see .ci/run).
const PATH = `/usr/bin${delimiter}${process.env.PATH ?? ''}`;

const project = tempProjects();

/** An example as a fresh clone has it: without what earlier local runs left (all git-ignored). */
function copyExample(name: string, dir: string): void {
  const generated =
    /[/\\](\.cd4ml|cd4ml\.lock|cd4ml-run\.json|models|eval|model\.(onnx|pkl)|data[/\\](split|stats\.json|prepared|features))$/;
  cpSync(join(EXAMPLES, name), dir, { recursive: true, filter: (src) => !generated.test(src) });
}

function cd4ml(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1', PATH },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cd4ml CLI', () => {
  it('exits 2 with file:line and a hint for an invalid pipeline', () => {
    const p = project({
      'cd4ml.yaml': 'stages:\n  train:\n    cmd: echo\n    outz: [model.onnx]\n',
    });
    const { code, stderr } = cd4ml(p.dir, 'run');
    expect(code).toBe(2);
    expect(stderr).toBe(
      "cd4ml: cd4ml.yaml:4:5: stages.train.outz: unknown key 'outz'\n  hint: did you mean 'outs'?\n",
    );
  });

  it('exits 2 for a cycle, printing its path', () => {
    const p = project({
      'cd4ml.yaml':
        'stages:\n  a:\n    cmd: cp b.txt a.txt\n    deps: [b.txt]\n    outs: [a.txt]\n  b:\n    cmd: cp a.txt b.txt\n    deps: [a.txt]\n    outs: [b.txt]\n',
    });
    const { code, stderr } = cd4ml(p.dir, 'status');
    expect(code).toBe(2);
    expect(stderr).toContain('the pipeline has a cycle: a -> b -> a');
  });

  it('exits 1 when a stage fails, and shows the end of its log', () => {
    const p = project({
      'cd4ml.yaml':
        'stages:\n  train:\n    cmd: >-\n      echo "loading data"; echo "ValueError: bad shape" >&2; exit 4\n',
    });
    const { code, stderr } = cd4ml(p.dir, 'run');
    expect(code).toBe(1);
    expect(stderr).toContain(
      `✖ stage 'train' exited with code 4: echo "loading data"; echo "ValueError: bad shape" >&2; exit 4\n── last lines of .cd4ml/logs/train.log ──\n$ echo "loading data"; echo "ValueError: bad shape" >&2; exit 4\nloading data\nValueError: bad shape\n`,
    );
    expect(stderr).toContain('Pipeline failed: 1 failed');
  });

  it('exits 2 for bad options and says which', () => {
    const p = project({ 'cd4ml.yaml': 'stages:\n  a:\n    cmd: echo\n' });
    expect(cd4ml(p.dir, 'run', '--jobs', '0')).toMatchObject({
      code: 2,
      stderr:
        "cd4ml: --jobs must be a whole number of at least 1, got '0'\n  hint: e.g. --jobs 4\n",
    });
    expect(cd4ml(p.dir, 'run', 'nope')).toMatchObject({ code: 2 });
    expect(cd4ml(p.dir, 'frobnicate').code).toBe(2);
    expect(cd4ml(p.dir, 'run', '--set', 'oops')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--set 'oops' is not key=value"),
    });
  });

  it('overrides a param for one run with --set, records it, and puts params.yaml back', () => {
    const params = '# tuned by hand\ntrain:\n  C: 1 # regularisation\n';
    const p = project({
      'params.yaml': params,
      'cd4ml.yaml':
        'stages:\n  train:\n    cmd: echo C=${train.C} > model.txt\n    params: [train.C]\n    outs: [model.txt]\n',
    });
    const { code, stderr } = cd4ml(p.dir, 'run', '--set', 'train.C=0.25');
    expect(stderr).toContain('Pipeline succeeded: 1 ran');
    expect(code).toBe(0);
    expect(readFileSync(join(p.dir, 'model.txt'), 'utf8')).toBe('C=0.25\n');
    expect(readFileSync(join(p.dir, 'params.yaml'), 'utf8')).toBe(params);
    const record = JSON.parse(readFileSync(join(p.dir, 'cd4ml-run.json'), 'utf8')) as {
      overrides: unknown;
      params: unknown;
      git: { dirty: boolean };
    };
    expect(record.overrides).toEqual({ 'train.C': 0.25 });
    expect(record.params).toEqual({ 'train.C': 0.25 });
    expect(record.git.dirty).toBe(true);
  });

  it('collects top-level metrics files into the run record, as DVC declares them', () => {
    const p = project({
      'dvc.yaml':
        'stages:\n  eval:\n    cmd: >-\n      echo \'{"auc": 0.91, "nested": {"f1": 0.8}}\' > scores.json\n    outs: [scores.json]\nmetrics: [scores.json]\n',
    });
    expect(cd4ml(p.dir, 'run').code).toBe(0);
    const record = JSON.parse(readFileSync(join(p.dir, 'cd4ml-run.json'), 'utf8')) as {
      metrics: Record<string, number>;
    };
    expect(record.metrics).toEqual({ auc: 0.91, 'nested.f1': 0.8 });
  });

  it('on Ctrl-C stops the running stages, exits 130 and leaves the lock alone', async () => {
    const p = project({
      'cd4ml.yaml': 'stages:\n  long:\n    cmd: sleep 30 & echo $! > sleeper.pid; wait\n',
    });
    const child = spawn(process.execPath, [CLI, 'run'], {
      cwd: p.dir,
      env: { ...process.env, CI: 'true', PATH },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const pidFile = join(p.dir, 'sleeper.pid');
    await waitFor(
      () => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '',
      'the stage to write its pid',
    );
    const sleeper = Number(readFileSync(pidFile, 'utf8'));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(130);
    expect(stderr).toContain(
      'cd4ml: interrupted by SIGINT; running stages were stopped and nothing they wrote was recorded',
    );
    await waitFor(() => !isRunning(sleeper), 'the stopped stage to exit');
    expect(isRunning(sleeper)).toBe(false);
    expect(existsSync(join(p.dir, 'cd4ml.lock'))).toBe(false);
  });

  it('says where to start when there is no pipeline file', () => {
    const p = project({});
    const { code, stderr } = cd4ml(p.dir, 'run');
    expect(code).toBe(2);
    expect(stderr).toContain('no pipeline file in');
    expect(stderr).toContain('hint: create cd4ml.yaml (or dvc.yaml)');
  });

  it('has --help for every command', () => {
    for (const command of ['run', 'status', 'dag', 'history', 'compare', 'serve']) {
      const { code, stdout } = cd4ml(EXAMPLES, command, '--help');
      expect(code, command).toBe(0);
      expect(stdout, command).toContain(`Usage: cd4ml ${command}`);
      expect(stdout, command).toContain(EXIT_CODES_HELP);
    }
    const top = cd4ml(EXAMPLES, '--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Usage: cd4ml');
    expect(top.stdout).toContain('  3  I/O: a file cd4ml keeps is damaged or vanished');
    expect(top.stdout).toContain('  4  a bug in cd4ml: report the stack trace it prints');
  });

  it('runs a plain DVC project (dvc.yaml) unchanged, then finds it up to date', () => {
    const p = project({});
    copyExample('dvc-get-started', p.dir);
    const first = cd4ml(p.dir, 'run');
    expect(first.stderr).toContain('Pipeline succeeded: 4 ran');
    expect(first.code).toBe(0);
    const metrics = JSON.parse(readFileSync(join(p.dir, 'eval/metrics.json'), 'utf8')) as {
      accuracy: number;
    };
    expect(metrics.accuracy).toBeGreaterThan(0.8);
    const record = JSON.parse(readFileSync(join(p.dir, 'cd4ml-run.json'), 'utf8')) as {
      metrics: Record<string, number>;
      params: Record<string, unknown>;
      pipeline: { file: string };
    };
    expect(record.pipeline.file).toBe('dvc.yaml');
    expect(record.metrics.accuracy).toBe(metrics.accuracy);
    expect(record.params['featurize.degree']).toBe(2);
    expect(cd4ml(p.dir, 'status').stdout).toContain('Everything is up to date.');
    expect(cd4ml(p.dir, 'run').stderr).toContain('Pipeline succeeded: 4 unchanged');
  });

  it('records candidates, the champion and the ONNX signature for the quickstart example', () => {
    const p = project({});
    copyExample('quickstart', p.dir);
    const { code, stderr } = cd4ml(p.dir, 'run', '--jobs', '2');
    expect(stderr).toContain('Pipeline succeeded: 7 ran');
    expect(code).toBe(0);
    const record = JSON.parse(readFileSync(join(p.dir, 'cd4ml-run.json'), 'utf8')) as {
      candidates: Record<
        string,
        { stage: string; metrics: Record<string, number>; modelSha256: string }
      >;
      champion: string;
      model: { sha256: string; inputs: unknown; outputs: unknown; latency: { p50Ms: number } };
      predictions: { rows: number };
      stats: Record<string, { rows: Record<string, number> }>;
    };
    expect(Object.keys(record.candidates).sort()).toEqual([
      'logreg-0.1',
      'logreg-1.0',
      'ridge-0.1',
      'ridge-1.0',
    ]);
    const best = Object.entries(record.candidates).sort(
      ([a, x], [b, y]) => y.metrics.val_accuracy! - x.metrics.val_accuracy! || a.localeCompare(b),
    )[0]!;
    expect(record.champion).toBe(best[0]);
    expect(record.model.sha256).toBe(best[1].modelSha256);
    expect(record.model.inputs).toEqual([{ name: 'input', type: 'float32', shape: ['batch', 30] }]);
    expect(record.model.outputs).toEqual([
      { name: 'label', type: 'int64', shape: ['batch'] },
      { name: 'probabilities', type: 'float32', shape: ['batch', 2] },
    ]);
    expect(record.model.latency.p50Ms).toBeGreaterThan(0);
    expect(record.predictions.rows).toBe(142);
    expect(record.stats['data/stats.json']?.rows).toEqual({ test: 142, val: 113, train: 314 });
    expect(existsSync(join(p.dir, '.cd4ml/runs'))).toBe(true);
  });
});
