import type { Command } from 'commander';
import { availableParallelism, constants } from 'node:os';
import { relative } from 'node:path';
import pc from 'picocolors';
import { Cd4mlError } from '../../core/errors.js';
import { EXIT } from '../exit.js';
import { parseJobs, pipelineFileOption } from '../options.js';
import { logTail } from '../log-tail.js';
import { ciContext, recordedGit } from '../ci-context.js';

interface RunFlags {
  file?: string;
  jobs?: string;
  force?: boolean;
  keepGoing?: boolean;
  single?: boolean;
  set?: string[];
  wait?: boolean;
}

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
    .action(async (stages: string[], flags: RunFlags) => {
      if (flags.single && stages.length === 0)
        throw new Cd4mlError('E_USAGE', '--single needs the stages to run', {
          hint: 'e.g. cd4ml run --single train',
        });
      const file = pipelineFileOption(flags.file);
      const jobs = parseJobs(flags.jobs);
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
        // Closing the terminal (SIGHUP) stops a run like Ctrl-C does; the shell workers see the
        // runner's end on their pipe in any case, even after a SIGKILL, and kill their stages.
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
        let result;
        try {
          result = await runPipeline({
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
          });
        } finally {
          reporter.done();
          process.off('SIGINT', interrupt);
          process.off('SIGTERM', interrupt);
          process.off('SIGHUP', interrupt);
        }
        const { git, env } = await context;
        const record = await buildRunRecord(result, {
          overrides,
          git: recordedGit(git),
          env,
          ...ciContext(),
        });
        const stored = await saveRunRecord(result.pipeline.root, record);
        for (const failure of result.failures) {
          const tail = logTail(failure.logFile);
          process.stderr.write(`\n${pc.red('✖')} ${failure.message}\n`);
          if (tail)
            process.stderr.write(
              `${pc.dim(`── last lines of ${relative(process.cwd(), failure.logFile)} ──`)}\n${tail}\n`,
            );
        }
        const counts = Object.values(result.stages).reduce<Record<string, number>>(
          (acc, s) => ({ ...acc, [s.status]: (acc[s.status] ?? 0) + 1 }),
          {},
        );
        const summary = Object.entries(counts)
          .map(([status, n]) => `${n} ${status}`)
          .join(', ');
        const took = ((result.finishedAt.getTime() - result.startedAt.getTime()) / 1000).toFixed(1);
        process.stderr.write(
          `\n${result.failures.length > 0 ? pc.red('Pipeline failed') : pc.green('Pipeline succeeded')}: ${summary} in ${took}s. Run record: ${relative(process.cwd(), stored.dir)}\n`,
        );
        const { formatBytes, formatNumber } = await import('../../core/compare/format.js');
        const headline = Object.entries(record.metrics)
          .slice(0, 4)
          .map(([name, value]) => `${name} ${formatNumber(value)}`);
        if (record.champion)
          headline.unshift(
            `champion ${record.champion} of ${Object.keys(record.candidates).length}`,
          );
        if (record.model)
          headline.push(
            `${record.model.path} ${formatBytes(record.model.bytes)}${record.model.latency ? `, p95 ${record.model.latency.p95Ms} ms` : ''}`,
          );
        if (headline.length > 0) process.stderr.write(`${pc.dim(headline.join(' · '))}\n`);
        if (result.failures.length > 0) process.exitCode = EXIT.failed;
      } finally {
        // Also after bad input: idle shells would keep the process alive.
        (await shells).close();
      }
    });
}
