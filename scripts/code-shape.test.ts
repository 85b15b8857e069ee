import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measure, overBudget } from './code-shape.js';

describe('code-shape', () => {
  const root = mkdtempSync(join(tmpdir(), 'code-shape-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const long = `export function long(): number {\n${'  let x = 1;\n'.repeat(80)}  return 1;\n}\n`;
  const files: Record<string, string> = {
    'github/client.ts': long,
    'newfolder/a.mjs': 'export const a = () => 1;\n',
    'core/big.ts': 'export const x = 1;\n'.repeat(301),
    'core/big.test.ts': long,
    'core/testing/fake.ts': long,
    'ui/env.d.ts': 'declare const x: number;\n',
    'scripts/tool.ts': long,
    'bench/run.ts': long,
    'examples/iris/train.mjs': long,
    'dist/cd4ml.js': long,
    'root.config.js': long,
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['add', '.'], { cwd: root });

  it('counts every top-level folder but the tools, examples, dist, tests and test helpers', () => {
    const shape = measure(root);
    expect(shape.files).toBe(3);
    expect(shape.lines).toBe(83 + 1 + 301);
    expect(shape.bigFiles).toEqual([{ file: 'core/big.ts', lines: 301 }]);
    expect(shape.longFunctions).toEqual([
      { file: 'github/client.ts', line: 1, name: 'long', lines: 83 },
    ]);
  });

  it('--check fails naming each file and function over budget as file:line', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'code-shape.ts'), '--check', '--root', root],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('core/big.ts:1: 301 lines, over the 300-line budget of a file');
    expect(run.stderr).toContain(
      'github/client.ts:1: long is 83 lines, over the 80-line budget of a function',
    );
    expect(overBudget(measure(root))).toHaveLength(2);
  });

  it('--check passes a tree within budget', () => {
    const small = mkdtempSync(join(tmpdir(), 'code-shape-ok-'));
    try {
      mkdirSync(join(small, 'core'));
      writeFileSync(join(small, 'core/a.ts'), 'export const a = () => 1;\n');
      execFileSync('git', ['init', '-q'], { cwd: small });
      execFileSync('git', ['add', '.'], { cwd: small });
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'code-shape.ts'), '--check', '--root', small],
        { encoding: 'utf8' },
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toBe('code-shape: 1 production files within budget\n');
    } finally {
      rmSync(small, { recursive: true, force: true });
    }
  });
});
