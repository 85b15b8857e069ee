import type { Command } from 'commander';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import pc from 'picocolors';
import { Cd4mlError } from '../../core/errors.js';
import { EXIT } from '../exit.js';
import { pipelineFileOption } from '../options.js';

interface WorkflowFlags {
  file?: string;
  out?: string;
  check?: boolean;
  branch?: string;
  cli?: string;
  retentionDays?: string;
}

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
    .action(async (flags: WorkflowFlags) => {
      const retentionDays = parseRetention(flags.retentionDays);
      const { generateWorkflow } = await import('../../core/workflow/generate.js');
      const toStdout = flags.out === '-';
      if (toStdout && flags.check)
        throw new Cd4mlError('E_USAGE', '--check needs the file to check, not --out -', {
          hint: 'e.g. cd4ml workflow --check --out .github/workflows/cd4ml-pipeline.yml',
        });
      const generated = generateWorkflow({
        pipelineFile: pipelineFileOption(flags.file),
        ...(flags.out !== undefined && !toStdout ? { out: resolve(flags.out) } : {}),
        version: program.version() ?? '0.0.0',
        ...(flags.cli !== undefined ? { cli: flags.cli } : {}),
        ...(flags.branch !== undefined ? { branch: flags.branch } : {}),
        ...(retentionDays !== undefined ? { retentionDays } : {}),
      });
      const shown = relative(process.cwd(), generated.out) || generated.out;
      if (toStdout) {
        process.stdout.write(generated.text);
        return;
      }
      if (flags.check) {
        let committed: string | undefined;
        try {
          // A checkout with core.autocrlf has CRLF line ends: the same file to us.
          committed = readFileSync(generated.out, 'utf8').replace(/\r\n/g, '\n');
        } catch {
          committed = undefined;
        }
        if (committed === generated.text) {
          process.stderr.write(`${pc.green('✓')} ${shown} is up to date with the pipeline\n`);
          return;
        }
        const { describeDifference } = await import('../../core/workflow/render.js');
        const details =
          committed === undefined
            ? ['the file does not exist']
            : describeDifference(committed, generated.text);
        process.stderr.write(
          `${pc.red('✖')} ${shown} is stale: the pipeline compiles to a different workflow\n${details.map((d) => `  ${d}\n`).join('')}  fix: run \`${generated.command}\` from the repository root, and commit the file\n`,
        );
        process.exitCode = EXIT.failed;
        return;
      }
      mkdirSync(dirname(generated.out), { recursive: true });
      writeFileSync(generated.out, generated.text);
      process.stderr.write(
        `Wrote ${shown} (${(Buffer.byteLength(generated.text) / 1000).toFixed(1)} KB). Commit it; CI can keep it current with \`${generated.command} --check\`.\n`,
      );
    });

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
    .action(async (stage: string, file: string) => {
      const { buildFragment, writeFragment } = await import('../../core/workflow/fragment.js');
      const fragment = buildFragment(dirname(pipelineFile()), stage);
      writeFragment(resolve(file), fragment);
      process.stderr.write(`${stage}: ${fragment.result.status} → ${file}\n`);
    });

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
    .action(async (flags: { set?: string[] }) => {
      const [{ assembleRun }, { recordedGit }, { parseOverride }] = await Promise.all([
        import('../../core/workflow/fragment.js'),
        import('../ci-context.js'),
        import('../../core/runner/params.js'),
      ]);
      const overrides = (flags.set ?? []).map(parseOverride);
      const { record, stored, missing } = await assembleRun(
        pipelineFile(),
        (git) => recordedGit(git),
        overrides,
      );
      const counts = new Map<string, number>();
      for (const result of Object.values(record.stages))
        counts.set(result.status, (counts.get(result.status) ?? 0) + 1);
      const summary = [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
      process.stderr.write(
        `Run ${record.status}: ${summary}. Run record: ${relative(process.cwd(), stored) || stored}${missing.length > 0 ? `\n  no job result for: ${missing.join(', ')}` : ''}\n`,
      );
      if (record.status !== 'success') process.exitCode = EXIT.failed;
    });
}

function parseRetention(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const days = Number(value);
  // GitHub accepts 1 to 90 days (up to the repository's setting).
  if (!Number.isInteger(days) || days < 1 || days > 90)
    throw new Cd4mlError(
      'E_USAGE',
      `--retention-days must be a whole number from 1 to 90, got '${value}'`,
      {
        hint: 'e.g. --retention-days 3',
      },
    );
  return days;
}
