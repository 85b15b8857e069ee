import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Cd4mlError } from '../core/errors.js';
import { EXIT, EXIT_CODES_HELP } from './exit.js';
import { runProgram } from './program.js';

/** A program whose one command fails the way `fail` says, to read the exit code it maps to. */
function failing(fail: () => never): Command {
  const program = new Command('cd4ml').exitOverride();
  program
    .command('go')
    .exitOverride()
    .action(() => fail());
  return program;
}

describe('exit codes', () => {
  afterEach(() => vi.restoreAllMocks());

  it('--help states every exit code and what it means', () => {
    for (const code of Object.values(EXIT))
      expect(EXIT_CODES_HELP).toMatch(new RegExp(`\\n  ${code}  \\S`));
  });

  it.each([
    ['bad input (a file or a flag)', 'E_SPEC', EXIT.usage],
    ['bad usage', 'E_USAGE', EXIT.usage],
    ['a damaged or vanished file', 'E_IO', EXIT.io],
  ] as const)('%s exits %i', async (_, code, expected) => {
    const stderr = vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    const exit = await runProgram(
      failing(() => {
        throw new Cd4mlError(code, 'it went wrong', { hint: 'do this' });
      }),
      ['go'],
    );
    expect(exit).toBe(expected);
    expect(stderr).toHaveBeenCalledWith('cd4ml: it went wrong\n  hint: do this\n');
  });

  it('an error that is not ours is a bug: exit 4, and says to report it', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    const exit = await runProgram(
      failing(() => {
        throw new TypeError('x is undefined');
      }),
      ['go'],
    );
    expect(exit).toBe(EXIT.internal);
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(
      /^cd4ml: unexpected error \(a bug in cd4ml: please report it with this output\): TypeError: x is undefined/,
    );
  });

  it('a system call that failed (the disk, a path, permissions) is I/O: exit 3, with the call and a hint', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    const missing = join(tmpdir(), 'cd4ml-exit-test-missing', 'file.txt');
    const exit = await runProgram(
      failing(() => {
        readFileSync(missing);
        throw new Error('unreachable');
      }),
      ['go'],
    );
    expect(exit).toBe(EXIT.io);
    expect(String(stderr.mock.calls[0]?.[0])).toBe(
      `cd4ml: ENOENT: no such file or directory, open '${missing}'\n  hint: the disk, a path or its permissions failed (ENOENT): fix that and run again\n`,
    );
  });

  it('an unknown option is bad input: exit 2', async () => {
    vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    const exit = await runProgram(
      failing(() => {
        throw new Error('unreachable');
      }),
      ['go', '--nope'],
    );
    expect(exit).toBe(EXIT.usage);
  });
});
