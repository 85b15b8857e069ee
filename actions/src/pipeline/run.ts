/**
 * The root action's pipeline step (a composite action's `run:` step runs it with node):
 * runs the pipeline with the inputs, writes the run artifact with `cd4ml record --dir`
 * (history carried from the baseline's artifact), writes the job summary and sets the
 * step's outputs. A failed stage still yields a record to upload: the step reports the
 * failure through its `status` output and the composite fails the job after the upload.
 * With `mode: record` it skips the run and records the run the job already holds (the
 * final job of a compiled workflow), so both end the same way.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import { Cd4mlError } from '../../../core/errors.js';
import type { Baseline } from '../../../core/gate/port.js';
import { RECORD_ENTRY } from '../../../core/run-artifact/layout.js';
import { readShadowSummaryFile } from '../../../core/shadow/summary.js';
import { parseRunRecord } from '../../../core/run-record/parse.js';
import type { RunRecord } from '../../../core/run-record/schema.js';
import { readContext, runUrl, type ActionContext } from '../context.js';
import { pipelineInputs, type Env, type PipelineInputs } from '../inputs.js';
import { isDefaultBranchPush, gitCredentials, pushRunToHistory } from '../history.js';
import { setOutputs, writeSummary } from '../outputs.js';
import { pipelineSummary } from '../summary.js';
import { findBaseline, reportAgainst, unpackPrevious, type BaselineLookup } from './baseline.js';
import { cd4ml } from './cli.js';

export interface PipelineDeps {
  /** `bin/cd4ml.js` of the action's checkout. */
  cli: string;
  fetch?: typeof globalThis.fetch;
}

export interface PipelineOutcome {
  status: 'success' | 'failed';
  runDir: string;
  modelDir: string | null;
}

/** The `cd4ml` CLI run in the workspace: its exit code. */
type Cli = (args: string[]) => Promise<number>;

export async function runPipelineAction(env: Env, deps: PipelineDeps): Promise<PipelineOutcome> {
  const inputs = pipelineInputs(env);
  const context = readContext(env);
  const cwd = resolve(context.workspace, inputs.workingDirectory);
  const runDir = resolve(cwd, inputs.artifactDir, 'run');
  const modelDir = resolve(cwd, inputs.artifactDir, 'model');
  // Checked before any stage runs, naming the input (`cd4ml record --shadow` records it).
  if (inputs.shadowSummary)
    await readShadowSummaryFile(resolve(cwd, inputs.shadowSummary), 'shadow-summary');
  const cli: Cli = (args) => cd4ml(deps.cli, args, cwd, env);

  // In `record` mode the job ran no stage itself: `cd4ml workflow assemble` left the run.
  if (inputs.mode === 'run') await runStages(inputs, cli);
  const baseline = inputs.baseline ? await findBaseline(inputs, context, cwd, deps.fetch) : null;
  const recordPath = await recordRun(inputs, cli, runDir, baseline?.found ?? null);
  const record = parseRunRecord(await readFile(recordPath, 'utf8'), recordPath);
  // The model artifact only when the run has a model (`model:` in the pipeline, run to success).
  if (record.model) await recordModel(inputs, cli, modelDir);
  const hasModel = existsSync(modelDir);

  if (inputs.summary) await summarise(record, context, baseline, runDir);
  setStepOutputs(record, {
    record: recordPath,
    'run-dir': runDir,
    'model-dir': hasModel ? modelDir : '',
    'baseline-commit': baseline?.found?.commit ?? '',
  });
  if (inputs.historyPush) await pushToHistory(inputs, context, { cwd, runDir, record });
  return { status: record.status, runDir, modelDir: hasModel ? modelDir : null };
}

/** `cd4ml run`: a failed stage (exit 1) is a result to record; anything else stops the step. */
async function runStages(inputs: PipelineInputs, cli: Cli): Promise<void> {
  const args = ['run', ...inputs.stages];
  if (inputs.pipeline) args.push('--file', inputs.pipeline);
  if (inputs.jobs !== undefined) args.push('--jobs', String(inputs.jobs));
  if (inputs.force) args.push('--force');
  for (const item of inputs.set) args.push('--set', item);
  const exit = await cli(args);
  if (exit !== 0 && exit !== 1) {
    throw new Cd4mlError(
      'E_USAGE',
      `cd4ml run stopped with exit code ${exit} before running any stage`,
      {
        hint: 'its message is in the log above; check the inputs `pipeline`, `stages`, `set` and `working-directory`',
      },
    );
  }
}

