import { spawn } from 'node:child_process';
import type { Env } from '../inputs.js';

/** Runs the CLI of the action's checkout in the workspace, its output in the job log. */
export function cd4ml(cli: string, args: string[], cwd: string, env: Env): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd,
      env: stageEnv(env),
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', fail);
    child.once('exit', (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
}

/**
 * The environment of `cd4ml` and so of the stages: the job's, without the step's inputs
 * (`INPUT_TOKEN` is a GitHub token; stage commands have no use for it).
 */
function stageEnv(env: Env): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { CI: 'true' };
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('INPUT_')) clean[name] = value;
  }
  return clean;
}
