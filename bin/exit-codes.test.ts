import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aliasBomb } from '../core/yaml/testing.js';
import { tempProjects } from '../core/testing/project.js';

/** The README's exit codes, checked against the real binary. */
const CLI = resolve(import.meta.dirname, 'cd4ml.js');
const project = tempProjects();

function cd4ml(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
    timeout: 60_000,
    killSignal: 'SIGKILL',
  });
  return { code: result.status, stderr: result.stderr };
}

/** Bad input: exit 2, one message naming the file, no JavaScript stack trace. */
function expectBadInput(result: { code: number | null; stderr: string }, file: RegExp): void {
  expect(result.stderr).toMatch(file);
  expect(result.stderr).not.toMatch(/^\s+at |unexpected error|Maximum call stack/m);
  expect(result.code).toBe(2);
}

describe('exit codes', () => {
  const stage = 'stages:\n  train:\n    cmd: echo hi\n    params: [train.C]\n';

  it('exits 2 for an alias bomb in params.yaml', () => {
    const p = project({ 'cd4ml.yaml': stage, 'params.yaml': `train:\n  C: 1\n${aliasBomb()}` });
    expectBadInput(cd4ml(p.dir, 'run'), /^cd4ml: params\.yaml:\d+:\d+: .*expands to more than/);
  });

  it('exits 2 for a YAML error in params.yaml', () => {
    const p = project({ 'cd4ml.yaml': stage, 'params.yaml': 'train:\n  C: [1\n' });
    expectBadInput(cd4ml(p.dir, 'run'), /^cd4ml: params\.yaml:\d+:\d+: invalid YAML/);
  });

  it('exits 2 for a params key that does not exist', () => {
    const p = project({ 'cd4ml.yaml': stage, 'params.yaml': 'train:\n  c: 1\n' });
    expectBadInput(
      cd4ml(p.dir, 'run'),
      /cd4ml\.yaml:4:\d+: stages\.train\.params\[0\]: param 'train\.C' is not in params\.yaml\n {2}hint: did you mean 'train\.c'\?/,
    );
  });

  it('exits 3 when a state file of the workspace is damaged (the machine side, not the pipeline)', () => {
    const p = project({
      'cd4ml.yaml': stage,
      'params.yaml': 'train:\n  C: 1\n',
      'cd4ml.lock': '{ [ :\n',
    });
    const { code, stderr } = cd4ml(p.dir, 'run');
    expect(stderr).toMatch(/^cd4ml: \S*cd4ml\.lock: the lock file is neither JSON nor YAML/);
    expect(stderr).toMatch(/hint: delete it to rebuild it/);
    expect(stderr).not.toMatch(/unexpected error/);
    expect(code).toBe(3);
  });

  it('exits 143 on SIGTERM', async () => {
    const p = project({
      'cd4ml.yaml': 'stages:\n  long:\n    cmd: echo started > started.txt && sleep 30\n',
    });
    const child = spawn(process.execPath, [CLI, 'run'], {
      cwd: p.dir,
      env: { ...process.env, CI: 'true', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    // Wait for what we mean: the stage has started (or the run ended, and the test fails).
    await new Promise<void>((done) => {
      const check = (): void => {
        if (/long started/.test(out)) done();
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      child.on('exit', () => done());
    });
    child.kill('SIGTERM');
    expect(await exit).toBe(143);
  });

  it('exits 2 when serving a file that does not exist', () => {
    const p = project();
    const { code, stderr } = cd4ml(p.dir, 'serve', 'missing.onnx', '--port', '0');
    expect(stderr).toBe(
      'cd4ml: missing.onnx does not exist\n  hint: pass a model.onnx file or a directory laid out as <name>/<version>/model.onnx\n',
    );
    expect(code).toBe(2);
  });

  it('exits 2 when serving a file that is not ONNX, instead of running unready', () => {
    const p = project({ 'model.onnx': 'this is not a model\n' });
    const { code, stderr } = cd4ml(p.dir, 'serve', 'model.onnx', '--port', '0');
    expect(stderr).toMatch(
      /^cd4ml: model\.onnx is not an ONNX model: byte \d+ is not an ONNX ModelProto field/,
    );
    expect(code).toBe(2);
  });
  it('stops writing when the reader closes the pipe, and exits with its own code (cd4ml serve --help | head -1)', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--help'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy(); // the reader is gone before cd4ml writes its first line
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
