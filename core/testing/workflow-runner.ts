import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/**
 * A local stand-in for GitHub's runner, for tests of generated workflows: runs the jobs of
 * a workflow in `needs` order, each matrix leg in a fresh copy of `repo` (the checkout),
 * with artifacts kept as directories. It runs `run:` steps with bash and imitates the
 * handful of actions a cd4ml workflow uses: checkout (copy), download-artifact (by name,
 * or by pattern with merge-multiple), upload-artifact (v4 layout: the files under the
 * least common ancestor of the listed paths), and cache (restore by key or restore-keys
 * prefix, save after a successful job, `hashFiles` evaluated) when given a cache
 * directory; setup-* and local actions are no-ops. The root action (`cd4ml/cd4ml@…`,
 * what the final job records with) runs for real: its pipeline step's bundle
 * (`dist/actions/pipeline.js` of `actionPath`) with the step's `with:` as `INPUT_*`, the
 * job's `GITHUB_STEP_SUMMARY`, its own `GITHUB_OUTPUT` and the job's environment (point
 * `GITHUB_API_URL` at a local api.github.com stand-in for the baseline), then the
 * composite's uploads of `run-dir`/`model-dir` and its failure on `status: failed`.
 * Expressions: `matrix.*`, `runner.os`, and `!cancelled()` in `if:`; nothing else.
 */
export interface LocalRun {
  /** Each job's conclusion, by id. */
  jobs: Map<string, 'success' | 'failure' | 'skipped'>;
  /** Artifact name → directory with its files. */
  artifacts: Map<string, string>;
  /** The workspace each job (its last matrix leg) ended with, by job id. */
  workspaces: Map<string, string>;
  /** Every step that ran, as `job (leg): step → outcome`, for assertion messages. */
  log: string[];
  /** What each job (its last matrix leg) wrote to `GITHUB_STEP_SUMMARY`, by job id. */
  summaries: Map<string, string>;
  /** The outputs of the root action's step, by job id. */
  outputs: Map<string, Record<string, string>>;
  /** Removes every temporary directory. */
  cleanup: () => void;
}

type Step = {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
};
type Job = {
  needs?: string[];
  if?: string;
  strategy?: { matrix?: { include?: Array<Record<string, string>> } };
  env?: Record<string, string>;
  steps: Step[];
};
type Workflow = {
  env?: Record<string, string>;
  defaults?: { run?: { 'working-directory'?: string } };
  jobs: Record<string, Job>;
};

export interface LocalRunOptions {
  env?: Record<string, string>;
  /** A directory that keeps actions/cache entries across runs; without it, caches are no-ops. */
  cache?: string;
  /** The root action's checkout (with `dist/`). Default this repository. */
  actionPath?: string;
  /** A `workflow_dispatch`'s inputs (`${{ inputs.<name> }}`); absent ones are empty, as on other events. */
  inputs?: Record<string, string>;
}

const THIS_CHECKOUT = fileURLToPath(new URL('../../', import.meta.url));

