import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aliasBomb } from '../config/testing.js';
import { Cd4mlError } from '../errors.js';
import { readLock } from '../runner/lock.js';
import { tempProjects } from '../testing/project.js';
import { loadPipeline } from './load.js';

const project = tempProjects();

/** Loads cd4ml.yaml from a fresh project: the error, and how long it took to come. */
function failure(files: Record<string, string>): { message: string; code: string; ms: number } {
  const p = project(files);
  const start = performance.now();
  try {
    loadPipeline(join(p.dir, 'cd4ml.yaml'));
  } catch (error) {
    expect(error).toBeInstanceOf(Cd4mlError);
    const { message, code } = error as Cd4mlError;
    return {
      message: message.replace(/^.*cd4ml\.yaml/gm, 'cd4ml.yaml'),
      code,
      ms: performance.now() - start,
    };
  }
  throw new Error('expected an error');
}

describe('hostile files around a pipeline', () => {
  it("rejects an alias bomb in a stage's meta at once", () => {
    const meta = aliasBomb('      ');
    const { message, ms } = failure({
      'cd4ml.yaml': `stages:\n  b:\n    cmd: echo hi\n    meta:\n${meta}`,
    });
    expect(ms).toBeLessThan(1000);
    expect(message).toMatch(
      /^cd4ml\.yaml:\d+:\d+: stages\.b\.meta\.a\d.*: expands to more than 1,000,000 values/,
    );
  });

  it('rejects an alias bomb in params.yaml with code E_PARAMS', () => {
    const { message, code, ms } = failure({
      'cd4ml.yaml': 'stages:\n  b:\n    cmd: echo hi\n    params: [a0]\n',
      'params.yaml': aliasBomb(),
    });
    expect(ms).toBeLessThan(1000);
    expect(code).toBe('E_PARAMS');
    expect(message).toMatch(/^params\.yaml:\d+:\d+: a\d.*: expands to more than/);
  });

  it('rejects an alias bomb in a vars file', () => {
    const { message } = failure({
      'cd4ml.yaml': 'vars: [more.yaml]\nstages:\n  b:\n    cmd: echo hi\n',
      'more.yaml': aliasBomb(),
    });
    expect(message).toMatch(/^more\.yaml:\d+:\d+: .*expands to more than/);
  });

  it('rejects a binary params file without printing it', () => {
    const { message } = failure({
      'cd4ml.yaml': 'stages:\n  b:\n    cmd: echo hi\n',
      'params.yaml': '\u0000\u0001\u001b[2Jbinary',
    });
    expect(message).toMatch(/^params\.yaml:1:1: not a UTF-8 text file/);
    expect(message).not.toContain('\u001b');
  });

  it('rejects an alias bomb in a lock edited into YAML', () => {
    const p = project({ 'cd4ml.lock': `stages:\n  x:\n${aliasBomb('    ')}` });
    const start = performance.now();
    expect(() => readLock(join(p.dir, 'cd4ml.lock'))).toThrow(/expands to more than/);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
