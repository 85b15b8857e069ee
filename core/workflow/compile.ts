import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { producerIndex, type Dag } from '../pipeline/dag.js';
import type { Pipeline, Stage } from '../pipeline/model.js';
import { MODEL_ARTIFACT_NAME, RUN_ARTIFACT_NAME } from '../run-artifact/layout.js';
import {
  artifactNameFor,
  FRAGMENT_ARTIFACT_PREFIX,
  fragmentArtifactFor,
  jobIdFor,
  STAGE_ARTIFACT_PREFIX,
  uniqueNames,
} from './ids.js';

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
/** The artifacts that job uploads, as the root action does. */
export const RUN_ARTIFACT = RUN_ARTIFACT_NAME;
export const MODEL_ARTIFACT = MODEL_ARTIFACT_NAME;

/** The root action, pinned as the examples and the README pin it. */
export const ROOT_ACTION = 'cd4ml/cd4ml@v1';

const CHECKOUT = 'actions/checkout@v4';
const SETUP_NODE = 'actions/setup-node@v4';
const CACHE = 'actions/cache@v4';
const UPLOAD = 'actions/upload-artifact@v4';
const DOWNLOAD = 'actions/download-artifact@v4';
const NODE_VERSION = '24';
const ALWAYS = '${{ !cancelled() }}';

/** The file a stage job leaves for the final job: its lock entry and stage result. */
export function fragmentFile(artifact: string): string {
  return `${artifact}.json`;
}

/**
 * Compiles a pipeline into a GitHub Actions workflow: one job per stage (the members of
 * a foreach/matrix stage share one job as a `strategy.matrix` when they can), `needs:` on
 * direct parents only, outs passed as artifacts, a run-cache per stage, and a final job
 * that assembles the lock and the run record and uploads `cd4ml-run`. Pure: the same
 * pipeline and options give the same object, key for key.
 */
