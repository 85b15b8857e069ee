#!/usr/bin/env node
// CI: the actions run the committed dist/ (GitHub checks a tag out and runs it, no build),
// so dist/ must be exactly what the sources build. Rebuilds it and fails, listing the
// files, when git sees any difference (changed, added or deleted files under dist/).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });

if (git('ls-files', '--', 'dist').trim() === '') {
  process.stderr.write(
    'check-dist: dist/ is not committed. The actions run the committed bundle: run `npm run build`, remove dist/ from .gitignore and commit it.\n',
  );
  process.exit(1);
}
execFileSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: root, stdio: 'inherit' });
const changed = git('status', '--porcelain', '--untracked-files=all', '--', 'dist').trimEnd();
if (changed) {
  process.stderr.write(
    `check-dist: dist/ is stale; these files differ from what the sources build:\n${changed}\nRun \`npm run build\` and commit dist/.\n`,
  );
  process.exit(1);
}
process.stdout.write('check-dist: dist/ is current\n');
