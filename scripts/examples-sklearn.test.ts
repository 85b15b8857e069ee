// examples/sklearn end to end, where /usr/bin/python3 has scikit-learn, onnx and PyYAML (CI
// installs Debian's python3-sklearn python3-onnx python3-yaml): the pipeline runs with the
// built CLI in a scratch git copy, picks a sane champion, and a second run only re-pulls
// the data (its always_changed stage) and reuses everything after it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample } from '../core/testing/examples.js';
import { tempProjects } from '../core/testing/project.js';

const REPO = resolve(import.meta.dirname, '..');
const CLI = join(REPO, 'bin', 'cd4ml.js');
const PYTHON = '/usr/bin/python3';
const hasPythonStack =
  existsSync(PYTHON) &&
  spawnSync(PYTHON, ['-c', 'import sklearn, onnx, yaml, numpy'], { stdio: 'ignore' }).status === 0;
// Stages run the first python3 on PATH: put the one with the packages first.
const PATH = `/usr/bin${delimiter}${process.env.PATH ?? ''}`;

const project = tempProjects();

function run(dir: string): { code: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'run'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1', PATH },
  });
  return { code: result.status, stderr: result.stderr };
}

interface Record {
  champion: string | null;
  metrics: { [k: string]: number };
  candidates: { [name: string]: { metrics: { [k: string]: number }; modelSha256?: string } };
  model: { sha256: string; inputs: unknown; outputs: unknown };
  stages: { [name: string]: { status: string } };
}
const record = (dir: string): Record =>
  JSON.parse(readFileSync(join(dir, 'cd4ml-run.json'), 'utf8')) as Record;
const statuses = (r: Record): { [name: string]: string } =>
  Object.fromEntries(Object.entries(r.stages).map(([name, s]) => [name, s.status]));

describe.runIf(hasPythonStack)('examples/sklearn', () => {
  it(
    'trains every candidate, exports ONNX, selects a champion, and reuses it all on a re-run',
    { timeout: 120_000 },
    () => {
      const dir = copyExample('sklearn', project().dir);
      const first = run(dir);
      expect(first.code, first.stderr).toBe(0);
      const r = record(dir);
      expect(Object.keys(r.candidates).sort()).toEqual(['lda', 'logreg', 'logreg_strong_l2']);
      for (const [name, c] of Object.entries(r.candidates)) {
        expect(c.metrics.accuracy, name).toBeGreaterThan(0.9);
        expect(c.metrics.macro_f1, name).toBeGreaterThan(0.9);
        expect(c.modelSha256, name).toMatch(/^[0-9a-f]{64}$/);
      }
      const best = Object.entries(r.candidates).sort(
        ([, a], [, b]) => a.metrics.val_log_loss! - b.metrics.val_log_loss!,
      )[0]![0];
      expect(r.champion).toBe(best);
      expect(r.model.sha256).toBe(r.candidates[best]!.modelSha256);
      expect(r.metrics.accuracy).toBe(r.candidates[best]!.metrics.accuracy);
      expect(r.model.inputs).toEqual([{ name: 'input', type: 'float32', shape: ['batch', 13] }]);
      expect(r.model.outputs).toEqual([
        { name: 'label', type: 'int64', shape: ['batch'] },
        { name: 'probabilities', type: 'float32', shape: ['batch', 3] },
      ]);
      const predictions = readFileSync(join(dir, 'champion/predictions.csv'), 'utf8').split('\n');
      expect(predictions[0]).toBe('id,label,prediction,score');

      for (const model of [
        'model.onnx',
        ...Object.keys(r.candidates).map((c) => `models/${c}/model.onnx`),
      ]) {
        const check = spawnSync(
          PYTHON,
          [
            '-c',
            'import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)',
            model,
          ],
          { cwd: dir, encoding: 'utf8' },
        );
        expect(check.status, `${model}: ${check.stderr}`).toBe(0);
      }

      const second = run(dir);
      expect(second.code, second.stderr).toBe(0);
      const again = statuses(record(dir));
      expect(again.data).toBe('ran'); // always_changed: the data is pulled on every run
      expect(Object.entries(again).filter(([name]) => name !== 'data')).toEqual(
        Object.keys(again)
          .filter((name) => name !== 'data')
          .map((name) => [name, 'unchanged']),
      );
    },
  );
});
