import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Test helpers for the runner's fault tests: wait for a condition (a marker file written,
 * a process gone), never for a fixed time. Polls every few milliseconds up to `timeoutMs`,
 * which is only a bound for a test that would otherwise hang.
 */
export async function waitFor(
  condition: () => boolean,
  what = 'the condition',
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The `cd4ml` binary the fault tests start (the built bundle; CD4ML_TEST_CLI points elsewhere). */
export function cliPath(): string {
  return process.env.CD4ML_TEST_CLI ?? join(import.meta.dirname, '../../bin/cd4ml.js');
}

/** Alive and not a zombie. */
export function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
