import { execFileSync } from 'node:child_process';
import { cpSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '../..');

/** What a local run of each example leaves behind (all git-ignored): a fresh clone lacks it. */
const GENERATED = {
  iris: /[/\\](\.cd4ml|cd4ml\.lock|cd4ml-run\.json|models|eval|champion|node_modules|model\.onnx|data[/\\](split|stats\.json))$/,
  sklearn:
    /[/\\](\.cd4ml|cd4ml\.lock|cd4ml-run\.json|data|models|eval|champion|__pycache__|model\.onnx)$/,
} as const;

/**
 * Copies `examples/<name>` into `dir` as a fresh clone has it and commits it there as its
 * own repository (branch `main`); returns `dir`. With `nodeModules`, links the repository's
 * `node_modules` into it (what the example's setup step would install).
 */
export function copyExample(
  name: keyof typeof GENERATED,
  dir: string,
  options: { nodeModules?: boolean } = {},
): string {
  const generated = GENERATED[name];
  cpSync(join(REPO, 'examples', name), dir, {
    recursive: true,
    filter: (src) => !generated.test(src),
  });
  if (options.nodeModules)
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const git = (...args: string[]): void => {
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      cwd: dir,
      stdio: 'ignore',
    });
  };
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-qm', name);
  return dir;
}
