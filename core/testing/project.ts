import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

export interface TempProject {
  dir: string;
  write: (path: string, text: string) => void;
}

/**
 * Throwaway project directories for a test file: `const project = tempProjects()` at
 * the top, then `project({ 'cd4ml.yaml': '…' })` in a test; each is removed after its test.
 */
export function tempProjects(): (files?: Record<string, string>) => TempProject {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return (files = {}) => {
    const dir = mkdtempSync(join(tmpdir(), 'cd4ml-test-'));
    dirs.push(dir);
    const write = (path: string, text: string): void => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    for (const [path, text] of Object.entries(files)) write(path, text);
    return { dir, write };
  };
}

/** Alive and not a zombie (an orphan's exit may wait for init to reap it). */
export function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
