import type { Command } from 'commander';
import { resolve } from 'node:path';
import type { StoredRun } from '../../core/store/local-store.js';

interface BranchFlags {
  remote: string;
  branch: string;
  root: string;
  retries?: string;
}

/** `cd4ml history push` and `cd4ml history pull`: the runs kept on a branch of the remote. */
export function registerHistoryBranch(history: Command): void {
  const common = (command: Command): Command =>
    command
      .option('--remote <name>', 'the git remote', 'origin')
      .option('--branch <name>', 'the history branch', 'cd4ml-history')
      .option('--root <dir>', 'workspace root holding .cd4ml/runs', '.');
  common(
    history
      .command('push')
      .description(
        'Append the local runs (compact: no predictions) to the history branch of the remote and push; a push another writer beat is fetched, merged and retried',
      ),
  )
    .argument(
      '[runs...]',
      'record files or run artifacts (directory or .zip) to push instead of the local store, e.g. a downloaded cd4ml-run',
    )
    .option('--retries <n>', 'pushes to retry after a rejection', '5')
    .action(async (paths: string[], flags: BranchFlags) => {
      const [{ pushHistory }, { listRuns }, { Cd4mlError }] = await Promise.all([
        import('../../core/history-branch/push.js'),
        import('../../core/store/local-store.js'),
        import('../../core/errors.js'),
      ]);
      const retries = Number(flags.retries);
      if (!Number.isInteger(retries) || retries < 0 || retries > 50) {
        throw new Cd4mlError(
          'E_USAGE',
          `--retries must be a whole number from 0 to 50, got "${flags.retries}"`,
          {
            location: { file: '<command line>', field: 'retries' },
          },
        );
      }
      const root = resolve(flags.root);
      const runs = paths.length > 0 ? await Promise.all(paths.map(namedRun)) : await listRuns(root);
      const result = await pushHistory({
        root,
        runs,
        remote: flags.remote,
        branch: flags.branch,
        retries,
      });
      process.stderr.write(
        result.added === 0
          ? `cd4ml: ${flags.branch} on ${flags.remote} already has all ${runs.length} local run(s) (${result.total} in all)\n`
          : `cd4ml: pushed ${result.added} run(s) to ${flags.branch} on ${flags.remote} (${result.total} in all${result.attempts > 1 ? `, after ${result.attempts - 1} rejected push(es)` : ''})\n`,
      );
    });
  common(
    history
      .command('pull')
      .description('Fetch the history branch, so history, compare and ui see its runs'),
  ).action(async (flags: BranchFlags) => {
    const { pullHistory } = await import('../../core/history-branch/pull.js');
    const result = await pullHistory({
      root: resolve(flags.root),
      remote: flags.remote,
      branch: flags.branch,
    });
    process.stderr.write(
      `cd4ml: fetched ${result.runs} run(s) from ${flags.branch} on ${flags.remote}\n`,
    );
    for (const skip of result.skipped)
      process.stderr.write(`cd4ml: skipped ${skip.file}: ${skip.reason}\n`);
  });
}

/** A run named on the command line, as the store holds one (its directory, its record). */
async function namedRun(path: string): Promise<StoredRun> {
  const { loadRunPath } = await import('../../core/gate/local-source.js');
  return { dir: resolve(path), record: (await loadRunPath(path)).record };
}
