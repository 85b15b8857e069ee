import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProjects } from '../core/testing/project.js';
import { onnxProblem } from './onnx-file.js';

const FIXTURES = join(import.meta.dirname, '__fixtures__');
const project = tempProjects();

function problem(path: string): string | undefined {
  return onnxProblem(path, statSync(path).size);
}

describe('onnxProblem', () => {
  it.each(readdirSync(FIXTURES).filter((f) => f.endsWith('.onnx')))('accepts %s', (file) => {
    expect(problem(join(FIXTURES, file))).toBeUndefined();
  });

  it('rejects a text file, a pickle and an empty file', () => {
    const p = project({ 'a.onnx': 'hello world\n', 'b.onnx': '' });
    expect(problem(join(p.dir, 'a.onnx'))).toMatch(/is not an ONNX ModelProto field/);
    expect(problem(join(FIXTURES, 'iris-v1.pkl'))).toMatch(/is not an ONNX ModelProto field/);
    expect(problem(join(p.dir, 'b.onnx'))).toBe('the file is empty');
  });

  it('rejects a model cut off while being copied', () => {
    const p = project();
    const whole = readFileSync(join(FIXTURES, 'iris-v1.onnx'));
    writeFileSync(join(p.dir, 'cut.onnx'), whole.subarray(0, Math.floor(whole.length / 2)));
    expect(problem(join(p.dir, 'cut.onnx'))).toMatch(/runs past the end of the file|cut off/);
  });
});
