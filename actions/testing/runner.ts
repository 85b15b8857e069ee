/**
 * Runs an action's bundle the way GitHub's runner does: `node dist/actions/<name>.js` with
 * its inputs as `INPUT_*`, the `GITHUB_*` context, and files for `GITHUB_OUTPUT`,
 * `GITHUB_STEP_SUMMARY` and the event payload; returns what the step left behind.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { CHECKOUT, REPOSITORY } from './project.js';
import { parseOutputs } from '../../core/testing/workflow-runner.js';

export interface StepResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export interface StepOptions {
  /** `dist/actions/<bundle>.js`, or a path to run. */
  bundle: string;
  args?: string[];
  /** Input name → value, as `with:` gives them. */
  inputs?: Record<string, string>;
  /** Extra or overriding environment (GITHUB_* included). */
  env?: Record<string, string>;
  workspace: string;
  apiUrl: string;
  eventName: string;
  payload: unknown;
  /** Run with this instead of the inputs' INPUT_<NAME> (composite `run:` steps use `_`). */
  inputStyle?: 'runner' | 'composite';
}

export async function runStep(options: StepOptions): Promise<StepResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'cd4ml-step-'));
  try {
    const files = {
      output: join(scratch, 'output'),
      summary: join(scratch, 'summary'),
      event: join(scratch, 'event.json'),
    };
    writeFileSync(files.output, '');
    writeFileSync(files.summary, '');
    writeFileSync(files.event, JSON.stringify(options.payload));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? scratch,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: REPOSITORY,
      GITHUB_EVENT_NAME: options.eventName,
      GITHUB_EVENT_PATH: files.event,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_API_URL: options.apiUrl,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '4242',
      GITHUB_WORKFLOW_REF: `${REPOSITORY}/.github/workflows/ml.yml@refs/heads/main`,
      RUNNER_TEMP: scratch,
    };
    for (const [name, value] of Object.entries(options.inputs ?? {})) {
      const key = `INPUT_${name.toUpperCase()}`;
      env[options.inputStyle === 'composite' ? key.replace(/-/g, '_') : key] = value;
    }
    Object.assign(env, options.env);
    const child = spawn(
      process.execPath,
      [
        isAbsolute(options.bundle) ? options.bundle : join(CHECKOUT, options.bundle),
        ...(options.args ?? []),
      ],
      {
        cwd: options.workspace,
        env,
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exitCode = await new Promise<number>((done) =>
      child.once('close', (code) => done(code ?? 1)),
    );
    return {
      exitCode,
      stdout,
      stderr,
      outputs: parseOutputs(readFileSync(files.output, 'utf8')),
      summary: readFileSync(files.summary, 'utf8'),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
