import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Cd4mlError } from '../errors.js';
import { tempProjects } from '../testing/project.js';
import { interpolateString, shellQuote } from './interpolate.js';
import { loadPipeline } from './load.js';

const project = tempProjects();

describe('${x|q}: shell-quoted values', () => {
  const context = { msg: 'foo; touch x', quote: "it's", n: 3, files: ['a b', 'c'] };

  it.each([
    ['echo ${msg|q}', "echo 'foo; touch x'"],
    ['echo ${ msg | q }', "echo 'foo; touch x'"],
    ['echo ${quote|q}', "echo 'it'\\''s'"],
    ['run --n ${n|q}', "run --n '3'"],
    ['cat ${files|q}', "cat 'a b' 'c'"],
    ['${msg|q}', "'foo; touch x'"],
    ['echo ${msg}', 'echo foo; touch x'],
  ])('%s → %s', (text, expected) => {
    expect(interpolateString(text, context)).toBe(expected);
  });

  it('names the one filter there is', () => {
    expect(() => interpolateString('echo ${msg|quote}', context)).toThrow(
      "${msg|quote}: unknown filter 'quote' (the one filter is q, which shell-quotes the value: ${msg|q})",
    );
  });

  it.each(['foo; touch x', "a'b", '$(touch x)', '`touch x`', 'a\nb', '', ' -n '])(
    'quotes %j so that sh reads it back unchanged',
    (value) => {
      const out = spawnSync('/bin/sh', ['-c', `printf %s ${shellQuote(value)}`], {
        encoding: 'utf8',
      });
      expect(out.stdout).toBe(value);
    },
  );

  it('keeps a params value out of the shell in a real stage command', () => {
    const p = project({
      'cd4ml.yaml':
        'stages:\n  safe:\n    cmd: echo ${greeting|q} > safe.txt\n  unsafe:\n    cmd: echo ${greeting} > unsafe.txt\n',
      'params.yaml': "greeting: 'hi; touch pwned'\n",
    });
    const stages = loadPipeline(join(p.dir, 'cd4ml.yaml')).stages;
    const run = (name: string): void => {
      const cmd = stages.find((s) => s.name === name)!.cmd[0]!;
      spawnSync('/bin/sh', ['-c', cmd], { cwd: p.dir });
    };
    run('safe');
    expect(existsSync(join(p.dir, 'pwned'))).toBe(false);
    run('unsafe');
    // DVC's semantics, documented: the unquoted form is pasted into the shell.
    expect(existsSync(join(p.dir, 'pwned'))).toBe(true);
  });

  it('passes a value through env, for cmd to quote as "$VAR"', () => {
    const p = project({
      'cd4ml.yaml':
        'stages:\n  a:\n    env: { MSG: "${greeting}" }\n    cmd: echo "$MSG" > out.txt\n',
      'params.yaml': "greeting: 'hi; touch pwned'\n",
    });
    const [stage] = loadPipeline(join(p.dir, 'cd4ml.yaml')).stages;
    expect(stage?.env).toEqual({ MSG: 'hi; touch pwned' });
    spawnSync('/bin/sh', ['-c', stage!.cmd[0]!], {
      cwd: p.dir,
      env: { ...process.env, ...stage!.env },
    });
    expect(existsSync(join(p.dir, 'pwned'))).toBe(false);
  });

  it('reports an unknown filter at its line', () => {
    const p = project({
      'cd4ml.yaml': 'stages:\n  a:\n    cmd: echo ${x|b64}\n',
      'params.yaml': 'x: 1\n',
    });
    try {
      loadPipeline(join(p.dir, 'cd4ml.yaml'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(Cd4mlError);
      expect((error as Error).message).toMatch(
        /cd4ml\.yaml:3:10: stages\.a\.cmd: bad interpolation in stage 'a': \$\{x\|b64\}: unknown filter 'b64'/,
      );
    }
  });
});
