import { execFile } from 'node:child_process';
import { Cd4mlError } from '../errors.js';

/** The result of one git command: its output, or the failure with git's own words. */
export interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/**
 * Runs git in `cwd` with `input` on stdin. Never throws for a failing command (callers
 * decide: a rejected push is an answer); throws `E_IO` when git cannot be started.
 */
export function runGit(
  cwd: string,
  args: readonly string[],
  opts: { input?: string; env?: Record<string, string> } = {},
): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      { cwd, env: { ...process.env, ...opts.env }, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code === 'string') {
          reject(
            new Cd4mlError('E_IO', `cannot run git: ${error.code}`, {
              hint: 'is git installed and on PATH?',
            }),
          );
          return;
        }
        resolve({ ok: !error, stdout, stderr });
      },
    );
    // A command that reads no stdin may exit before we write: that is not an error.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(opts.input ?? '');
  });
}

/** Like `runGit`, but a failure is an `E_IO` naming the command and git's message. */
export async function git(
  cwd: string,
  args: readonly string[],
  opts: { input?: string; env?: Record<string, string> } = {},
): Promise<string> {
  const result = await runGit(cwd, args, opts);
  if (!result.ok) {
    throw new Cd4mlError(
      'E_IO',
      `git ${args[0] ?? ''} failed: ${result.stderr.trim() || 'no message'}`,
      {
        location: { file: cwd },
      },
    );
  }
  return result.stdout;
}
