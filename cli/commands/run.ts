import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { runCommand } from './run-command.js';

/** `cd4ml run`: its arguments, options and help; `run-command.ts` does the run. */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description(
      'Run the pipeline: stages whose cmd, deps, params or outs changed, in parallel, with a run-cache',
    )
    .argument(
      '[stages...]',
      'run only these stages and what they depend on (`train` selects every `train@…`)',
    )
    .option('-f, --file <path>', 'pipeline file (default: cd4ml.yaml, else dvc.yaml)')
    .option(
      '-j, --jobs <n>',
      `stages to run at once (default: CPU count, ${availableParallelism()})`,
    )
    .option('--force', 'run every selected stage, ignoring the lock and the run-cache')
    .option(
      '--single',
      'run only the named stages, not what they depend on (their deps must be in place)',
    )
    .option(
      '-k, --keep-going',
      'after a failure, keep running every branch that does not depend on it',
    )
    .option(
      '-S, --set <key=value>',
      'override a param for this run (repeatable), e.g. --set train.C=0.5',
      (value: string, all: string[] | undefined) => [...(all ?? []), value],
    )
    .option('--wait', 'if another run holds this workspace, wait for it instead of exiting with 2')
    .addHelpText(
      'after',
      '\nExit codes: 0 all stages succeeded, 1 a stage failed, 2 bad input or another run holds the workspace, 128+N stopped by signal N (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP).',
    )
    .action(runCommand);
}
