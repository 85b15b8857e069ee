/**
 * Runs a composite action's steps in order the way the runner does, for tests: `run:`
 * steps with bash (each with its own GITHUB_OUTPUT; `${{ }}` expressions substituted,
 * `if:` evaluated), and `uses:` steps through local stand-ins the test passes. The
 * expression support is what cd4ml's action.yml files use: `inputs.*`, `steps.*.outputs.*`,
 * `github.*`, `runner.*`, `env.*`, `hashFiles`, `format`, `always()`, `==`, `!=`, `&&`, `||`, `!`.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { CHECKOUT } from './project.js';
import { parseOutputs } from '../../core/testing/workflow-runner.js';

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  'working-directory'?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}

interface ActionYaml {
  inputs?: Record<string, { default?: string }>;
  outputs?: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

/** A stand-in for a `uses:` action: gets its evaluated `with:`, returns its outputs. */
export type StandIn = (
  inputs: Record<string, string>,
  context: StepContext,
) => Record<string, string | undefined>;

export interface StepContext {
  workspace: string;
  env: Record<string, string>;
}

export interface CompositeRun {
  outputs: Record<string, string>;
  /** `id or name → outcome` of every step, in order: `success`, `failure` or `skipped`. */
  steps: [string, 'success' | 'failure' | 'skipped'][];
  summary: string;
  /** Seconds each step took, by id or name. */
  seconds: Map<string, number>;
  /** Combined stdout and stderr of the run steps. */
  log: string;
  conclusion: 'success' | 'failure';
}

export interface CompositeOptions {
  /** The action's directory ($GITHUB_ACTION_PATH). */
  actionPath: string;
  /** `with:` of the user's step. */
  with?: Record<string, string>;
  /** The job's environment: GITHUB_*, RUNNER_*, PATH… */
  env: Record<string, string>;
  workspace: string;
  /** Stand-ins by `uses:` without the version (`actions/cache`, `actions/cache/restore`…). */
  standIns: Record<string, StandIn>;
}