export async function runWorkflowLocally(
  workflowText: string,
  repo: string,
  opts: LocalRunOptions = {},
): Promise<LocalRun> {
  const workflow = parse(workflowText) as Workflow;
  const scratch = mkdtempSync(join(tmpdir(), 'cd4ml-local-run-'));
  const store = join(scratch, 'artifacts');
  mkdirSync(store);
  const result: LocalRun = {
    jobs: new Map(),
    artifacts: new Map(),
    workspaces: new Map(),
    log: [],
    summaries: new Map(),
    outputs: new Map(),
    cleanup: () => rmSync(scratch, { recursive: true, force: true }),
  };
  const pending = new Map(Object.entries(workflow.jobs));
  let legCount = 0;
  while (pending.size > 0) {
    const ready = [...pending].find(([, job]) =>
      (job.needs ?? []).every((need) => result.jobs.has(need)),
    );
    if (!ready)
      throw new Error(
        `jobs wait on each other or on missing jobs: ${[...pending.keys()].join(', ')}`,
      );
    const [id, job] = ready;
    pending.delete(id);
    const needsOk = (job.needs ?? []).every((need) => result.jobs.get(need) === 'success');
    if (!needsOk && !always(job.if)) {
      result.jobs.set(id, 'skipped');
      result.log.push(`${id}: skipped`);
      continue;
    }
    const legs = job.strategy?.matrix?.include ?? [{}];
    let conclusion: 'success' | 'failure' = 'success';
    for (const matrix of legs) {
      const label =
        Object.keys(matrix).length > 0 ? `${id} (${matrix.stage ?? JSON.stringify(matrix)})` : id;
      const ws = join(scratch, `job-${(legCount += 1)}`);
      const summary = join(scratch, `summary-${legCount}.md`);
      writeFileSync(summary, '');
      const sub = (text: string): string =>
        text
          .replace(/\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g, (_, key: string) => matrix[key] ?? '')
          .replace(/\$\{\{\s*runner\.os\s*\}\}/g, 'Linux')
          .replace(
            /\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g,
            (_, key: string) => opts.inputs?.[key] ?? '',
          );
      const env: Record<string, string> = {
        ...(process.env as Record<string, string>),
        ...Object.fromEntries(
          Object.entries(workflow.env ?? {}).map(([k, v]) => [k, sub(String(v))]),
        ),
        ...Object.fromEntries(Object.entries(job.env ?? {}).map(([k, v]) => [k, sub(String(v))])),
        ...opts.env,
        GITHUB_STEP_SUMMARY: summary,
      };
      const workdir = workflow.defaults?.run?.['working-directory'] ?? '.';
      let failed = false;
      const posts: Array<() => string> = [];
      const outputs: Record<string, string> = {};
      const context: StepContext = {
        ws,
        workdir,
        env,
        sub,
        repo,
        store,
        artifacts: result.artifacts,
        posts,
        outputs,
        actionPath: opts.actionPath ?? THIS_CHECKOUT,
        scratch,
      };
      for (const step of job.steps) {
        const name = step.name ?? step.uses ?? step.run ?? '?';
        if (failed && !always(step.if)) {
          result.log.push(`${label}: ${name} → skipped`);
          continue;
        }
        const outcome = await runStep(step, context, opts.cache);
        result.log.push(`${label}: ${name} → ${outcome === true ? 'ok' : `failed: ${outcome}`}`);
        if (outcome !== true) failed = true;
      }
      // Post steps (actions/cache saves), which run only after a successful job.
      if (!failed) for (const post of posts.reverse()) result.log.push(`${label}: ${post()}`);
      result.workspaces.set(id, ws);
      result.summaries.set(id, readFileSync(summary, 'utf8'));
      if (Object.keys(outputs).length > 0) result.outputs.set(id, outputs);
      if (failed) conclusion = 'failure';
    }
    result.jobs.set(id, conclusion);
  }
  return result;
}

function always(condition: string | undefined): boolean {
  return condition !== undefined && /!\s*cancelled\(\)|always\(\)/.test(condition);
}

interface StepContext {
  ws: string;
  workdir: string;
  env: Record<string, string>;
  sub: (text: string) => string;
  repo: string;
  store: string;
  artifacts: Map<string, string>;
  posts: Array<() => string>;
  /** Outputs of the root action's step. */
  outputs: Record<string, string>;
  actionPath: string;
  scratch: string;
}

