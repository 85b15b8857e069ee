import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join, posix } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** What `dvc.yaml` collection never looks into: VCS and tool state, installed packages. */
const SKIPPED = new Set(['.git', '.dvc', '.cd4ml', 'node_modules']);

/**
 * The `dvc.yaml` files below `root` (root-relative, top-down, the root's own excluded),
 * collected as DVC collects them (dvc/repo/index.py `collect_files`): a directory that is
 * an out of a stage found so far, or is ignored by a `.gitignore` or `.dvcignore` on the
 * way to it, is not looked into; nor are symlinks followed. `outsOf` gives a found file's
 * outs (root-relative); `dirs` receives every directory read, whose stamps tell a memo
 * when a file may have appeared.
 */
export function collectDvcFiles(
  root: string,
  rootOuts: readonly string[],
  outsOf: (file: string) => readonly string[],
  dirs: string[],
): string[] {
  const outs = new Set(rootOuts);
  const found: string[] = [];
  const walk = (dir: string, rules: Array<{ base: string; ig: Ignore }>): void => {
    dirs.push(join(root, dir));
    const entries = readdirSync(join(root, dir), { withFileTypes: true });
    const here = ignoreRules(root, dir, entries);
    const active = here ? [...rules, here] : rules;
    const ignored = (rel: string, isDir: boolean): boolean =>
      active.some(({ base, ig }) =>
        ig.ignores(posix.relative(base || '.', rel) + (isDir ? '/' : '')),
      );
    if (dir !== '' && entries.some((e) => e.isFile() && e.name === 'dvc.yaml')) {
      const file = posix.join(dir, 'dvc.yaml');
      if (!ignored(file, false)) {
        found.push(file);
        for (const out of outsOf(file)) outs.add(out);
      }
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || SKIPPED.has(entry.name)) continue;
      const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (!outs.has(rel) && !ignored(rel, true)) walk(rel, active);
    }
  };
  walk('', []);
  return found;
}

/** The rules of a directory's `.gitignore` and `.dvcignore`, if it has either. */
function ignoreRules(
  root: string,
  dir: string,
  entries: readonly Dirent[],
): { base: string; ig: Ignore } | undefined {
  const files = entries.filter(
    (e) => e.isFile() && (e.name === '.gitignore' || e.name === '.dvcignore'),
  );
  if (files.length === 0) return undefined;
  const ig = ignore();
  for (const file of files) ig.add(readFileSync(join(root, dir, file.name), 'utf8'));
  return { base: dir, ig };
}
