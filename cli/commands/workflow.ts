import type { Command } from 'commander';
import { pipelineFileOption } from '../options.js';
import { workflowCommand, type WorkflowFlags } from './workflow-compile.js';
import { assembleJob, fragmentJob } from './workflow-jobs.js';

/**
 * `cd4ml workflow` and the subcommands a compiled workflow's jobs run: their arguments,
 * options and help. `workflow-compile.ts` writes or checks the file; `workflow-jobs.ts`
 * does the jobs' part.
 */
export function registerWorkflow(program: Command): void {
  const workflow = program
    .command('workflow')
    .description(
      'Compile the pipeline into a GitHub Actions workflow: one job per stage, outs as artifacts',
    )
    .option('-f, --file <path>', 'pipeline file (default: cd4ml.yaml, else dvc.yaml)')
    .option(
      '-o, --out <path>',
      'where to write it, or - for stdout (default: .github/workflows/cd4ml-pipeline.yml in the repository)',
    )
    .option(
      '--check',
      'write nothing; exit 1 when the file differs from what the pipeline compiles to',
    )
    .option('--branch <name>', 'branch whose pushes run the workflow (default: main)')
    .option('--cli <command>', 'how jobs run cd4ml (default: npx --yes cd4ml@<this version>)')
    .option('--retention-days <n>', 'days GitHub keeps the stage-to-stage artifacts (default: 1)')
    .addHelpText(
      'after',
      '\nExit codes: 0 written (or current with --check), 1 stale with --check, 2 bad input.\nSee docs/scale-out.md.',
    )
    .action((flags: WorkflowFlags) => workflowCommand(flags, program.version() ?? '0.0.0'));

  // Subcommands take the pipeline file from the parent's -f (commander gives a parent's
  // options to the parent wherever they appear on the line).
  const pipelineFile = (): string => pipelineFileOption(workflow.opts<WorkflowFlags>().file);
  workflow
    .command('fragment')
    .description(
      "(a compiled workflow's stage job) write the stage's result and lock entry for the final job",
    )
    .argument('<stage>', 'the stage the job ran')
    .argument('<file>', 'the fragment file to write')
    .action((stage: string, file: string) => fragmentJob(pipelineFile(), stage, file));

  workflow
    .command('assemble')
    .description(
      "(a compiled workflow's final job) merge the stage jobs' lock entries and write the run record",
    )
    .option(
      '-S, --set <key=value>',
      'the overrides the stage jobs ran with (repeatable): recorded in the run record',
      (value: string, all: string[] | undefined) => [...(all ?? []), value],
    )
    .action((flags: { set?: string[] }) => assembleJob(pipelineFile(), flags.set ?? []));
}
