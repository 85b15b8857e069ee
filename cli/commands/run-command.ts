import { constants } from 'node:os';
import { Cd4mlError } from '../../core/errors.js';
import type { RunResult } from '../../core/runner/run.js';
import { EXIT } from '../exit.js';
import { parseJobs, pipelineFileOption } from '../options.js';
import { ciContext, recordedGit } from '../ci-context.js';
import type { Reporter } from '../progress.js';
import { printOutcome } from './run-output.js';

interface RunFlags {
  file?: string;
  jobs?: string;
  force?: boolean;
  keepGoing?: boolean;
  single?: boolean;
  set?: string[];
  wait?: boolean;
}

/** `cd4ml run`'s action: runs the stages, saves the run record, prints the outcome. */
export async function runCommand(stages: string[], flags: RunFlags): Promise<void> {
  const { file, jobs } = parseRunFlags(stages, flags);
  // The shells that start stages, started first: they come up while the rest loads.
  const processModule = import('../../core/runner/process.js');
  const shells = processModule.then((m) => new m.ShellPool().prestart(Math.min(jobs, 2)));
  try {
    // Ask git (and python) first: `dirty` must describe the tree before any stage writes
    // to it, and the answers come while the rest loads.
    const recordModule = import('../../core/runner/record.js');
    const context = recordModule.then((m) => m.startContext(file));
    const [
      { runPipeline },
      { buildRunRecord, saveRunRecord },
      { parseOverride },
      { killRunningGroups },
      progress,
    ] = await Promise.all([
      import('../../core/runner/run.js'),
      recordModule,
      import('../../core/runner/params.js'),
      processModule,
      import('../progress.js'),
    ]);
    const overrides = (flags.set ?? []).map(parseOverride);
    const reporter =
      process.stderr.isTTY && !process.env.CI
        ? (await import('../progress-tty.js')).ttyReporter()
        : progress.lineReporter();
    const result = await whileInterruptible(reporter, killRunningGroups, async () =>
      runPipeline({
        pipelineFile: file,
        targets: stages,
        jobs,
        force: flags.force,
        keepGoing: flags.keepGoing,
        single: flags.single,
        overrides,
        wait: flags.wait,
        onNotice: (message) => process.stderr.write(`cd4ml: ${message}\n`),
        onEvent: (e) => reporter.onEvent(e),
        shells: await shells,
      }),
    );
    const { git, env } = await context;
    const record = await buildRunRecord(result, {
      overrides,
      git: recordedGit(git),
      env,
      ...ciContext(),
    });
    const stored = await saveRunRecord(result.pipeline.root, record);
    await printOutcome(result, record, stored.dir);
    if (result.failures.length > 0) process.exitCode = EXIT.failed;
  } finally {
    // Also after bad input: idle shells would keep the process alive.
    (await shells).close();
  }
}

/** The checks a flag fails on by itself, before anything starts. */
function parseRunFlags(stages: string[], flags: RunFlags): { file: string; jobs: number } {
  if (flags.single && stages.length === 0)
    throw new Cd4mlError('E_USAGE', '--single needs the stages to run', {
      hint: 'e.g. cd4ml run --single train',
    });
  return { file: pipelineFileOption(flags.file), jobs: parseJobs(flags.jobs) };
}

/**
 * Runs `run` with the signal handlers that stop it. Closing the terminal (SIGHUP) stops a
 * run like Ctrl-C does; the shell workers see the runner's end on their pipe in any case,
 * even after a SIGKILL, and kill their stages.
 */
async function whileInterruptible(
  reporter: Reporter,
  killRunningGroups: () => void,
  run: () => Promise<RunResult>,
): Promise<RunResult> {
  const interrupt = (signal: NodeJS.Signals): void => {
    killRunningGroups();
    reporter.done();
    process.stderr.write(
      `cd4ml: interrupted by ${signal}; running stages were stopped and nothing they wrote was recorded (finished stages were)\n`,
    );
    // 128 + the signal's number, as shells report it: 129 SIGHUP, 130 SIGINT, 143 SIGTERM.
    process.exit(128 + (constants.signals[signal] ?? 2));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  process.once('SIGHUP', interrupt);
  try {
    return await run();
  } finally {
    reporter.done();
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    process.off('SIGHUP', interrupt);
  }
}
