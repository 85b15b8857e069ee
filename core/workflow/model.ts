import { posix } from 'node:path';
import type { Stage } from '../pipeline/model.js';

/** A step of a job, keys in the order they are written. */
export type Step = Record<string, unknown>;

export interface Job {
  name: string;
  needs?: string[];
  if?: string;
  'runs-on': string | string[];
  'timeout-minutes'?: number;
  strategy?: { 'fail-fast': boolean; matrix: { include: Array<Record<string, string>> } };
  env?: Record<string, string>;
  steps: Step[];
}

/** The workflow as a plain object: what `renderWorkflow` writes as YAML. */
export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency: { group: string; 'cancel-in-progress': string };
  env: Record<string, string>;
  defaults: { run: { shell: string; 'working-directory'?: string } };
  jobs: Record<string, Job>;
}

export interface CompileOptions {
  /** The pipeline's directory relative to the repository root, posix ('' for the root). */
  workdir: string;
  /** How a job calls cd4ml, e.g. `npx --yes cd4ml@0.1.0`. */
  cli: string;
  /** Steps that prepare each stage job's environment (Python, system packages), after checkout. */
  setup?: readonly Step[];
  /** Branch whose pushes run the workflow (pull requests run it too). Default `main`. */
  branch?: string;
  /** Days GitHub keeps the stage-to-stage artifacts. Default 1: they only live for the run. */
  retentionDays?: number;
  /** Workflow name shown in the Actions tab. Default `cd4ml pipeline`. */
  name?: string;
  /** The root action the final job records the run with. Default `cd4ml/cd4ml@v1`. */
  action?: string;
}

/** One job of the compiled workflow: one stage, or the members of a foreach/matrix stage as a matrix. */
export interface JobPlan {
  id: string;
  stages: Stage[];
  matrix: boolean;
  needs: string[];
}

export interface CompiledWorkflow {
  workflow: Workflow;
  plans: JobPlan[];
  /** Artifact name of each stage. */
  artifacts: Map<string, string>;
}

/** The id of the job that assembles the lock and the run record and uploads `cd4ml-run`. */
export const RECORD_JOB = 'cd4ml-record';

/** The actions the compiled jobs use, pinned to their major versions. */
export const ACTIONS = {
  checkout: 'actions/checkout@v4',
  setupNode: 'actions/setup-node@v4',
  cache: 'actions/cache@v4',
  upload: 'actions/upload-artifact@v4',
  download: 'actions/download-artifact@v4',
  /** The root action, pinned as the examples and the README pin it. */
  root: 'cd4ml/cd4ml@v1',
} as const;

export const NODE_VERSION = '24';
/** A step or job that runs after a failure too, but not after a cancel. */
export const ALWAYS = '${{ !cancelled() }}';

/**
 * Every job's checkout: no history (the baseline comes over REST) and no token left in
 * `.git/config`, so a stage's command cannot push with the job's token. A dispatch
 * (`cd4ml reproduce --on github`) names the commit; on other events `inputs.commit` is
 * empty and checkout takes the event's commit.
 */
export const CHECKOUT_STEP: Step = {
  uses: ACTIONS.checkout,
  with: { ref: '${{ inputs.commit }}', 'persist-credentials': false },
};

/**
 * The `workflow_dispatch` inputs `cd4ml reproduce --on github` sends: the commit to run and
 * the param overrides, one `key=value` per line.
 */
export const DISPATCH_INPUTS = {
  commit: {
    description: 'The commit to check out and run (default: the branch dispatched)',
    required: false,
    type: 'string',
  },
  overrides: {
    description: 'Param overrides, one key=value per line (as cd4ml run --set)',
    required: false,
    type: 'string',
  },
} as const;

/**
 * Bash that turns `$CD4ML_OVERRIDES` (the dispatch's `overrides`, one `key=value` per line)
 * into `--set key=value` arguments in `"$@"`: each line one argument, spaces and quotes kept.
 */
export function withOverrides(command: string): string {
  return [
    'set --',
    'while IFS= read -r line; do if [ -n "$line" ]; then set -- "$@" --set "$line"; fi; done <<< "${CD4ML_OVERRIDES:-}"',
    `${command} "$@"`,
  ].join('\n');
}

/** The file a stage job leaves for the final job: its lock entry and stage result. */
export function fragmentFile(artifact: string): string {
  return `${artifact}.json`;
}

/** Where the compiled workflow runs the stages: a path relative to the pipeline, from the repository root. */
export function inWorkdir(workdir: string): (path: string) => string {
  return (path) => (workdir ? posix.join(workdir, path) : path);
}
