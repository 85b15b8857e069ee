import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';

/**
 * A local stand-in for GitHub's runner, for tests of generated workflows: runs the jobs of
 * a workflow in `needs` order, each matrix leg in a fresh copy of `repo` (the checkout),
 * with artifacts kept as directories. It runs `run:` steps with bash and imitates the
 * handful of actions a cd4ml workflow uses: checkout (copy), download-artifact (by name,
 * or by pattern with merge-multiple), upload-artifact (v4 layout: the files under the
 * least common ancestor of the listed paths); setup-*, cache and local actions are no-ops.
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

export function runWorkflowLocally(
  workflowText: string,
  repo: string,
  opts: { env?: Record<string, string> } = {},
): LocalRun {
  const workflow = parse(workflowText) as Workflow;
  const scratch = mkdtempSync(join(tmpdir(), 'cd4ml-local-run-'));
  const store = join(scratch, 'artifacts');
  mkdirSync(store);
  const result: LocalRun = {
    jobs: new Map(),
    artifacts: new Map(),
    workspaces: new Map(),
    log: [],
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
      const sub = (text: string): string =>
        text
          .replace(/\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g, (_, key: string) => matrix[key] ?? '')
          .replace(/\$\{\{\s*runner\.os\s*\}\}/g, 'Linux');
      const env: Record<string, string> = {
        ...(process.env as Record<string, string>),
        ...workflow.env,
        ...Object.fromEntries(Object.entries(job.env ?? {}).map(([k, v]) => [k, sub(String(v))])),
        ...opts.env,
      };
      const workdir = workflow.defaults?.run?.['working-directory'] ?? '.';
      let failed = false;
      for (const step of job.steps) {
        const name = step.name ?? step.uses ?? step.run ?? '?';
        if (failed && !always(step.if)) {
          result.log.push(`${label}: ${name} → skipped`);
          continue;
        }
        const outcome = runStep(step, ws, workdir, env, sub, repo, store, result.artifacts);
        result.log.push(`${label}: ${name} → ${outcome === true ? 'ok' : `failed: ${outcome}`}`);
        if (outcome !== true) failed = true;
      }
      result.workspaces.set(id, ws);
      if (failed) conclusion = 'failure';
    }
    result.jobs.set(id, conclusion);
  }
  return result;
}

function always(condition: string | undefined): boolean {
  return condition !== undefined && /!\s*cancelled\(\)|always\(\)/.test(condition);
}

function runStep(
  step: Step,
  ws: string,
  workdir: string,
  env: Record<string, string>,
  sub: (text: string) => string,
  repo: string,
  store: string,
  artifacts: Map<string, string>,
): true | string {
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
    const name = input('name') ?? 'artifact';
    const paths = (input('path') ?? '')
      .split('\n')
      .map((p) => p.trim())
      .filter((p) => p.length > 0)
      .map((p) => resolve(ws, p));
    const root =
      paths.length === 1 && isFile(paths[0]!) ? dirname(paths[0]!) : commonAncestor(paths);
    const existing = paths.filter((p) => existsSync(p));
    if (existing.length === 0 && input('if-no-files-found') === 'error')
      return `no files for '${name}'`;
    if (artifacts.has(name) && input('overwrite') !== 'true') return `artifact '${name}' exists`;
    const dir = join(store, `${artifacts.size}-${name.replace(/[^\w.@-]/g, '_')}`);
    mkdirSync(dir, { recursive: true });
    for (const path of existing) cpSync(path, join(dir, relative(root, path)), { recursive: true });
    artifacts.set(name, dir);
    return true;
  }
  // setup-node, setup-python, cache, local composite actions: the machine already has them.
  return true;
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
