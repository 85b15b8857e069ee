import type { Command } from 'commander';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { RunRecord } from '../../core/run-record/schema.js';
import { pipelineFileOption } from '../options.js';

interface RecordFlags {
  dir?: string;
  modelDir?: string;
  record?: string;
  file?: string;
  historyFrom?: string;
  history?: string;
  shadow?: string;
}

export function registerRecord(program: Command): void {
  program
    .command('record')
    .description(
      'Write the run artifact (cd4ml-run: record, metrics, plots data, predictions, stats, carried history) and/or the model artifact (cd4ml-model) for upload',
    )
    .option('--dir <dir>', 'write the cd4ml-run artifact here (format cd4ml/run-artifact@1)')
    .option('--model-dir <dir>', 'write the cd4ml-model artifact here (model.onnx + model card)')
    .option('--record <file>', 'the run record (default: cd4ml-run.json beside the pipeline file)')
    .option('-f, --file <path>', 'pipeline file (default: cd4ml.yaml, else dvc.yaml)')
    .option(
      '--history-from <dir|zip>',
      "the predecessor run's artifact (the base branch's previous push run), whose history this run carries forward",
    )
    .option(
      '--history <n>',
      "runs the history keeps (default: the policy's report.history, else 20)",
    )
    .option(
      '--shadow <file>',
      'live traffic on the candidate (cd4ml shadow report --json): the PR report shows it first',
    )
    .addHelpText(
      'after',
      '\nThe layout and its caps: docs/run-artifact.md. Exit codes: 0 written, 2 bad input.',
    )
    .action(async (flags: RecordFlags) => {
      const { Cd4mlError } = await import('../../core/errors.js');
      if (!flags.dir && !flags.modelDir) {
        throw new Cd4mlError('E_USAGE', 'nothing to write: pass --dir, --model-dir or both', {
          location: { file: '<command line>' },
          hint: 'e.g. cd4ml record --dir .cd4ml/artifact/run --model-dir .cd4ml/artifact/model',
        });
      }
      const pipelineFile = pipelineFileOption(flags.file);
      const root = dirname(pipelineFile);
      const recordFile = resolve(flags.record ?? join(root, 'cd4ml-run.json'));
      const { parseRunRecord } = await import('../../core/run-record/parse.js');
      let text: string;
      try {
        text = await readFile(recordFile, 'utf8');
      } catch (error) {
        throw new Cd4mlError(
          'E_USAGE',
          `cannot read the run record: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
          { location: { file: recordFile }, hint: 'run the pipeline first: `cd4ml run`' },
        );
      }
      const record = parseRunRecord(text, recordFile);
      const lines: string[] = [];
      if (flags.dir) {
        const writer = `cd4ml ${program.version() ?? ''}`.trim();
        lines.push(...(await writeRunDir(flags.dir, flags, pipelineFile, record, writer)));
      }
      if (flags.modelDir) {
        const { writeModelArtifact } = await import('../../core/run-artifact/model.js');
        const card = await writeModelArtifact(resolve(flags.modelDir), root, record);
        lines.push(
          `${relative(process.cwd(), resolve(flags.modelDir)) || '.'}: model.onnx (${card.bytes} bytes, sha256 ${card.sha256.slice(0, 12)}) + model card`,
        );
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

/** `--dir`: the cd4ml-run artifact; the lines saying what it holds. */
async function writeRunDir(
  dir: string,
  flags: RecordFlags,
  pipelineFile: string,
  record: RunRecord,
  writer: string,
): Promise<string[]> {
  const root = dirname(pipelineFile);
  const [{ loadPipeline }, { artifactFiles }, { writeRunArtifact }] = await Promise.all([
    import('../../core/pipeline/load.js'),
    import('../../core/run-artifact/files.js'),
    import('../../core/run-artifact/write.js'),
  ]);
  const manifest = await writeRunArtifact(resolve(dir), {
    root,
    record,
    files: artifactFiles(loadPipeline(pipelineFile), record),
    history: flags.historyFrom ? await carriedFrom(flags.historyFrom) : [],
    historyLimit: await historyLimit(root, flags.history),
    writer,
    ...(flags.shadow ? { shadow: await shadowFrom(flags.shadow) } : {}),
  });
  const bytes = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  return [
    `${relative(process.cwd(), resolve(dir)) || '.'}: cd4ml-run.json + ${manifest.files.length} files (${bytes} bytes)`,
    ...manifest.skipped.map((s) => `  skipped ${s.path} (${s.role}): ${s.reason}`),
  ];
}

/** The history a predecessor's artifact carries (its own entry included). */
async function carriedFrom(path: string) {
  const [{ Cd4mlError }, read, { toHistoryEntry }] = await Promise.all([
    import('../../core/errors.js'),
    import('../../core/run-artifact/read.js'),
    import('../../core/run-artifact/history.js'),
  ]);
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    throw new Cd4mlError(
      'E_USAGE',
      `cannot read --history-from: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      {
        location: { file: path },
        hint: "pass the predecessor push run's cd4ml-run artifact (a directory or its .zip), or leave the option out",
      },
    );
  }
  const artifact = isDirectory
    ? await read.readRunArtifactDir(path)
    : read.readRunArtifactZip(await readFile(path), path);
  return artifact.history ?? [toHistoryEntry(artifact.record)];
}

/** `--history`, else the workspace policy's `report.history`, else the default. */
async function historyLimit(root: string, flag: string | undefined): Promise<number> {
  const [{ Cd4mlError }, { DEFAULT_HISTORY_RUNS }, { parsePolicy, POLICY_PATH }] =
    await Promise.all([
      import('../../core/errors.js'),
      import('../../core/run-artifact/layout.js'),
      import('../../core/policy/parse.js'),
    ]);
  if (flag !== undefined) {
    const n = Number(flag);
    if (!Number.isInteger(n) || n < 0)
      throw new Cd4mlError('E_USAGE', `--history must be a whole number, got "${flag}"`, {
        location: { file: '<command line>', field: 'history' },
      });
    return n;
  }
  let text: string;
  try {
    text = await readFile(join(root, POLICY_PATH), 'utf8');
  } catch {
    return DEFAULT_HISTORY_RUNS;
  }
  return parsePolicy(text, POLICY_PATH).report.history;
}

async function shadowFrom(file: string) {
  const { readShadowSummaryFile } = await import('../../core/shadow/summary.js');
  return readShadowSummaryFile(resolve(file), '--shadow');
}
