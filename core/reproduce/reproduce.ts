import { existsSync, realpathSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Cd4mlError } from '../errors.js';
import type { SourcedRun } from '../gate/port.js';
import { loadPipeline } from '../pipeline/load.js';
import { DEFAULT_PARAMS_FILE } from '../pipeline/files.js';
import type { RunRecord } from '../run-record/schema.js';
import { environment, gitState, withDeclared } from '../runner/environment.js';
import type { ParamOverride } from '../runner/params.js';
import type { ShellPool } from '../runner/process.js';
import { buildRunRecord } from '../runner/record.js';
import { runPipeline, type RunEvent } from '../runner/run.js';
import { stateDirs } from '../runner/state.js';
import { diffEnvironment, type EnvironmentDifference } from './environment-diff.js';
import { compareRuns, type Tolerance, type Verdict } from './verdict.js';
import { addWorktree, gitTopLevel, hasCommit, type TemporaryWorktree } from './worktree.js';

export interface ReproduceOptions {
  /** The user's workspace root (the pipeline's directory in their checkout). */
  root: string;
  run: SourcedRun;
  /** `--set` overrides on top of the recorded ones. */
  overrides: readonly ParamOverride[];
  tolerance: Tolerance;
  metricsOnly: boolean;
  allowDirty: boolean;
  strictEnv: boolean;
  /** Leave the worktree in place (its path is in the result). */
  keep: boolean;
  jobs: number;
  /** Called once the worktree exists, so a signal handler can remove it. */
  onWorktree?: (worktree: TemporaryWorktree) => void;
  /** The environment's differences, before anything runs. */
  onEnvironment?: (differences: readonly EnvironmentDifference[]) => void;
  onEvent?: (event: RunEvent) => void;
  shells?: ShellPool;
}

export interface Reproduction {
  verdict: Verdict;
  environment: EnvironmentDifference[];
  record: RunRecord;
  /** The kept worktree, with `keep`; null once removed. */
  worktree: string | null;
}

/**
 * Replays a recorded run: checks its commit out into a temporary worktree, applies the
 * recorded and the given overrides, runs every stage there (a fresh worktree has no cache,
 * and `force` ignores any committed lock, so nothing later runs made is reused), and
 * compares the result with the record. Throws `E_USAGE` when it cannot run.
 */
export async function reproduceRun(options: ReproduceOptions): Promise<Reproduction> {
  const { record } = options.run;
  const where = { file: options.run.source, field: 'git' };
  const commit = record.git.commit;
  if (!commit) {
    throw new Cd4mlError(
      'E_USAGE',
      'the run was made outside git: there is no commit to check out',
      {
        location: where,
      },
    );
  }
  if (record.git.dirty && Object.keys(record.overrides).length === 0 && !options.allowDirty) {
    throw new Cd4mlError('E_USAGE', 'the run was made from a tree with uncommitted changes', {
      location: where,
      hint: "its code may not be the commit's; pass --allow-dirty to reproduce it from the commit anyway",
    });
  }
  const top = await checkoutable(options.root, commit, where);
  const worktree = await addWorktree(top, commit);
  options.onWorktree?.(worktree);
  try {
    const root = join(worktree.path, relative(realpathSync(top), realpathSync(options.root)));
    const pipelineFile = join(root, record.pipeline.file);
    if (!existsSync(pipelineFile)) {
      throw new Cd4mlError(
        'E_USAGE',
        `${record.pipeline.file} is not in commit ${commit.slice(0, 12)}`,
        {
          location: where,
          hint: 'run reproduce from the directory the pipeline sits in (or pass --root)',
        },
      );
    }
    const { base, differences } = await checkEnvironment(root, pipelineFile, options);
    const overrides = mergeOverrides(recordedOverrides(record), options.overrides);
    const result = await runPipeline({
      pipelineFile,
      jobs: options.jobs,
      force: true,
      overrides,
      onEvent: options.onEvent,
      shells: options.shells,
      command: `cd4ml reproduce ${record.id}`,
    });
    const reproduced = await buildRunRecord(result, {
      overrides,
      git: gitState(root),
      env: Promise.resolve(base),
    });
    const verdict = compareRuns(record, reproduced, options);
    return {
      verdict,
      environment: differences,
      record: reproduced,
      worktree: options.keep ? worktree.path : null,
    };
  } finally {
    if (!options.keep) worktree.remove();
  }
}

/** The repository holding `root`, which must have `commit`; else a usage error with the fix. */
async function checkoutable(
  root: string,
  commit: string,
  where: { file: string; field: string },
): Promise<string> {
  const top = await gitTopLevel(root);
  if (!top) {
    throw new Cd4mlError('E_USAGE', `${root} is not in a git repository`, {
      hint: 'run cd4ml reproduce inside a clone of the repository the run was made in',
    });
  }
  if (!(await hasCommit(top, commit))) {
    throw new Cd4mlError('E_USAGE', `commit ${commit.slice(0, 12)} is not in this repository`, {
      location: where,
      hint: `fetch it: git fetch origin ${commit} (a shallow clone needs git fetch --unshallow)`,
    });
  }
  return top;
}

/** The current environment against the recorded one, reported first; `--strict-env` stops on a difference. */
async function checkEnvironment(
  root: string,
  pipelineFile: string,
  options: ReproduceOptions,
): Promise<{
  base: Awaited<ReturnType<typeof environment>>;
  differences: ReturnType<typeof diffEnvironment>;
}> {
  const { record } = options.run;
  const base = await environment(root, stateDirs(root).tmp, {
    python: record.env.python !== null,
  });
  const declared = loadPipeline(pipelineFile).environment;
  const differences = diffEnvironment(record.env, withDeclared(base, root, declared));
  options.onEnvironment?.(differences);
  if (options.strictEnv && differences.length > 0) {
    throw new Cd4mlError(
      'E_USAGE',
      `the environment differs from the recorded one in ${differences.length} way(s)`,
      {
        hint: 'match the recorded versions and files, or drop --strict-env to reproduce anyway',
      },
    );
  }
  return { base, differences };
}

/** The record's `overrides` (`key` or `file:key` → value) as the runner takes them. */
function recordedOverrides(record: RunRecord): ParamOverride[] {
  return Object.entries(record.overrides).map(([target, value]) => {
    const colon = target.indexOf(':');
    const file = colon > 0 ? target.slice(0, colon) : DEFAULT_PARAMS_FILE;
    const key = colon > 0 ? target.slice(colon + 1) : target;
    return { file, key, value, text: `${target}=${String(value)}` };
  });
}

/** Later overrides of the same key win. */
function mergeOverrides(...lists: (readonly ParamOverride[])[]): ParamOverride[] {
  const merged = new Map<string, ParamOverride>();
  for (const override of lists.flat()) merged.set(`${override.file}:${override.key}`, override);
  return [...merged.values()];
}
