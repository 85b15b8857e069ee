import { Command, CommanderError } from 'commander';
import { Cd4mlError } from '../core/errors.js';
import { registerCompare } from './commands/compare.js';
import { registerDag } from './commands/dag.js';
import { registerGc } from './commands/gc.js';
import { registerHistory } from './commands/history.js';
import { registerRecord } from './commands/record.js';
import { registerReproduce } from './commands/reproduce.js';
import { registerRollback } from './commands/rollback.js';
import { registerRun } from './commands/run.js';
import { registerStatus } from './commands/status.js';
import { registerShadow } from './commands/shadow.js';
import { registerUi } from './commands/ui.js';
import { registerWorkflow } from './commands/workflow.js';
import { EXIT, EXIT_CODES_HELP, exitCodeOf, isSystemError } from './exit.js';

/**
 * The `cd4ml` command tree. Each command lives in `commands/<name>.ts` and loads its
 * heavy modules lazily, so `cd4ml status` on a big repo starts as fast as node does.
 */
export function buildProgram(version: string): Command {
  const program = new Command('cd4ml')
    .description(
      'Continuous delivery for machine learning: pipelines, tracking, gates and serving.',
    )
    .version(version)
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('afterAll', EXIT_CODES_HELP)
    .exitOverride();
  registerRun(program);
  registerStatus(program);
  registerGc(program);
  registerDag(program);
  registerHistory(program);
  registerCompare(program);
  registerRollback(program);
  registerRecord(program);
  registerReproduce(program);
  registerWorkflow(program);
  registerUi(program);
  registerShadow(program);
  return program;
}

/** Runs the program and turns errors into a message and an exit code; never throws. */
export async function runProgram(program: Command, argv: readonly string[]): Promise<number> {
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit through here with code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof Cd4mlError) {
      process.stderr.write(`cd4ml: ${error.message}\n`);
      return exitCodeOf(error.code);
    }
    if (isSystemError(error)) {
      process.stderr.write(
        `cd4ml: ${error.message}\n  hint: the disk, a path or its permissions failed (${error.code}): fix that and run again\n`,
      );
      return EXIT.io;
    }
    process.stderr.write(
      `cd4ml: unexpected error (a bug in cd4ml: please report it with this output): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.internal;
  }
}