async function runStep(
  step: Step,
  context: StepContext,
  cacheDir: string | undefined,
): Promise<true | string> {
  const { ws, workdir, env, sub, repo, artifacts, posts } = context;
  const input = (key: string): string | undefined => {
    const value = step.with?.[key];
    return value === undefined
      ? undefined
      : sub(typeof value === 'string' ? value : JSON.stringify(value));
  };
  if (step.run !== undefined) {
    const cwd = join(ws, workdir);
    const done = spawnSync('bash', ['-e', '-c', sub(step.run)], { cwd, env, encoding: 'utf8' });
    return done.status === 0
      ? true
      : `exit ${done.status ?? done.signal}: ${(done.stderr || done.stdout).trim().split('\n').slice(-5).join(' | ')}`;
  }
  const uses = step.uses ?? '';
  if (uses.startsWith('actions/checkout@')) {
    cpSync(repo, ws, { recursive: true });
    const ref = input('ref');
    if (ref) spawnSync('git', ['checkout', '-q', '-f', '--detach', ref], { cwd: ws });
    return true;
  }
  if (uses.startsWith('actions/download-artifact@')) {
    const target = join(ws, input('path') ?? '.');
    const name = input('name');
    const names = name
      ? [name]
      : [...artifacts.keys()].filter((n) => glob(input('pattern') ?? '*').test(n)).sort();
    if (name && !artifacts.has(name)) return `artifact '${name}' not found`;
    const merge = input('merge-multiple') === 'true';
    for (const n of names)
      cpSync(artifacts.get(n)!, name || merge ? target : join(target, n), { recursive: true });
    return true;
  }
  if (uses.startsWith('actions/upload-artifact@')) {
    return upload(context, {
      name: input('name') ?? 'artifact',
      path: input('path') ?? '',
      errorIfNone: input('if-no-files-found') === 'error',
      overwrite: input('overwrite') === 'true',
    });
  }
  if (uses.startsWith('cd4ml/cd4ml@')) return rootAction(step, context, input);
  if (uses.startsWith('actions/cache@') && cacheDir !== undefined) {
    const key = hashFilesIn(input('key') ?? '', ws);
    const path = join(ws, input('path') ?? '.');
    const entries = cacheEntries(cacheDir);
    const prefixes = (input('restore-keys') ?? '').split('\n').filter((p) => p.trim() !== '');
    const hit =
      entries.find((e) => e.key === key) ??
      prefixes.map((p) => entries.find((e) => e.key.startsWith(p.trim()))).find(Boolean);
    if (hit) cpSync(hit.dir, path, { recursive: true });
    if (hit?.key !== key)
      posts.push(() => {
        if (!existsSync(path)) return `cache ${key}: nothing to save`;
        const dir = join(cacheDir, `${Date.now()}-${process.hrtime.bigint()}`);
        cpSync(path, join(dir, 'data'), { recursive: true });
        writeFileSync(join(dir, 'key'), key);
        return `cache saved: ${key}`;
      });
    return true;
  }
  // setup-node, setup-python, cache, local composite actions: the machine already has them.
  return true;
}

function upload(
  context: StepContext,
  opts: { name: string; path: string; errorIfNone: boolean; overwrite: boolean },
): true | string {
  const { ws, store, artifacts } = context;
  const { name } = opts;
  const paths = opts.path
    .split('\n')
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => resolve(ws, p));
  const root = paths.length === 1 && isFile(paths[0]!) ? dirname(paths[0]!) : commonAncestor(paths);
  const existing = paths.filter((p) => existsSync(p));
  if (existing.length === 0 && opts.errorIfNone) return `no files for '${name}'`;
  if (artifacts.has(name) && !opts.overwrite) return `artifact '${name}' exists`;
  const dir = join(store, `${artifacts.size}-${name.replace(/[^\w.@-]/g, '_')}`);
  mkdirSync(dir, { recursive: true });
  for (const path of existing) cpSync(path, join(dir, relative(root, path)), { recursive: true });
  artifacts.set(name, dir);
  return true;
}

/**
 * The root action's steps after its run-cache restore, as action.yml has them: the
 * pipeline step (the real bundle, started asynchronously so that a stand-in for
 * api.github.com in the test's process can answer it), the uploads of what it wrote, and
 * the failure when a stage failed. `cache` is taken as off; setup-node and the dependency
 * install are the machine's.
 */
