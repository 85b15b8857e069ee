import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { isEntryPoint } from './entry.js';

const dir = mkdtempSync(join(tmpdir(), 'cd4ml entry '));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('knows the started script through spaces and symlinks, and nothing else', () => {
  mkdirSync(join(dir, 'real dir'));
  const script = join(dir, 'real dir', 'server.js');
  writeFileSync(script, '');
  symlinkSync(join(dir, 'real dir'), join(dir, 'link'));
  const url = pathToFileURL(script).href;
  expect(url).toContain('%20');
  expect(isEntryPoint(url, script)).toBe(true);
  expect(isEntryPoint(url, join(dir, 'link', 'server.js'))).toBe(true);
  expect(isEntryPoint(url, join(dir, 'real dir', 'other.js'))).toBe(false);
  expect(isEntryPoint(url, undefined)).toBe(false);
});