export function compileWorkflow(
  pipeline: Pipeline,
  dag: Dag,
  opts: CompileOptions,
): CompiledWorkflow {
  const order = new Map(dag.order.map((name, i) => [name, i]));
  const stages = dag.order.map((name) => dag.stages.get(name)!);
  const artifactNames = uniqueNames(stages.map((s) => artifactNameFor(s.name)));
  const artifacts = new Map(stages.map((s, i) => [s.name, artifactNames[i]!]));

  const units = planUnits(stages, dag);
  const ids = uniqueNames(
    units.map((u) => jobIdFor(u.matrix ? u.stages[0]!.group!.name : u.stages[0]!.name)),
    [RECORD_JOB],
  );
  const unitOf = new Map<string, number>();
  units.forEach((unit, i) => unit.stages.forEach((s) => unitOf.set(s.name, i)));
  const plans: JobPlan[] = units.map((unit, i) => {
    const parents = new Set<number>();
    for (const stage of unit.stages)
      for (const up of dag.upstream.get(stage.name) ?? []) {
        const u = unitOf.get(up)!;
        if (u !== i) parents.add(u);
      }
    return {
      id: ids[i]!,
      stages: unit.stages,
      matrix: unit.matrix,
      needs: [...parents].sort((a, b) => a - b).map((u) => ids[u]!),
    };
  });

  const at = (path: string): string => (opts.workdir ? posix.join(opts.workdir, path) : path);
  const setup = opts.setup ?? [];
  const retention = opts.retentionDays ?? 1;
  const jobs: Record<string, Job> = {};
  for (const plan of plans) {
    const parents = [...new Set(plan.stages.flatMap((s) => [...(dag.upstream.get(s.name) ?? [])]))]
      .filter((up) => !plan.stages.some((s) => s.name === up))
      .sort((a, b) => order.get(a)! - order.get(b)!);
    const first = plan.stages[0]!;
    const stageRef = plan.matrix ? '${{ matrix.stage }}' : first.name;
    const artifactRef = plan.matrix ? '${{ matrix.artifact }}' : artifacts.get(first.name)!;
    const fragmentRef = plan.matrix
      ? '${{ matrix.fragment }}'
      : fragmentArtifactFor(artifacts.get(first.name)!);
    const outsRef = plan.matrix ? '${{ matrix.outs }}' : written(first).map(at).join('\n');
    const job: Job = {
      name: plan.matrix ? `${first.group!.name} (\${{ matrix.stage }})` : first.name,
      ...(plan.needs.length > 0 ? { needs: plan.needs } : {}),
      'runs-on': runsOn(first),
      ...jobTimeout(plan.stages),
      ...(plan.matrix
        ? {
            strategy: {
              'fail-fast': false,
              matrix: {
                include: plan.stages.map((s) => ({
                  stage: s.name,
                  artifact: artifacts.get(s.name)!,
                  fragment: fragmentArtifactFor(artifacts.get(s.name)!),
                  outs: written(s).map(at).join('\n'),
                })),
              },
            },
          }
        : {}),
      env: { CD4ML_STAGE: stageRef, CD4ML_ARTIFACT: artifactRef },
      steps: [
        { uses: CHECKOUT },
        { uses: SETUP_NODE, with: { 'node-version': NODE_VERSION } },
        ...setup,
        ...downloads(parents, plans, unitOf, artifacts, opts.workdir || '.'),
        {
          name: 'Restore the run-cache',
          uses: CACHE,
          with: {
            path: at('.cd4ml/cache'),
            key: `cd4ml-run-cache-\${{ runner.os }}-${artifactRef}-${definitionHash(plan.stages)}-${hashFilesOf(plan.stages, at)}`,
            'restore-keys': `cd4ml-run-cache-\${{ runner.os }}-${artifactRef}-`,
          },
        },
        { name: 'Run the stage', run: '$CD4ML run --single "$CD4ML_STAGE"' },
        {
          name: 'Record the stage for the final job',
          if: ALWAYS,
          run: `$CD4ML workflow fragment "$CD4ML_STAGE" "${fragmentFile('$CD4ML_ARTIFACT')}"`,
        },
        {
          name: 'Upload the outs',
          if: ALWAYS,
          uses: UPLOAD,
          with: {
            name: artifactRef,
            // The fragment sits in the pipeline's directory, so that directory is the
            // artifact's root and every out lands back at its own path when downloaded.
            path: [at(fragmentFile(artifactRef)), ...(outsRef ? [outsRef] : [])].join('\n'),
            'if-no-files-found': 'error',
            'include-hidden-files': true,
            'retention-days': retention,
            overwrite: true,
          },
        },
        {
          // The fragment alone too: the final job needs every stage's result, not every out.
          name: 'Upload the stage’s result',
          if: ALWAYS,
          uses: UPLOAD,
          with: {
            name: fragmentRef,
            path: at(fragmentFile(artifactRef)),
            'if-no-files-found': 'error',
            'retention-days': retention,
            overwrite: true,
          },
        },
      ],
    };
    jobs[plan.id] = job;
  }

  const downstreamUnits = new Set(plans.flatMap((p) => p.needs));
  const sinks = plans.filter((p) => !downstreamUnits.has(p.id)).map((p) => p.id);
  jobs[RECORD_JOB] = {
    name: 'Record the run',
    needs: sinks,
    if: ALWAYS,
    'runs-on': 'ubuntu-latest',
    steps: [
      { uses: CHECKOUT },
      { uses: SETUP_NODE, with: { 'node-version': NODE_VERSION } },
      {
        name: 'Download every stage’s result',
        uses: DOWNLOAD,
        with: {
          pattern: `${FRAGMENT_ARTIFACT_PREFIX}*`,
          'merge-multiple': true,
          path: opts.workdir || '.',
        },
      },
      ...recordDownloads(pipeline, stages, plans, unitOf, artifacts, opts.workdir || '.'),
      // Fails (after writing the lock and the record) when a stage failed, like `cd4ml run`:
      // the run artifact is still written and uploaded, the model artifact is not.
      { name: 'Assemble the lock and the run record', run: '$CD4ML workflow assemble' },
      // Then what the root action does after its stages, by the root action itself in
      // `mode: record`: the baseline found over REST and its history carried forward
      // (`record --history-from`), the job summary (with the report when a baseline
      // exists), cd4ml-run and cd4ml-model uploaded, the job failed when a stage failed.
      {
        name: 'Record the run and upload it',
        if: ALWAYS,
        uses: opts.action ?? ROOT_ACTION,
        with: {
          mode: 'record',
          cache: 'false',
          ...(opts.workdir ? { 'working-directory': opts.workdir } : {}),
        },
      },
    ],
  };

  const branch = opts.branch ?? 'main';
  const workflow: Workflow = {
    name: opts.name ?? 'cd4ml pipeline',
    on: { push: { branches: [branch] }, pull_request: {}, workflow_dispatch: {} },
    // `actions: read`: the final job finds the baseline run and downloads its artifact.
    permissions: { actions: 'read', contents: 'read' },
    concurrency: {
      group: '${{ github.workflow }}-${{ github.ref }}',
      'cancel-in-progress': "${{ github.event_name == 'pull_request' }}",
    },
    env: { CD4ML: opts.cli },
    defaults: {
      run: { shell: 'bash', ...(opts.workdir ? { 'working-directory': opts.workdir } : {}) },
    },
    jobs,
  };
  return { workflow, plans, artifacts };
}