/** `cd4ml record --dir`, history carried from the baseline: the run record's path. */
async function recordRun(
  inputs: PipelineInputs,
  cli: Cli,
  runDir: string,
  found: Baseline | null,
): Promise<string> {
  let previous: string | null = null;
  try {
    if (found) previous = await unpackPrevious(found);
    const recordArgs = ['record', '--dir', runDir];
    if (previous) recordArgs.push('--history-from', previous);
    if (inputs.historyLength !== undefined)
      recordArgs.push('--history', String(inputs.historyLength));
    if (inputs.pipeline) recordArgs.push('--file', inputs.pipeline);
    if (inputs.shadowSummary) recordArgs.push('--shadow', inputs.shadowSummary);
    const recorded = await cli(recordArgs);
    if (recorded !== 0) {
      throw new Cd4mlError('E_IO', `cd4ml record --dir failed with exit code ${recorded}`, {
        hint: 'its message is in the log above',
      });
    }
  } finally {
    if (previous) await rm(previous, { recursive: true, force: true });
  }
  return join(runDir, RECORD_ENTRY);
}

async function recordModel(inputs: PipelineInputs, cli: Cli, modelDir: string): Promise<void> {
  const modelArgs = ['record', '--model-dir', modelDir];
  if (inputs.pipeline) modelArgs.push('--file', inputs.pipeline);
  const written = await cli(modelArgs);
  if (written !== 0) {
    throw new Cd4mlError('E_IO', `cd4ml record --model-dir failed with exit code ${written}`, {
      hint: 'its message is in the log above',
    });
  }
}

/** The job summary: the run, then the report against the baseline when there is one. */
async function summarise(
  record: RunRecord,
  context: ActionContext,
  baseline: BaselineLookup | null,
  runDir: string,
): Promise<void> {
  const parts = [pipelineSummary(record, { runUrl: runUrl(context) })];
  if (baseline?.found) {
    try {
      parts.push(await reportAgainst(baseline, runDir));
    } catch (error) {
      parts.push(
        `\n> [!WARNING]\n> No comparison with the baseline: ${(error as Error).message.split('\n')[0]}\n`,
      );
    }
  }
  for (const note of baseline?.notes ?? []) core.info(note);
  await writeSummary(
    parts.join('\n'),
    'in the `cd4ml-run` artifact (`cd4ml compare` renders the report from it)',
  );
}

function setStepOutputs(
  record: RunRecord,
  paths: { record: string; 'run-dir': string; 'model-dir': string; 'baseline-commit': string },
): void {
  const stagesRan = Object.entries(record.stages)
    .filter(([, stage]) => stage.status === 'ran' || stage.status === 'failed')
    .map(([name]) => name);
  const inRecord = `They are in the run record, ${paths.record} (the \`cd4ml-run\` artifact).`;
  setOutputs(
    {
      status: record.status,
      record: paths.record,
      'run-dir': paths['run-dir'],
      'model-dir': paths['model-dir'],
      metrics: JSON.stringify(record.metrics),
      'stages-ran': JSON.stringify(stagesRan),
      'baseline-commit': paths['baseline-commit'],
    },
    { metrics: inRecord, 'stages-ran': inRecord },
  );
}

/** `history-push`: the run joins the history branch, on a push to the default branch only. */
async function pushToHistory(
  inputs: PipelineInputs,
  context: ActionContext,
  run: { cwd: string; runDir: string; record: RunRecord },
): Promise<void> {
  if (!isDefaultBranchPush(context)) {
    core.info(
      `cd4ml: ${context.eventName} to ${context.ref}: only the default branch's pushes go to ${inputs.historyBranch}`,
    );
    return;
  }
  await pushRunToHistory({
    ...run,
    branch: inputs.historyBranch,
    gitEnv: await gitCredentials(run.cwd, inputs.token, context.serverUrl),
  });
}
