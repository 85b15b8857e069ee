import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HashCache, sha256File } from './hash.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cd4ml-hash-'));
  dirs.push(dir);
  return dir;
}
const memo = (dir: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(dir, 'hashes.json'), 'utf8')) as Record<string, unknown>;

describe('HashCache', () => {
  it('hashes a file with sha256 and a missing path as undefined', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'a.txt'), 'hello\n');
    const hashes = new HashCache(join(dir, 'hashes.json'));
    expect(hashes.hash(join(dir, 'a.txt'))).toEqual({
      hash: '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03',
      size: 6,
    });
    expect(hashes.hash(join(dir, 'missing.txt'))).toBeUndefined();
    expect(hashes.hash(join(dir, 'a.txt', 'below-a-file'))).toBeUndefined();
  });

  it('remembers hashes across instances and re-hashes a file whose size or mtime changed', () => {
    const dir = scratch();
    const file = join(dir, 'a.txt');
    writeFileSync(file, 'one');
    const first = new HashCache(join(dir, 'hashes.json'));
    const before = first.hash(file)?.hash;
    first.save();
    expect(Object.keys(memo(dir))).toEqual([file]);
    writeFileSync(file, 'three');
    const second = new HashCache(join(dir, 'hashes.json'));
    expect(second.hash(file)?.hash).toBe(sha256File(file));
    expect(second.hash(file)?.hash).not.toBe(before);
  });

  it('forgets a file, and a directory with everything remembered below it', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'data', 'sub'), { recursive: true });
    writeFileSync(join(dir, 'data', 'x.csv'), 'x');
    writeFileSync(join(dir, 'data', 'sub', 'y.csv'), 'y');
    writeFileSync(join(dir, 'model.onnx'), 'm');
    const hashes = new HashCache(join(dir, 'hashes.json'));
    expect(hashes.hash(join(dir, 'data'))?.files).toHaveLength(2);
    hashes.hash(join(dir, 'model.onnx'));
    hashes.save();
    // A new instance knows the directory only through its files' paths.
    const again = new HashCache(join(dir, 'hashes.json'));
    again.forget(join(dir, 'dat'));
    again.forget(join(dir, 'data'));
    again.save();
    expect(Object.keys(memo(dir))).toEqual([join(dir, 'model.onnx')]);
    again.forget(join(dir, 'model.onnx'));
    again.save();
    expect(memo(dir)).toEqual({});
  });
});