/**
 * Download steps for the parents' outs: one per parent stage, or one `pattern` step for
 * all members of a matrix job when the stage reads them all (a fan-in such as `select`
 * after `train@*`). The members' artifacts, and only theirs, start with `<prefix><group>@`.
 */
function downloads(
  parents: readonly string[],
  plans: readonly JobPlan[],
  unitOf: ReadonlyMap<string, number>,
  artifacts: ReadonlyMap<string, string>,
  path: string,
  tolerant = false,
): Step[] {
  const steps: Step[] = [];
  const done = new Set<string>();
  for (const up of parents) {
    if (done.has(up)) continue;
    const plan = plans[unitOf.get(up)!]!;
    const members = plan.stages.map((s) => s.name);
    if (plan.matrix && members.every((m) => parents.includes(m))) {
      members.forEach((m) => done.add(m));
      const group = plan.stages[0]!.group!.name;
      steps.push({
        name: `Download the outs of ${group}@*`,
        uses: DOWNLOAD,
        with: { pattern: `${artifactNameFor(group)}@*`, 'merge-multiple': true, path },
      });
      continue;
    }
    done.add(up);
    steps.push({
      name: `Download the outs of ${up}`,
      uses: DOWNLOAD,
      // By `name`, a missing artifact fails the step (a parent must have left its outs);
      // the final job's `pattern` (the name itself, escaped) lets a stage whose job never
      // ran leave nothing.
      with: tolerant
        ? { pattern: escapeGlob(artifacts.get(up)!), 'merge-multiple': true, path }
        : { name: artifacts.get(up)!, path },
    });
  }
  return steps;
}

/** An artifact name as a minimatch pattern that matches only itself (names hold no `\\`). */
function escapeGlob(name: string): string {
  return name.replace(/[*?[\]{}()!+@]/g, '\\$&');
}

/**
 * What the final job downloads besides the fragments: the outs of the stages that write
 * what the run record and the run artifact read — metrics, plots, the model, candidates'
 * ONNX files (the champion is found by hash), predictions and stats — and no others, so a
 * dataset that only flows between stages never reaches the final job. One pattern step
 * when every stage writes some of that.
 */
function recordDownloads(
  pipeline: Pipeline,
  stages: readonly Stage[],
  plans: readonly JobPlan[],
  unitOf: ReadonlyMap<string, number>,
  artifacts: ReadonlyMap<string, string>,
  path: string,
): Step[] {
  const wanted = [
    ...pipeline.metrics,
    ...pipeline.stats,
    ...(pipeline.model ? [pipeline.model] : []),
    ...(pipeline.predictions ? [pipeline.predictions] : []),
    ...stages.flatMap((s) => [
      ...s.outs.filter((o) => o.metric).map((o) => o.path),
      ...(s.plots ?? []),
      ...(s.group ? s.outs.filter((o) => o.path.endsWith('.onnx')).map((o) => o.path) : []),
    ]),
  ];
  const producers = producerIndex(
    stages.flatMap((s) => written(s).map((out) => ({ stage: s.name, path: out }))),
  );
  const needed = new Set(wanted.flatMap((file) => producers(file).map((p) => p.stage)));
  if (needed.size === stages.length)
    return [
      {
        name: 'Download every stage’s outs',
        uses: DOWNLOAD,
        with: { pattern: `${STAGE_ARTIFACT_PREFIX}*`, 'merge-multiple': true, path },
      },
    ];
  return downloads(
    stages.filter((s) => needed.has(s.name)).map((s) => s.name),
    plans,
    unitOf,
    artifacts,
    path,
    true,
  );
}

/**
 * A job timeout for stages with a `timeout`: every attempt's worth, plus 30 minutes for
 * installing cd4ml, downloads and the cache. GitHub's default (360 minutes) otherwise.
 */
function jobTimeout(stages: readonly Stage[]): { 'timeout-minutes'?: number } {
  if (stages.some((s) => s.timeoutMs === undefined)) return {};
  const longest = Math.max(...stages.map((s) => (s.timeoutMs ?? 0) * (s.retries + 1)));
  return { 'timeout-minutes': Math.ceil(longest / 60_000) + 30 };
}

