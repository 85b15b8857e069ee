import { execFileSync } from 'node:child_process';
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProjects } from '../testing/project.js';
import { Cd4mlError } from '../errors.js';
import { loadPipeline } from '../pipeline/load.js';
import { environment, withDeclared } from './environment.js';
import { sha256File } from './hash.js';

const project = tempProjects();

describe('environment', () => {
  it('hashes the lockfiles and environment files the repo has, requirements*.txt included', async () => {
    const p = project({
      'requirements.txt': 'numpy==2.0\n',
      'requirements-gpu.txt': 'torch\n',
      'conda.yaml': 'name: x\n',
      'uv.lock': 'version = 1\n',
      'poetry.lock': '[[package]]\n',
      'package-lock.json': '{}\n',
      'notes.txt': 'not an env file\n',
    });
    const env = await environment(p.dir, join(p.dir, 'tmp'), { python: false });
    expect(Object.keys(env.lockfiles)).toEqual([
      'conda.yaml',
      'package-lock.json',
      'poetry.lock',
      'requirements-gpu.txt',
      'requirements.txt',
      'uv.lock',
    ]);
    expect(env.lockfiles['requirements.txt']).toBe(sha256File(join(p.dir, 'requirements.txt')));
    expect(env.python).toBeNull();
  });

  it("records the runtimes (node, the PATH's python3) and the OS and architecture", async () => {
    const p = project({});
    const env = await environment(p.dir, join(p.dir, 'tmp'), { python: true });
    expect(env.node).toBe(process.version);
    expect(env.os.startsWith(`${platform()} `)).toBe(true);
    expect(env.arch).toBe(arch());
    const python = execFileSync('python3', ['--version'], { encoding: 'utf8' });
    expect(`Python ${env.python}`).toBe(python.trim());
  });

  it('adds the declared files (missing ones as `missing`) and the image digest when pinned', async () => {
    const p = project({ 'env/deps.lock': 'a\n' });
    const env = await environment(p.dir, join(p.dir, 'tmp'), { python: false });
    const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;
    const pinned = withDeclared(env, p.dir, {
      files: ['env/deps.lock', 'gone.yaml'],
      image: `ghcr.io/acme/train@${digest}`,
    });
    expect(pinned.lockfiles).toEqual({
      'env/deps.lock': sha256File(join(p.dir, 'env/deps.lock')),
      'gone.yaml': 'missing',
    });
    expect(pinned.declared).toEqual(['env/deps.lock', 'gone.yaml']);
    expect(pinned.image).toEqual({ ref: `ghcr.io/acme/train@${digest}`, digest });
    const tagged = withDeclared(env, p.dir, { files: [], image: 'python:3.12' });
    expect(tagged.image).toEqual({ ref: 'python:3.12', digest: null });
  });
});

describe("the pipeline's environment:", () => {
  it('is read from cd4ml.yaml with root-relative files', () => {
    const p = project({
      'cd4ml.yaml':
        'environment:\n  files: [./env/conda.yaml]\n  image: python:3.12\nstages:\n  a:\n    cmd: echo\n',
    });
    expect(loadPipeline(join(p.dir, 'cd4ml.yaml')).environment).toEqual({
      files: ['env/conda.yaml'],
      image: 'python:3.12',
    });
  });

  it('rejects an unknown key with its line and the nearest name', () => {
    const p = project({
      'cd4ml.yaml': 'environment:\n  file: [conda.yaml]\nstages:\n  a:\n    cmd: echo\n',
    });
    expect(() => loadPipeline(join(p.dir, 'cd4ml.yaml'))).toThrow(Cd4mlError);
    expect(() => loadPipeline(join(p.dir, 'cd4ml.yaml'))).toThrow(
      /:2:3: environment\.file: unknown key 'file'[\s\S]*did you mean 'files'/,
    );
  });
});
