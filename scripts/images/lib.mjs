// Shared by scripts/images*.mjs: processes, buildah, the cache directory, waiting.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** buildah's storage as the release action's CI run uses it (no overlay, no daemon). */
export const STORAGE = ['--storage-driver', 'vfs'];

/** Where downloads and the Debian root filesystem are kept between runs. */
export function cacheDir(...parts) {
  const dir = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'cd4ml', ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Runs `cmd args`, resolving { code, stdout, stderr }; rejects with the command and its
 * stderr when it exits non-zero (unless `allowFail`).
 */
export function run(cmd, args, { allowFail = false, input, env, cwd, quiet = true } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      env: env ?? process.env,
      cwd,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      if (!quiet) process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!quiet) process.stderr.write(d);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 && !allowFail) {
        reject(
          new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${stderr.trim().slice(-4000)}`),
        );
      } else resolve({ code, stdout, stderr });
    });
    if (input !== undefined) {
      child.stdin.on('error', () => {}); // exited before reading: its exit code says why
      child.stdin.end(input);
    }
  });
}

export const buildah = (args, opts) => run('buildah', [...STORAGE, ...args], opts);

/** A TCP port nobody listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` (async, truthy = done) every 50 ms until `timeoutMs`; throws `what` on timeout. */
export async function waitFor(probe, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await probe().catch(() => undefined);
    if (result) return result;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A check's outcome, printed as it happens; failures are collected for the exit code. */
export class Checks {
  failures = [];
  ok(cond, what, detail = '') {
    if (cond) process.stdout.write(`  ok   ${what}\n`);
    else {
      this.failures.push(`${what}${detail ? `: ${detail}` : ''}`);
      process.stdout.write(`  FAIL ${what}${detail ? `: ${detail}` : ''}\n`);
    }
    return cond;
  }
}