/** What a stage leaves for later jobs: its outs (metrics included) and its plots files. */
function written(stage: Stage): string[] {
  return [...new Set([...stage.outs.map((o) => o.path), ...(stage.plots ?? [])])];
}

function runsOn(stage: Stage): string | string[] {
  const labels = stage.runsOn ?? [];
  if (labels.length === 0) return 'ubuntu-latest';
  return labels.length === 1 ? labels[0]! : [...labels];
}

/**
 * `hashFiles(...)` over what the stages read: each dep (the runner's hashFiles globs with
 * implicit descendants, so a directory dep hashes the files under it), and the params files. The run-cache itself decides hits by content; this key only picks the
 * cache entry to restore and whether to save a new one.
 */
function hashFilesOf(stages: readonly Stage[], at: (path: string) => string): string {
  const patterns = new Set<string>();
  for (const stage of stages) {
    for (const dep of stage.deps) patterns.add(at(dep));
    for (const param of stage.params) patterns.add(at(param.file));
  }
  if (patterns.size === 0) return 'no-deps';
  return `\${{ hashFiles(${[...patterns].map(quote).join(', ')}) }}`;
}

/**
 * What the stages run and write, hashed at compile time: a changed cmd, outs or env makes
 * a new cache key (so the new run-cache entry is saved) even when no file changed.
 */
function definitionHash(stages: readonly Stage[]): string {
  const definition = stages.map((s) => [s.name, s.cmd, s.wdir, s.outs.map((o) => o.path), s.env]);
  return createHash('sha256').update(JSON.stringify(definition)).digest('hex').slice(0, 12);
}

/** A single-quoted string in a GitHub expression: `'` doubles. */
function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

interface Unit {
  stages: Stage[];
  matrix: boolean;
}

/**
 * Groups the members of each foreach/matrix stage into one matrix job when they run on
 * the same runner, none of them depends on another, and the jobs stay acyclic; everything
 * else is one job per stage. Units are ordered by their first stage in execution order.
 */
function planUnits(stages: readonly Stage[], dag: Dag): Unit[] {
  const groups = new Map<string, Stage[]>();
  for (const stage of stages) {
    if (!stage.group) continue;
    const list = groups.get(stage.group.name);
    if (list) list.push(stage);
    else groups.set(stage.group.name, [stage]);
  }
  const shared = new Set<string>();
  for (const [group, members] of groups) {
    const labels = JSON.stringify(members[0]!.runsOn ?? null);
    if (members.length < 2) continue;
    if (members.some((m) => JSON.stringify(m.runsOn ?? null) !== labels)) continue;
    shared.add(group);
  }
  // Dissolve groups, latest first, until the job graph has no cycle.
  for (;;) {
    const units = buildUnits(stages, shared);
    const cyclic = cyclicGroup(units, dag);
    if (cyclic === undefined) return units;
    shared.delete(cyclic);
  }
}

function buildUnits(stages: readonly Stage[], shared: ReadonlySet<string>): Unit[] {
  const units: Unit[] = [];
  const byGroup = new Map<string, Unit>();
  for (const stage of stages) {
    const group = stage.group?.name;
    if (group !== undefined && shared.has(group)) {
      const existing = byGroup.get(group);
      if (existing) {
        existing.stages.push(stage);
        continue;
      }
      const unit = { stages: [stage], matrix: true };
      byGroup.set(group, unit);
      units.push(unit);
    } else {
      units.push({ stages: [stage], matrix: false });
    }
  }
  return units;
}

/** A shared group that sits on a cycle of the job graph (the last such in order), if any. */
function cyclicGroup(units: readonly Unit[], dag: Dag): string | undefined {
  const unitOf = new Map<string, number>();
  units.forEach((unit, i) => unit.stages.forEach((s) => unitOf.set(s.name, i)));
  const edges = units.map(() => new Set<number>());
  units.forEach((unit, i) => {
    for (const stage of unit.stages)
      for (const down of dag.downstream.get(stage.name) ?? []) edges[i]!.add(unitOf.get(down)!);
  });
  // A unit on a cycle reaches itself; only matrix units can (stages alone form a DAG).
  for (let i = units.length - 1; i >= 0; i -= 1) {
    const unit = units[i]!;
    if (!unit.matrix) continue;
    const seen = new Set<number>();
    const stack = [...edges[i]!];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (next === i) return unit.stages[0]!.group!.name;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...edges[next]!);
    }
  }
  return undefined;
}
