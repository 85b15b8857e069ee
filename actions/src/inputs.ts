/**
 * Action inputs, read once per entry from the runner's environment and validated, with
 * errors that name the input and say how to fix it. A JavaScript action gets
 * `INPUT_<NAME>` (upper case, spaces → `_`, hyphens kept) from the runner; a composite
 * action's `run:` step passes its inputs itself and cannot use hyphens in variable names,
 * so `INPUT_<NAME>` with hyphens → `_` is read too. An empty value is an absent one.
 */
import { Cd4mlError } from '../../core/errors.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** The raw value of an input, trimmed; undefined when unset or empty. */
export function rawInput(env: Env, name: string): string | undefined {
  const key = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
  const value = env[key] ?? env[key.replace(/-/g, '_')];
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** A usage error about one input: what is wrong with it and how to fix it. */
export function inputError(name: string, message: string, fix: string): Cd4mlError {
  return new Cd4mlError('E_USAGE', `input "${name}" ${message}`, {
    location: { file: 'action inputs', field: name },
    hint: fix,
  });
}

export function stringInput(env: Env, name: string): string | undefined;
export function stringInput(env: Env, name: string, fallback: string): string;
export function stringInput(env: Env, name: string, fallback?: string): string | undefined {
  return rawInput(env, name) ?? fallback;
}

/** A required input; the fix says what to pass. */
export function requiredInput(env: Env, name: string, fix: string): string {
  const value = rawInput(env, name);
  if (value === undefined) throw inputError(name, 'is required', fix);
  return value;
}

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

/** `true` or `false` (YAML 1.2 core spellings, as `core.getBooleanInput` accepts). */
export function booleanInput(env: Env, name: string, fallback: boolean): boolean {
  const value = rawInput(env, name);
  if (value === undefined) return fallback;
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw inputError(name, `is "${value}", not a boolean`, `use true or false`);
}

/** An integer within [min, max]. */
export function integerInput(
  env: Env,
  name: string,
  range: { min: number; max: number },
): number | undefined {
  const value = rawInput(env, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || n < range.min || n > range.max) {
    throw inputError(name, `is "${value}"`, `use a whole number from ${range.min} to ${range.max}`);
  }
  return n;
}

/** A list: one item per line, or separated by commas or spaces on one line. */
export function listInput(env: Env, name: string): string[] {
  const value = rawInput(env, name);
  if (value === undefined) return [];
  return value
    .split(/[\n,]|\s+/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Lines (for values that may contain spaces or commas, like `--set` overrides): one per line. */
export function linesInput(env: Env, name: string): string[] {
  const value = rawInput(env, name);
  if (value === undefined) return [];
  return value
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

/** Inputs of the root action's pipeline step (`action.yml`). */
export interface PipelineInputs {
  /**
   * `run` runs the pipeline, then records it; `record` only records the run the job
   * already holds (the final job of a `cd4ml workflow`, after `cd4ml workflow assemble`).
   */
  mode: 'run' | 'record';
  pipeline: string | undefined;
  stages: string[];
  jobs: number | undefined;
  set: string[];
  force: boolean;
  workingDirectory: string;
  /** Where `cd4ml record --dir` writes the run artifact, relative to the working directory. */
  artifactDir: string;
  /** Look up the base run through the REST API (history carried forward, the report in the summary). */
  baseline: boolean;
  token: string | undefined;
  historyLength: number | undefined;
  summary: boolean;
  /** The history branch: read when a baseline's artifact is gone, pushed with `historyPush`. */
  historyBranch: string;
  /** Push the recorded run to `historyBranch` on a push to the default branch. */
  historyPush: boolean;
  /** A saved `cd4ml shadow report --json`, relative to the working directory: recorded as `cd4ml-shadow.json`. */
  shadowSummary: string | undefined;
}

export function pipelineInputs(env: Env): PipelineInputs {
  const set = linesInput(env, 'set');
  for (const item of set) {
    if (!/^[^=\s]+=/.test(item)) {
      throw inputError(
        'set',
        `has "${item}", not key=value`,
        'write one override per line, e.g. `train.C=0.5`',
      );
    }
  }
  const mode = stringInput(env, 'mode', 'run');
  if (mode !== 'run' && mode !== 'record') {
    throw inputError(
      'mode',
      `is "${mode}"`,
      'use `run` (run the pipeline, then record it) or `record` (record the run this job already assembled)',
    );
  }
  return {
    mode,
    pipeline: stringInput(env, 'pipeline'),
    stages: listInput(env, 'stages'),
    jobs: integerInput(env, 'jobs', { min: 1, max: 1024 }),
    set,
    force: booleanInput(env, 'force', false),
    workingDirectory: stringInput(env, 'working-directory', '.'),
    artifactDir: stringInput(env, 'artifact-dir', '.cd4ml/artifact'),
    baseline: booleanInput(env, 'baseline', true),
    token: stringInput(env, 'token'),
    historyLength: integerInput(env, 'history', { min: 0, max: 200 }),
    summary: booleanInput(env, 'summary', true),
    historyBranch: stringInput(env, 'history-branch', 'cd4ml-history'),
    historyPush: booleanInput(env, 'history-push', false),
    shadowSummary: stringInput(env, 'shadow-summary'),
  };
}

/** Inputs of `actions/compare`. */
export interface CompareInputs {
  token: string;
  /** The head run: an artifact directory, its `.zip`, or a `cd4ml-run.json`. */
  head: string;
  workingDirectory: string;
  /** The workflow whose push runs hold the baselines (file name or id); default: this run's workflow. */
  workflow: string | undefined;
  artifactName: string;
  /** Upsert the sticky comment on same-repository pull requests. */
  comment: boolean;
  failOnGate: boolean;
  /** Where to write the markdown report, relative to the working directory. */
  reportPath: string;
  /** The history branch, read when the baseline's artifact is gone. */
  historyBranch: string;
  /** A saved `cd4ml shadow report --json`, relative to the working directory: the live-traffic section. */
  shadowSummary: string | undefined;
}

export function compareInputs(env: Env): CompareInputs {
  return {
    token: requiredInput(
      env,
      'token',
      'pass `token: ${{ github.token }}` (the default) and grant `actions: read` and `pull-requests: write`',
    ),
    head: stringInput(env, 'head', '.cd4ml/artifact/run'),
    workingDirectory: stringInput(env, 'working-directory', '.'),
    workflow: stringInput(env, 'workflow'),
    artifactName: stringInput(env, 'artifact-name', 'cd4ml-run'),
    comment: booleanInput(env, 'comment', true),
    failOnGate: booleanInput(env, 'fail-on-gate', true),
    reportPath: stringInput(env, 'report-path', '.cd4ml/report.md'),
    historyBranch: stringInput(env, 'history-branch', 'cd4ml-history'),
    shadowSummary: stringInput(env, 'shadow-summary'),
  };
}

/** Inputs of `actions/release`'s JavaScript steps. */
export interface ReleaseInputs {
  phase: 'prepare' | 'publish';
  token: string;
  tag: string;
  /** The model's name in the model repository (`models/<name>/<version>/`). */
  modelName: string | undefined;
  modelVersion: number | undefined;
  outDir: string;
  draftOnly: boolean;
  /** The serving image without a tag; default <registry>/<owner>/<repo>-serving. */
  image: string | undefined;
  registry: string;
  /** SPDX licence expression for the image's OCI label. */
  licenses: string;
  /** publish: the pushed image as name@digest, for the release notes. */
  imageRef: string | undefined;
}

export function releaseInputs(env: Env, phase: 'prepare' | 'publish'): ReleaseInputs {
  const tag = stringInput(env, 'tag') ?? tagOfRef(env.GITHUB_REF);
  if (!tag) {
    throw inputError(
      'tag',
      'is empty and the workflow was not started by a tag',
      'run the release on `push: tags: [v*]`, or pass `tag: v1.2.3`',
    );
  }
  return {
    phase,
    token: requiredInput(
      env,
      'token',
      'pass `token: ${{ github.token }}` (the default) and grant `contents: write` and `actions: read`',
    ),
    tag,
    modelName: stringInput(env, 'model-name'),
    modelVersion: integerInput(env, 'model-version', { min: 0, max: Number.MAX_SAFE_INTEGER }),
    outDir: stringInput(env, 'out-dir', '.cd4ml/release'),
    draftOnly: booleanInput(env, 'draft', false),
    image: stringInput(env, 'image'),
    registry: stringInput(env, 'registry', 'ghcr.io'),
    licenses: stringInput(env, 'licenses', 'NOASSERTION'),
    imageRef: stringInput(env, 'image-ref'),
  };
}

function tagOfRef(ref: string | undefined): string | undefined {
  return ref?.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined;
}
