import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTextIfPresent } from './read.js';

const dir = mkdtempSync(join(tmpdir(), 'cd4ml-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readTextIfPresent', () => {
  it('reads a file, and answers undefined for a missing one', () => {
    writeFileSync(join(dir, 'a.json'), '{"x":1}');
    expect(readTextIfPresent(join(dir, 'a.json'))).toBe('{"x":1}');
    expect(readTextIfPresent(join(dir, 'missing.json'))).toBeUndefined();
  });

  it('still throws for a path it cannot read as a file', () => {
    mkdirSync(join(dir, 'a-dir'));
    expect(() => readTextIfPresent(join(dir, 'a-dir'))).toThrow(/EISDIR/);
  });
});
