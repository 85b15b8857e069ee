import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import pc from 'picocolors';
import { Cd4mlError } from '../../core/errors.js';
import { EXIT } from '../exit.js';
import { pipelineFileOption } from '../options.js';

export interface WorkflowFlags {
  file?: string;
  out?: string;
  check?: boolean;
  branch?: string;
  cli?: string;
  retentionDays?: string;
}

/** `cd4ml workflow`'s action: compiles the pipeline, then prints, checks or writes the file. */
export async function workflowCommand(flags: WorkflowFlags, version: string): Promise<void> {
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
    version,
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
    await checkWorkflow(generated, shown);
    return;
  }
  mkdirSync(dirname(generated.out), { recursive: true });
  writeFileSync(generated.out, generated.text);
  process.stderr.write(
    `Wrote ${shown} (${(Buffer.byteLength(generated.text) / 1000).toFixed(1)} KB). Commit it; CI can keep it current with \`${generated.command} --check\`.\n`,
  );
}

/** `--check`: the committed file against what the pipeline compiles to; exit 1 when stale. */
async function checkWorkflow(
  generated: { out: string; text: string; command: string },
  shown: string,
): Promise<void> {
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
