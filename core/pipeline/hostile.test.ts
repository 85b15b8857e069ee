import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aliasBomb } from '../yaml/testing.js';
import { Cd4mlError } from '../errors.js';
import { readLock } from '../runner/lock-file.js';
import { tempProjects } from '../testing/project.js';
import { loadPipeline } from './load.js';

/** Typically ~50 ms; the bound leaves room for a loaded 2-core CI machine, and the unbounded parse took minutes. */
const LOADED_MACHINE_MS = 3000;

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
    expect(ms).toBeLessThan(LOADED_MACHINE_MS);
    expect(message).toMatch(
      /^cd4ml\.yaml:\d+:\d+: stages\.b\.meta\.a\d.*: expands to more than 1,000,000 values/,
    );
  });

  it('rejects an alias bomb in params.yaml with code E_PARAMS', () => {
    const { message, code, ms } = failure({
      'cd4ml.yaml': 'stages:\n  b:\n    cmd: echo hi\n    params: [a0]\n',
      'params.yaml': aliasBomb(),
    });
    expect(ms).toBeLessThan(LOADED_MACHINE_MS);
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
    expect(performance.now() - start).toBeLessThan(LOADED_MACHINE_MS);
  });
});

describe('the error path on huge files', () => {
  it('reports 64k unknown keys in linear time, capped', () => {
    const keys = Array.from({ length: 65_536 }, (_, i) => `    k${i}: 1\n`).join('');
    const { message, ms } = failure({ 'cd4ml.yaml': `stages:\n  b:\n    cmd: echo hi\n${keys}` });
    // Quadratic, this took 26 s; the bound is loose for a loaded CI machine.
    expect(ms).toBeLessThan(5000);
    expect(message.length).toBeLessThan(1000);
    expect(message).toMatch(
      /^cd4ml\.yaml:4:5: stages\.b\.k0: unknown key 'k0' \(and 'k1', 'k2', 'k3', 'k4', 'k5' and 65,530 more\)/,
    );
  });

  it('describes the first 20 problems and counts the rest', () => {
    const stages = Array.from({ length: 500 }, (_, i) => `  s${i}:\n    cmd: x\n    dep: [a]\n`);
    const { message } = failure({ 'cd4ml.yaml': `stages:\n${stages.join('')}` });
    const lines = message.split('\n');
    expect(lines.filter((l) => /unknown key 'dep'/.test(l))).toHaveLength(20);
    expect(lines.at(-1)).toBe('… and 480 more problems (fix these first)');
  });

  it('shortens a huge key in a message', () => {
    const { message } = failure({
      'cd4ml.yaml': `stages:\n  b:\n    cmd: x\n    ${'k'.repeat(100_000)}: 1\n`,
    });
    expect(message.length).toBeLessThan(500);
    expect(message).toContain(`unknown key '${'k'.repeat(59)}…'`);
  });
});

describe('configurations DVC rejects', () => {
  it('rejects overlapping outs of two stages', () => {
    const { message } = failure({
      'cd4ml.yaml':
        'stages:\n  a:\n    cmd: mkdir -p d && echo a > d/y.txt\n    outs: [d]\n  b:\n    cmd: echo b > d/x.txt\n    outs:\n      - d/x.txt\n',
    });
    expect(message).toBe(
      "cd4ml.yaml:8:9: stages.b.outs[0]: out 'd/x.txt' of stage 'b' is inside out 'd' of stage 'a' (line 4)\n  hint: outs may not overlap: write the file outside that directory, or make one stage write both",
    );
  });

  it('rejects overlapping outs whichever stage comes first', () => {
    const { message } = failure({
      'cd4ml.yaml':
        'stages:\n  b:\n    cmd: x\n    outs: [d/e/x.txt]\n  a:\n    cmd: y\n    outs: [d]\n',
    });
    expect(message).toMatch(
      /^cd4ml\.yaml:4:\d+: stages\.b\.outs\[0\]: out 'd\/e\/x\.txt' of stage 'b' is inside out 'd' of stage 'a' \(line 7\)/,
    );
  });

  it('rejects a path that is both a dep and an out of one stage', () => {
    const { message } = failure({
      'cd4ml.yaml':
        'stages:\n  a:\n    cmd: sort data.txt -o data.txt\n    deps: [data.txt]\n    outs: [data.txt]\n',
      'data.txt': 'b\na\n',
    });
    expect(message).toMatch(
      /^cd4ml\.yaml:4:\d+: stages\.a\.deps\[0\]: 'data\.txt' is both a dep and an out of stage 'a'\n {2}hint: a stage cannot read what it writes/,
    );
  });

  it('rejects a dep inside an out of the same stage', () => {
    const { message } = failure({
      'cd4ml.yaml': 'stages:\n  a:\n    cmd: x\n    deps: [d/in.txt]\n    outs: [d]\n',
    });
    expect(message).toMatch(/dep 'd\/in\.txt' of stage 'a' is inside its out 'd'/);
  });

  it('rejects an unknown param key, with did-you-mean', () => {
    const { message, code } = failure({
      'cd4ml.yaml': 'stages:\n  a:\n    cmd: x\n    params: [train.C, train.max_iterr]\n',
      'params.yaml': 'train:\n  C: 1\n  max_iter: 100\n',
    });
    expect(code).toBe('E_PARAMS');
    expect(message).toMatch(
      /^cd4ml\.yaml:4:\d+: stages\.a\.params\[1\]: param 'train\.max_iterr' is not in params\.yaml\n {2}hint: did you mean 'train\.max_iter'\?/,
    );
  });

  it('rejects params: [train.nope]', () => {
    const { message } = failure({
      'cd4ml.yaml': 'stages:\n  a:\n    cmd: x\n    params: [train.nope]\n',
      'params.yaml': 'train:\n  C: 1\n',
    });
    expect(message).toMatch(
      /param 'train\.nope' is not in params\.yaml\n {2}hint: add it to params\.yaml \(it has train, train\.C\)/,
    );
  });

  it('rejects a missing params file', () => {
    const { message } = failure({
      'cd4ml.yaml': 'stages:\n  a:\n    cmd: x\n    params:\n      - other.yaml: [seed]\n',
    });
    expect(message).toMatch(
      /^cd4ml\.yaml:5:\d+: stages\.a\.params\[0\]: params file 'other\.yaml' does not exist\n {2}hint: create other\.yaml/,
    );
  });

  it('reports a missing param once for all expansions of a foreach stage', () => {
    const { message } = failure({
      'cd4ml.yaml':
        'stages:\n  a:\n    foreach: [x, y, z]\n    do:\n      cmd: echo ${item}\n      params: [nope]\n',
      'params.yaml': 'lr: 1\n',
    });
    expect(message.match(/param 'nope'/g)).toHaveLength(1);
  });

  it.each([
    ['matrix: {}', 'stages.b.matrix: must name at least one axis'],
    ['foreach: {}\n    do: { cmd: x }', 'stages.b.foreach: must list at least one item'],
  ])('rejects an empty %s instead of running a stage named b@', (yaml, expected) => {
    const { message } = failure({
      'cd4ml.yaml': `stages:\n  b:\n    ${yaml}\n    cmd: x\n`.replace(
        'do: { cmd: x }\n    cmd: x',
        'do: { cmd: x }',
      ),
    });
    expect(message).toContain(`cd4ml.yaml:3:`);
    expect(message).toContain(expected);
  });
});

