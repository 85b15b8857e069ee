import type { ErrorCode } from '../core/errors.js';

/**
 * Exit codes shared by every command (the README's table). 1 is a result — a stage, the gate
 * or a reproduction failed — and never an error of cd4ml's; 2 is something the user can fix
 * in a file or a flag; 3 is the machine's side (a file that vanished or is damaged, git, the
 * disk, the network), where retrying or cleaning up may help; 4 is a bug in cd4ml.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, io: 3, internal: 4 } as const;

/** The README's table as `--help` prints it under every command (each adds its own meanings). */
export const EXIT_CODES_HELP = [
  '\nExit codes of every command:',
  `  ${EXIT.ok}  success`,
  `  ${EXIT.failed}  a result failed: a stage, the gate, a reproduction that differs`,
  `  ${EXIT.usage}  bad input: a file or a flag (the message says what to fix), or a busy workspace`,
  `  ${EXIT.io}  I/O: a file cd4ml keeps is damaged or vanished, or the disk, git or network failed`,
  `  ${EXIT.internal}  a bug in cd4ml: report the stack trace it prints`,
  '  128+N  stopped by signal N (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP)',
].join('\n');

/** The exit code of a command that stopped on an error with this code. */
export function exitCodeOf(code: ErrorCode): number {
  return code === 'E_IO' ? EXIT.io : EXIT.usage;
}

/**
 * An error Node raised for a system call (`ENOSPC`, `EACCES`, `EIO`…) that reached the top
 * without being worded: the machine's side, so exit 3 like `E_IO`, not a bug's 4.
 */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).syscall === 'string' &&
    typeof (error as NodeJS.ErrnoException).code === 'string'
  );
}

/**
 * `cd4ml … | head`: once the reader has closed the pipe, output stops and the command goes
 * on to its end (and its own clean-up) with its own exit code, instead of dying on Node's
 * unhandled `EPIPE` with a stack trace. Any other stream error is still thrown.
 */
export function ignoreClosedPipes(streams: readonly NodeJS.WriteStream[]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
      throw error;
    });
  }
}