export async function runComposite(options: CompositeOptions): Promise<CompositeRun> {
  const action = parse(readFileSync(join(options.actionPath, 'action.yml'), 'utf8')) as ActionYaml;
  const inputs: Record<string, string> = {};
  const scratch = mkdtempSync(join(tmpdir(), 'cd4ml-composite-'));
  const summaryFile = join(scratch, 'summary.md');
  writeFileSync(summaryFile, '');
  const steps: Record<string, { outputs: Record<string, string | undefined>; outcome: string }> =
    {};
  const result: CompositeRun = {
    outputs: {},
    steps: [],
    summary: '',
    seconds: new Map(),
    log: '',
    conclusion: 'success',
  };
  const context = (): Context => ({
    inputs,
    steps,
    github: {
      action_path: options.actionPath,
      workspace: options.workspace,
      token: options.env.GITHUB_TOKEN ?? 'ghs_test',
      event_name: options.env.GITHUB_EVENT_NAME ?? 'push',
      sha: options.env.GITHUB_SHA ?? '',
      ref: options.env.GITHUB_REF ?? '',
      repository: options.env.GITHUB_REPOSITORY ?? '',
    },
    runner: { os: 'Linux', arch: 'X64', temp: scratch },
    env: options.env,
    workspace: options.workspace,
    failed: result.conclusion === 'failure',
  });
  for (const [name, spec] of Object.entries(action.inputs ?? {})) {
    inputs[name] = options.with?.[name] ?? substitute(String(spec.default ?? ''), context());
  }
  try {
    for (const [index, step] of action.runs.steps.entries()) {
      const key = step.id ?? step.name ?? `step ${index}`;
      const condition = step.if ?? 'success()';
      if (!truthy(evaluate(condition.replace(/^\$\{\{|\}\}$/g, ''), context()))) {
        result.steps.push([key, 'skipped']);
        if (step.id) steps[step.id] = { outputs: {}, outcome: 'skipped' };
        continue;
      }
      const started = performance.now();
      let outputs: Record<string, string | undefined> = {};
      let ok = true;
      const env: Record<string, string> = {
        ...options.env,
        GITHUB_ACTION_PATH: options.actionPath,
        GITHUB_STEP_SUMMARY: summaryFile,
      };
      for (const [name, value] of Object.entries(step.env ?? {}))
        env[name] = substitute(String(value), context());
      if (step.uses) {
        const standIn = options.standIns[step.uses.split('@')[0]!];
        if (!standIn) throw new Error(`no stand-in for ${step.uses}`);
        const withs: Record<string, string> = {};
        for (const [name, value] of Object.entries(step.with ?? {}))
          withs[name] = substitute(String(value), context());
        try {
          outputs = standIn(withs, { workspace: options.workspace, env });
        } catch (error) {
          ok = false;
          result.log += `${key}: ${String(error)}\n`;
        }
      } else {
        const outputFile = join(scratch, `output-${index}`);
        writeFileSync(outputFile, '');
        const cwd = resolve(
          options.workspace,
          substitute(step['working-directory'] ?? '.', context()),
        );
        // Asynchronously: the test's stand-in for api.github.com answers from this process.
        const child = spawn(
          'bash',
          ['--noprofile', '--norc', '-eo', 'pipefail', '-c', substitute(step.run ?? '', context())],
          { cwd, env: { ...env, GITHUB_OUTPUT: outputFile } },
        );
        child.stdout.on('data', (chunk: Buffer) => (result.log += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (result.log += chunk.toString()));
        const status = await new Promise<number | null>((done) => child.once('close', done));
        ok = status === 0;
        outputs = parseOutputs(readFileSync(outputFile, 'utf8'));
      }
      result.seconds.set(key, (performance.now() - started) / 1000);
      result.steps.push([key, ok ? 'success' : 'failure']);
      if (step.id) steps[step.id] = { outputs, outcome: ok ? 'success' : 'failure' };
      if (!ok) result.conclusion = 'failure';
    }
    for (const [name, spec] of Object.entries(action.outputs ?? {}))
      result.outputs[name] = substitute(spec.value, context());
    result.summary = readFileSync(summaryFile, 'utf8');
    return result;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

interface Context {
  inputs: Record<string, string>;
  steps: Record<string, { outputs: Record<string, string | undefined>; outcome: string }>;
  github: Record<string, string>;
  runner: Record<string, string>;
  env: Record<string, string>;
  workspace: string;
  failed: boolean;
}

function substitute(template: string, context: Context): string {
  return template.replace(/\$\{\{(.*?)\}\}/gs, (_, expression: string) =>
    text(evaluate(expression, context)),
  );
}

/** An expression's value as GitHub puts it in a string: '' for null and undefined. */
function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function truthy(value: unknown): boolean {
  return value !== '' && value !== false && value !== 0 && value !== null && value !== undefined;
}

/** GitHub's hashFiles: sha256 over the sha256 of each matched file ('' when none match). */
function hashFiles(workspace: string, ...paths: string[]): string {
  const files = paths.map((p) => resolve(workspace, p)).filter((p) => existsSync(p));
  if (files.length === 0) return '';
  const outer = createHash('sha256');
  for (const file of files) outer.update(createHash('sha256').update(readFileSync(file)).digest());
  return outer.digest('hex');
}

function evaluate(expression: string, context: Context): unknown {
  const js = expression
    .replace(
      /\b(inputs|github|runner|env)\.([A-Za-z0-9_-]+)/g,
      (_, scope: string, name: string) => `c.${scope}[${JSON.stringify(name)}]`,
    )
    .replace(
      /\bsteps\.([A-Za-z0-9_-]+)\.(outputs|outcome)(?:\.([A-Za-z0-9_-]+))?/g,
      (_, id: string, kind: string, name?: string) =>
        kind === 'outcome'
          ? `(c.steps[${JSON.stringify(id)}]?.outcome ?? '')`
          : `(c.steps[${JSON.stringify(id)}]?.outputs[${JSON.stringify(name)}] ?? '')`,
    )
    .replace(/\balways\(\)/g, 'true')
    .replace(/\bsuccess\(\)/g, '!c.failed')
    .replace(/\bfailure\(\)/g, 'c.failed')
    .replace(/\bhashFiles\(/g, 'hash(c.workspace, ')
    .replace(/\bformat\(/g, 'fmt(')
    .replace(/==/g, '===')
    .replace(/!===/g, '!==');
  const fmt = (template: string, ...args: unknown[]): string =>
    template.replace(/\{(\d+)\}/g, (_, i: string) => text(args[Number(i)]));
  // The expression is from our own action.yml files, translated to JavaScript above.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const run = new Function('c', 'hash', 'fmt', `return (${js});`) as (
    c: Context,
    hash: typeof hashFiles,
    f: typeof fmt,
  ) => unknown;
  return run(context, hashFiles, fmt);
}

/**
 * Stand-ins for the actions cd4ml's composite uses, over directories: caches under
 * `<caches>/<key>/` (exact key, else the newest restore-keys prefix match, like
 * actions/cache), artifacts under `<artifacts>/<run id>/<name>/`, and cd4ml's own
 * node_modules as a cache hit (a link to this checkout's). `saved` collects saved keys.
 */
export function directoryStandIns(dirs: {
  caches: string;
  artifacts: string;
  saved: string[];
}): Record<string, StandIn> {
  const { caches, artifacts, saved } = dirs;
  return {
    'actions/setup-node': () => ({}),
    // cd4ml's own node_modules: a hit (as in every job after the first on a lockfile).
    'actions/cache': (inputs) => {
      if (!/^cd4ml-deps-Linux-X64-\d+-[0-9a-f]{16}$/.test(inputs.key ?? '')) {
        throw new Error(`unexpected dependency cache key "${inputs.key}"`);
      }
      if (!existsSync(inputs.path!)) symlinkSync(join(CHECKOUT, 'node_modules'), inputs.path!);
      return { 'cache-hit': 'true' };
    },
    'actions/cache/restore': (inputs, { workspace }) => {
      const keys = existsSync(caches) ? readdirSync(caches) : [];
      const prefixes = (inputs['restore-keys'] ?? '')
        .split('\n')
        .map((k) => k.trim())
        .filter(Boolean);
      const newest = (ks: string[]) =>
        ks.sort((a, b) => statSync(join(caches, b)).mtimeMs - statSync(join(caches, a)).mtimeMs)[0];
      const matched = keys.includes(inputs.key!)
        ? inputs.key!
        : newest(keys.filter((k) => prefixes.some((p) => k.startsWith(p))));
      if (!matched) return { 'cache-hit': 'false' };
      cpSync(join(caches, matched), resolve(workspace, inputs.path!), { recursive: true });
      return {
        'cache-hit': String(matched === inputs.key),
        'cache-primary-key': inputs.key!,
        'cache-matched-key': matched,
      };
    },
    'actions/cache/save': (inputs, { workspace }) => {
      saved.push(inputs.key!);
      if (existsSync(join(caches, inputs.key!))) throw new Error(`cache ${inputs.key} exists`);
      // actions/cache/save warns and saves nothing when the path does not exist.
      if (!existsSync(resolve(workspace, inputs.path!))) return {};
      cpSync(resolve(workspace, inputs.path!), join(caches, inputs.key!), { recursive: true });
      return {};
    },
    'actions/upload-artifact': (inputs, { workspace, env }) => {
      const from = resolve(workspace, inputs.path!);
      const to = join(artifacts, env.GITHUB_RUN_ID!, inputs.name!);
      const files = uploadedFiles(from, inputs['include-hidden-files'] === 'true');
      if (files.length === 0) throw new Error(`no files at ${inputs.path}`);
      // Names are unique within a run, across its attempts: a re-run's upload of the same
      // name fails (409 Conflict) unless `overwrite` deletes the earlier artifact first.
      if (existsSync(to)) {
        if (inputs.overwrite !== 'true')
          throw new Error(
            `Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: an artifact with this name already exists on the workflow run`,
          );
        rmSync(to, { recursive: true });
      }
      for (const file of files) cpSync(join(from, file), join(to, file), { recursive: true });
      return { 'artifact-id': '1' };
    },
  };
}

/**
 * The files upload-artifact v4 takes from a directory, relative to it: @actions/glob
 * skips every entry whose name starts with `.` (the directory given included) unless
 * `include-hidden-files` is set.
 */
function uploadedFiles(root: string, includeHidden: boolean): string[] {
  const hidden = (name: string) => !includeHidden && name.startsWith('.');
  if (!existsSync(root) || hidden(basename(root))) return [];
  if (!statSync(root).isDirectory()) return [''];
  const walk = (dir: string, prefix: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .filter((entry) => !hidden(entry.name))
      .flatMap((entry) =>
        entry.isDirectory()
          ? walk(join(dir, entry.name), `${prefix}${entry.name}/`)
          : [`${prefix}${entry.name}`],
      );
  return walk(root, '');
}