describe('messages that say what is wrong', () => {
  it.each([
    ['trän', 'stages:\n  a:\n    cmd: x\n  trän:\n    cmd: y\n'],
    ['my stage', 'stages:\n  a:\n    cmd: x\n  my stage:\n    cmd: y\n'],
  ])('names a stage name %j as the problem, at its line', (name, yaml) => {
    expect(failure({ 'cd4ml.yaml': yaml }).message).toBe(
      `cd4ml.yaml:4:3: stages.${name}: '${name}' is not a valid name: stage names use ASCII letters, digits, _, - and . only (no spaces), and start with a letter, digit or _`,
    );
  });

  it.each([
    [
      'cmd: {run: echo}',
      'cd4ml.yaml:3:10: stages.a.cmd: must be a string or a list, not a mapping',
    ],
    [
      'foreach: 42\n    do: { cmd: x }',
      'cd4ml.yaml:3:14: stages.a.foreach: must be a list, a mapping or a string, not the number 42',
    ],
    [
      'cmd: x\n    params: [3]',
      'cd4ml.yaml:4:14: stages.a.params[0]: must be a string or a mapping, not the number 3',
    ],
    [
      'cmd: x\n    outs: [{m.pkl: 1}]',
      'cd4ml.yaml:4:20: stages.a.outs[0].m.pkl: must be a mapping, not the number 1',
    ],
    [
      'cmd: x\n    retries: 1.5',
      'cd4ml.yaml:4:14: stages.a.retries: must be an integer, not the number 1.5',
    ],
    [
      'cmd: x\n    retries: -1',
      'cd4ml.yaml:4:14: stages.a.retries: must be at least 0, not the number -1',
    ],
    ['cmd: []', 'cd4ml.yaml:3:10: stages.a.cmd: must list at least one command'],
  ])('never leaks "Invalid input": %s', (stage, expected) => {
    const { message } = failure({ 'cd4ml.yaml': `stages:\n  a:\n    ${stage}\n` });
    expect(message).not.toMatch(/Invalid input|Too small/);
    expect(message).toBe(expected);
  });

  it('reports deep nesting as a depth error, not a stack overflow', () => {
    const { message } = failure({
      'cd4ml.yaml': `stages:\n  a:\n    cmd: x\n    meta: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`,
    });
    expect(message).toMatch(/^cd4ml\.yaml:4:\d+: nesting is deeper than 64 levels/);
  });
});

describe('params written by a stage', () => {
  it('does not require a params file that an upstream stage writes', () => {
    const p = project({
      'cd4ml.yaml':
        'stages:\n  gen:\n    cmd: mkdir gen && echo lr=1 > gen/params.yaml\n    outs: [gen]\n  train:\n    cmd: x\n    params:\n      - gen/params.yaml: [lr]\n',
    });
    expect(loadPipeline(join(p.dir, 'cd4ml.yaml')).stages.map((s) => s.name)).toEqual([
      'gen',
      'train',
    ]);
  });
});
