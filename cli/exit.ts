import type { ErrorCode } from '../core/errors.js';

/**
 * Exit codes shared by every command (the README's table). 1 is a result — a stage, the gate
 * or a reproduction failed — and never an error of cd4ml's; 2 is something the user can fix
 * in a file or a flag; 3 is the machine's side (a file that vanished or is damaged, git, the
 * disk, the network), where retrying or cleaning up may help; 4 is a bug in cd4ml.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, io: 3, internal: 4 } as const;

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
