// A run that opens a model with onnxruntime (to time it for the run record) leaves nothing
// in the temporary directory: onnxruntime's telemetry files are turned off by default.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProjects } from '../core/testing/project.js';

const REPO = resolve(import.meta.dirname, '..');
const project = tempProjects();

describe('onnxruntime telemetry', () => {
  it('writes no .ses or mat-debug files when cd4ml opens a model', () => {
    const { dir } = project({
      'cd4ml.yaml':
        'stages:\n  train:\n    cmd: cp fixture.onnx model.onnx\n    deps: [fixture.onnx]\n    outs: [model.onnx]\nmodel: model.onnx\n',
    });
    copyFileSync(join(REPO, 'serving/__fixtures__/iris-v1.onnx'), join(dir, 'fixture.onnx'));
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, NO_COLOR: '1' };
    delete env.ORT_DISABLE_TELEMETRY;
    const run = spawnSync(process.execPath, [join(REPO, 'bin/cd4ml.js'), 'run'], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).toMatch(/p95/);
    expect(readdirSync(tmp).filter((name) => /\.ses$|^mat-debug/.test(name))).toEqual([]);
  });
});
