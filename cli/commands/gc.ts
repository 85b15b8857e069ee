import type { Command } from 'commander';
import { resolve } from 'node:path';

interface GcFlags {
  keepRuns: string;
  dryRun?: boolean;
  wait?: boolean;
  root: string;
}

export function registerGc(program: Command): void {
  program
    .command('gc')
    .description(
      "Remove run-cache objects that neither the lock, the newest runs nor the branch heads' runs refer to",
    )
    .option('--keep-runs <n>', 'newest runs in the local store (.cd4ml/runs) whose outs stay', '10')
    .option('-n, --dry-run', 'say what would be removed, remove nothing')
    .option('--wait', 'if a run holds this workspace, wait for it instead of exiting with 2')
    .option('--root <dir>', 'workspace root holding .cd4ml', '.')
    .addHelpText('after', '\nExit codes: 0 done, 2 bad input or the workspace is busy.')
    .action(async (flags: GcFlags) => {
      const [{ collectGarbage }, { Cd4mlError }, { formatBytes }] = await Promise.all([
        import('../../core/runner/gc.js'),
        import('../../core/errors.js'),
        import('../../core/compare/format.js'),
      ]);
      const keepRuns = Number(flags.keepRuns);
      if (!Number.isInteger(keepRuns) || keepRuns < 0)
        throw new Cd4mlError(
          'E_USAGE',
          `--keep-runs must be a whole number of at least 0, got '${flags.keepRuns}'`,
          { hint: 'e.g. --keep-runs 10' },
        );
      const result = await collectGarbage(resolve(flags.root), {
        keepRuns,
        dryRun: flags.dryRun,
        wait: flags.wait,
        onNotice: (message) => process.stderr.write(`cd4ml: ${message}\n`),
      });
      const { removed, kept, references } = result;
      process.stdout.write(
        `${flags.dryRun ? 'Would remove' : 'Removed'} ${removed.objects} cache object${removed.objects === 1 ? '' : 's'} (${formatBytes(removed.bytes)}) and ${result.entriesRemoved} run-cache entr${result.entriesRemoved === 1 ? 'y' : 'ies'}; kept ${kept.objects} (${formatBytes(kept.bytes)}) for ${references.lockOuts} outs in the lock, ${references.runs} runs and ${references.branchHeads} branch heads.\n`,
      );
    });
}
