import { stripVTControlCharacters } from 'node:util';
import { vi } from 'vitest';
import { buildProgram, runProgram } from './program.js';

/** Test helper: runs the CLI in-process and returns its exit code and what it printed, without colours. */
export async function runCli(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    process.exitCode = undefined;
    const code = await runProgram(buildProgram('test'), args);
    // Colours depend on the environment (picocolors turns them on when CI is set): compare text.
    return {
      code,
      stdout: stripVTControlCharacters(stdout),
      stderr: stripVTControlCharacters(stderr),
    };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}
