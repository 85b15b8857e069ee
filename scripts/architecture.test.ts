import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * docs/architecture.md's map stays the map: every folder that holds code is a row, every
 * folder a row names exists, and every source file the map and its "where is…" tables name
 * is still there (a rename or a split updates the page in the same commit).
 */
const root = join(import.meta.dirname, '..');
const page = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter(Boolean);

/** The page's table rows (between the map's heading and the decisions), as cells. */
const rows = page
  .slice(page.indexOf('## The map'), page.indexOf('## Decisions'))
  .split('\n')
  .filter((line) => line.startsWith('| ') && !/^\|\s*-/.test(line))
  .map((line) => line.split(/(?<!\\)\|/).slice(1, -1));
const quoted = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
const mapFolders = rows.flatMap((cells) => quoted(cells[0]!).filter((q) => q.endsWith('/')));

/** Folders with tracked files: each top-level one, and each one inside core/. */
const codeFolders = [
  ...new Set(
    tracked
      .map((file) => file.split('/'))
      .filter((parts) => parts.length > 1 && !(parts[0] === 'core' && parts.length === 2))
      .map((parts) => (parts[0] === 'core' ? `core/${parts[1]}/` : `${parts[0]}/`)),
  ),
].sort();

/** A file named `name` under one of `folders` (anywhere when none), `.js` read as `.ts`. */
function exists(name: string, folders: string[]): boolean {
  const names = [name, name.replace(/\.js$/, '.ts')];
  const under = folders.length > 0 ? folders : [''];
  return tracked.some((file) =>
    under.some(
      (folder) =>
        file.startsWith(folder) &&
        names.some((n) => file === `${folder}${n}` || file.endsWith(`/${n}`)),
    ),
  );
}

describe('docs/architecture.md', () => {
  it('maps every folder that holds code, and only folders that exist', () => {
    expect(codeFolders.length).toBeGreaterThan(20);
    expect(codeFolders.filter((folder) => !mapFolders.includes(folder))).toEqual([]);
    expect(mapFolders.filter((folder) => !tracked.some((f) => f.startsWith(folder)))).toEqual([]);
  });

  it('names only source files that exist', () => {
    const missing: string[] = [];
    for (const cells of rows) {
      const folders = quoted(cells[0]!).filter((q) => q.endsWith('/'));
      for (const name of cells.slice(1).flatMap(quoted)) {
        if (!/^[\w./-]+\.(ts|mjs|js)$/.test(name)) continue;
        if (!exists(name, folders) && !exists(name, []))
          missing.push(`${cells[0]!.trim()}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('catches a folder missing from the map', () => {
    expect(mapFolders).toContain('core/history-branch/');
    expect(mapFolders).not.toContain('core/nonexistent/');
    expect(exists('pull-context.ts', ['github/'])).toBe(true);
    expect(exists('pull-context.ts', ['core/'])).toBe(false);
  });
});
