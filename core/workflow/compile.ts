import type { Dag } from '../pipeline/dag.js';
import type { Pipeline } from '../pipeline/model.js';
import { artifactNameFor, uniqueNames } from './ids.js';
import {
  ACTIONS,
  DISPATCH_INPUTS,
  inWorkdir,
  RECORD_JOB,
  type CompiledWorkflow,
  type CompileOptions,
  type Job,
  type Workflow,
} from './model.js';
import { planJobs } from './plan.js';
import { recordJob } from './record-job.js';
import { stageJob } from './stage-job.js';

/**
 * Compiles a pipeline into a GitHub Actions workflow: one job per stage (the members of
 * a foreach/matrix stage share one job as a `strategy.matrix` when they can; `plan.ts`),
 * `needs:` on direct parents only, outs passed as artifacts, a run-cache per stage
 * (`stage-job.ts`), and a final job that assembles the lock and the run record and
 * uploads `cd4ml-run` (`record-job.ts`). Pure: the same pipeline and options give the
 * same object, key for key.
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
  const graph = planJobs(stages, dag);
  const path = opts.workdir || '.';

  const jobs: Record<string, Job> = {};
  const context = {
    graph,
    artifacts,
    path,
    dag,
    order,
    at: inWorkdir(opts.workdir),
    setup: opts.setup ?? [],
    retentionDays: opts.retentionDays ?? 1,
  };
  for (const plan of graph.plans) jobs[plan.id] = stageJob(plan, context);
  const downstream = new Set(graph.plans.flatMap((p) => p.needs));
  jobs[RECORD_JOB] = recordJob({
    graph,
    artifacts,
    path,
    pipeline,
    stages,
    sinks: graph.plans.filter((p) => !downstream.has(p.id)).map((p) => p.id),
    workdir: opts.workdir,
    action: opts.action ?? ACTIONS.root,
  });

  const branch = opts.branch ?? 'main';
  const workflow: Workflow = {
    name: opts.name ?? 'cd4ml pipeline',
    on: {
      push: { branches: [branch] },
      pull_request: {},
      workflow_dispatch: { inputs: DISPATCH_INPUTS },
    },
    // `actions: read`: the final job finds the baseline run and downloads its artifact.
    permissions: { actions: 'read', contents: 'read' },
    concurrency: {
      // A pull request's newer push cancels its older run. Every other run is a group of
      // its own: a group holds one running and one pending run and cancels the pending one
      // when another queues, which would leave commits of the branch without their
      // cd4ml-run artifact (the next pull request's baseline).
      group:
        "${{ github.workflow }}-${{ github.event_name == 'pull_request' && github.ref || github.run_id }}",
      'cancel-in-progress': "${{ github.event_name == 'pull_request' }}",
    },
    // Empty but on a dispatch: what the stage jobs and the final job pass as `--set`.
    env: { CD4ML: opts.cli, CD4ML_OVERRIDES: '${{ inputs.overrides }}' },
    defaults: {
      run: { shell: 'bash', ...(opts.workdir ? { 'working-directory': opts.workdir } : {}) },
    },
    jobs,
  };
  return { workflow, plans: graph.plans, artifacts };
}