async function rootAction(
  step: Step,
  context: StepContext,
  input: (key: string) => string | undefined,
): Promise<true | string> {
  const { ws, env, outputs, actionPath, scratch } = context;
  const outputFile = join(scratch, `output-${Date.now()}-${process.hrtime.bigint()}`);
  writeFileSync(outputFile, '');
  const stepEnv: Record<string, string> = {
    GITHUB_REPOSITORY: 'local/repo',
    ...env,
    GITHUB_WORKSPACE: ws,
    GITHUB_OUTPUT: outputFile,
    RUNNER_TEMP: scratch,
    // The composite's `token` input defaults to the job's token.
    INPUT_TOKEN: env.GITHUB_TOKEN ?? '',
  };
  // The composite passes its inputs with `_` for `-`, as the bundle reads them too.
  for (const key of Object.keys(step.with ?? {}))
    stepEnv[`INPUT_${key.toUpperCase().replace(/-/g, '_')}`] = input(key) ?? '';
  const child = spawn(process.execPath, [join(actionPath, 'dist', 'actions', 'pipeline.js')], {
    cwd: ws,
    env: stepEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('close', done));
  Object.assign(outputs, parseOutputs(readFileSync(outputFile, 'utf8')));
  if (code !== 0)
    return `pipeline step exit ${code}: ${log.trim().split('\n').slice(-5).join(' | ')}`;
  for (const [name, dir] of [
    ['cd4ml-run', outputs['run-dir']],
    ['cd4ml-model', outputs['model-dir']],
  ] as const) {
    if (!dir) continue;
    const uploaded = upload(context, { name, path: dir, errorIfNone: true, overwrite: false });
    if (uploaded !== true) return uploaded;
  }
  return outputs.status === 'failed' ? 'a stage failed (Fail when a stage failed)' : true;
}

/** `name<<DELIM\nvalue\nDELIM` blocks (what @actions/core writes) and `name=value` lines. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      outputs[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

/** Saved cache entries, newest first (what restore-keys prefers). */
function cacheEntries(cacheDir: string): Array<{ key: string; dir: string }> {
  if (!existsSync(cacheDir)) return [];
  return readdirSync(cacheDir)
    .sort()
    .reverse()
    .map((name) => ({
      key: readFileSync(join(cacheDir, name, 'key'), 'utf8'),
      dir: join(cacheDir, name, 'data'),
    }));
}

/**
 * `${{ hashFiles('a', 'b') }}` evaluated in a workspace as the runner does: the sha256 of
 * the sha256 of every file the paths name (a directory: the files under it), in path order;
 * empty when none.
 */
function hashFilesIn(text: string, ws: string): string {
  return text.replace(/\$\{\{\s*hashFiles\(([^)]*)\)\s*\}\}/g, (_, args: string) => {
    const files = [...args.matchAll(/'((?:[^']|'')*)'/g)]
      .map((m) => join(ws, m[1]!.replace(/''/g, "'")))
      .flatMap((path) =>
        !existsSync(path)
          ? []
          : statSync(path).isFile()
            ? [path]
            : listFiles(path).map((f) => join(path, f)),
      )
      .sort();
    if (files.length === 0) return '';
    const all = createHash('sha256');
    for (const file of files) all.update(createHash('sha256').update(readFileSync(file)).digest());
    return all.digest('hex');
  });
}

/** An artifact-name pattern as a RegExp: `*` is any run of characters, `\\x` is `x` (all a cd4ml workflow uses). */
function glob(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i]!;
    if (char === '*') source += '.*';
    else if (char === '\\') source += escapeRegex(pattern[(i += 1)] ?? '');
    else source += escapeRegex(char);
  }
  return new RegExp(`^${source}$`);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

function commonAncestor(paths: readonly string[]): string {
  const split = paths.map((p) => p.split(sep));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length && split.every((parts) => parts[n] === first[n])) n += 1;
  return first.slice(0, n).join(sep) || sep;
}

/** The files under `dir`, relative and sorted, for assertions on artifacts. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}
