import { producerIndex } from '../pipeline/dag.js';
import type { Pipeline, Stage } from '../pipeline/model.js';
import { downloads, written, type DownloadContext } from './downloads.js';
import { FRAGMENT_ARTIFACT_PREFIX, STAGE_ARTIFACT_PREFIX } from './ids.js';
import {
  ACTIONS,
  ALWAYS,
  CHECKOUT_STEP,
  NODE_VERSION,
  withOverrides,
  type Job,
  type Step,
} from './model.js';

/** What the final job is built from. */
export interface RecordJobContext extends DownloadContext {
  pipeline: Pipeline;
  /** Every stage, in execution order. */
  stages: readonly Stage[];
  /** The jobs nothing else needs: the final job waits for them. */
  sinks: string[];
  workdir: string;
  /** The root action that records and uploads the run. */
  action: string;
}

/**
 * The final job: after every sink (also when a stage failed, not when the run was
 * cancelled) it gathers every stage's fragment and the outs the record reads, assembles
 * the lock and the run record, and records and uploads the run with the root action.
 */
export function recordJob(ctx: RecordJobContext): Job {
  return {
    name: 'Record the run',
    needs: ctx.sinks,
    if: ALWAYS,
    'runs-on': 'ubuntu-latest',
    steps: [
      CHECKOUT_STEP,
      { uses: ACTIONS.setupNode, with: { 'node-version': NODE_VERSION } },
      {
        name: 'Download every stage’s result',
        uses: ACTIONS.download,
        with: {
          pattern: `${FRAGMENT_ARTIFACT_PREFIX}*`,
          'merge-multiple': true,
          path: ctx.path,
        },
      },
      ...recordDownloads(ctx),
      // Fails (after writing the lock and the record) when a stage failed, like `cd4ml run`:
      // the run artifact is still written and uploaded, the model artifact is not.
      {
        name: 'Assemble the lock and the run record',
        run: withOverrides('$CD4ML workflow assemble'),
      },
      // Then what the root action does after its stages, by the root action itself in
      // `mode: record`: the baseline found over REST and its history carried forward
      // (`record --history-from`), the job summary (with the report when a baseline
      // exists), cd4ml-run and cd4ml-model uploaded, the job failed when a stage failed.
      {
        name: 'Record the run and upload it',
        if: ALWAYS,
        uses: ctx.action,
        with: {
          mode: 'record',
          cache: 'false',
          ...(ctx.workdir ? { 'working-directory': ctx.workdir } : {}),
        },
      },
    ],
  };
}

/**
 * What the final job downloads besides the fragments: the outs of the stages that write
 * what the run record and the run artifact read — metrics, plots, the model, candidates'
 * ONNX files (the champion is found by hash), predictions and stats — and no others, so a
 * dataset that only flows between stages never reaches the final job. One pattern step
 * when every stage writes some of that.
 */
function recordDownloads(ctx: RecordJobContext): Step[] {
  const { pipeline, stages } = ctx;
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
        uses: ACTIONS.download,
        with: { pattern: `${STAGE_ARTIFACT_PREFIX}*`, 'merge-multiple': true, path: ctx.path },
      },
    ];
  return downloads(
    stages.filter((s) => needed.has(s.name)).map((s) => s.name),
    ctx,
    true,
  );
}
