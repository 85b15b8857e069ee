/**
 * The root action's pipeline step (a composite action's `run:` step runs it with node):
 * runs the pipeline with the inputs, writes the run artifact with `cd4ml record --dir`
 * (history carried from the baseline's artifact), writes the job summary and sets the
 * step's outputs. A failed stage still yields a record to upload: the step reports the
 * failure through its `status` output and the composite fails the job after the upload.
 * With `mode: record` it skips the run and records the run the job already holds (the
 * final job of a compiled workflow), so both end the same way.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import { Cd4mlError } from '../../../core/errors.js';
import { renderGateReport, runGate } from '../../../core/gate/gate.js';
import type { Baseline, RunSource } from '../../../core/gate/port.js';
import { RECORD_ENTRY } from '../../../core/run-artifact/layout.js';
import { readShadowSummaryFile } from '../../../core/shadow/summary.js';
import { parseRunRecord } from '../../../core/run-record/parse.js';
import type { RunRecord } from '../../../core/run-record/schema.js';
import { pullRequestOf, readContext, runUrl, type ActionContext } from '../context.js';
import { createGitHub } from '../github.js';
import { pipelineInputs, type Env, type PipelineInputs } from '../inputs.js';
import { readRunAt } from '../read-run.js';
import { chooseBaseline } from '../../../core/gate/baseline.js';
import { baselineNotes } from '../../../core/gate/baseline-notes.js';
import { apiError } from '../../../github/errors.js';
import { readRunZip } from '../../../github/run-artifact.js';
import { gitHubRunSource } from '../../../github/run-source.js';
import { withHistoryFallback } from '../../../core/history-branch/fallback.js';
import {
  gitCredentials,
  historyFallback,
  isDefaultBranchPush,
  pushRunToHistory,
} from '../history.js';
import { setOutputs, writeSummary } from '../outputs.js';
import { pipelineSummary } from '../summary.js';

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

export async function runPipelineAction(env: Env, deps: PipelineDeps): Promise<PipelineOutcome> {
  const inputs = pipelineInputs(env);
  const context = readContext(env);
  const cwd = resolve(context.workspace, inputs.workingDirectory);
  const runDir = resolve(cwd, inputs.artifactDir, 'run');
  const modelDir = resolve(cwd, inputs.artifactDir, 'model');
  // Checked before any stage runs, naming the input (`cd4ml record --shadow` records it).
  if (inputs.shadowSummary)
    await readShadowSummaryFile(resolve(cwd, inputs.shadowSummary), 'shadow-summary');

  // In `record` mode the job ran no stage itself: `cd4ml workflow assemble` left the run.
  const exit = inputs.mode === 'run' ? await cd4ml(deps.cli, runArgs(inputs), cwd, env) : 0;
  if (exit !== 0 && exit !== 1) {
    throw new Cd4mlError(
      'E_USAGE',
      `cd4ml run stopped with exit code ${exit} before running any stage`,
      {
        hint: 'its message is in the log above; check the inputs `pipeline`, `stages`, `set` and `working-directory`',
      },
    );
  }

  const baseline = inputs.baseline ? await findBaseline(inputs, context, cwd, deps) : null;
  let previous: string | null = null;
  try {
    if (baseline?.found) previous = await unpackPrevious(baseline.found);
    const recordArgs = ['record', '--dir', runDir];
    if (previous) recordArgs.push('--history-from', previous);
    if (inputs.historyLength !== undefined)
      recordArgs.push('--history', String(inputs.historyLength));
    if (inputs.pipeline) recordArgs.push('--file', inputs.pipeline);
    if (inputs.shadowSummary) recordArgs.push('--shadow', inputs.shadowSummary);
    const recorded = await cd4ml(deps.cli, recordArgs, cwd, env);
    if (recorded !== 0) {
      throw new Cd4mlError('E_IO', `cd4ml record --dir failed with exit code ${recorded}`, {
        hint: 'its message is in the log above',
      });
    }
  } finally {
    if (previous) await rm(previous, { recursive: true, force: true });
  }

  const recordPath = join(runDir, RECORD_ENTRY);
  const record = parseRunRecord(await readFile(recordPath, 'utf8'), recordPath);
  // The model artifact only when the run has a model (`model:` in the pipeline, run to success).
  if (record.model) {
    const modelArgs = ['record', '--model-dir', modelDir];
    if (inputs.pipeline) modelArgs.push('--file', inputs.pipeline);
    const written = await cd4ml(deps.cli, modelArgs, cwd, env);
    if (written !== 0) {
      throw new Cd4mlError('E_IO', `cd4ml record --model-dir failed with exit code ${written}`, {
        hint: 'its message is in the log above',
      });
    }
  }
  const stagesRan = Object.entries(record.stages)
    .filter(([, stage]) => stage.status === 'ran' || stage.status === 'failed')
    .map(([name]) => name);
  const hasModel = existsSync(modelDir);

  if (inputs.summary) {
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

  const inRecord = `They are in the run record, ${recordPath} (the \`cd4ml-run\` artifact).`;
  setOutputs(
    {
      status: record.status,
      record: recordPath,
      'run-dir': runDir,
      'model-dir': hasModel ? modelDir : '',
      metrics: JSON.stringify(record.metrics),
      'stages-ran': JSON.stringify(stagesRan),
      'baseline-commit': baseline?.found?.commit ?? '',
    },
    { metrics: inRecord, 'stages-ran': inRecord },
  );
  if (inputs.historyPush) await pushToHistory(inputs, context, { cwd, runDir, record });
  return { status: record.status, runDir, modelDir: hasModel ? modelDir : null };
}

function runArgs(inputs: PipelineInputs): string[] {
  const args = ['run', ...inputs.stages];
  if (inputs.pipeline) args.push('--file', inputs.pipeline);
  if (inputs.jobs !== undefined) args.push('--jobs', String(inputs.jobs));
  if (inputs.force) args.push('--force');
  for (const item of inputs.set) args.push('--set', item);
  return args;
}

/** Runs the CLI of the action's checkout in the workspace, its output in the job log. */
function cd4ml(cli: string, args: string[], cwd: string, env: Env): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd,
      env: stageEnv(env),
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', fail);
    child.once('exit', (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
}

/**
 * The environment of `cd4ml` and so of the stages: the job's, without the step's inputs
 * (`INPUT_TOKEN` is a GitHub token; stage commands have no use for it).
 */
function stageEnv(env: Env): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { CI: 'true' };
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('INPUT_')) clean[name] = value;
  }
  return clean;
}

interface BaselineLookup {
  source: RunSource;
  target: { base: string; head: string | null; branch: string };
  /** Where the search started (the merge-base on a PR): the policy is read there. */
  start: string | null;
  found: Baseline | null;
  notes: string[];
}

/**
 * The run this one is compared with and carries history from, by the baseline rule: on a
 * pull request merge-base(head, base)'s, on a push the pushed commit's nearest earlier
 * one. On a pull request the lookup is best effort (the run still records, with a
 * warning). On a push it is not: a run recorded without its predecessor's history would
 * restart every trend on the branch, so a failed lookup fails the step.
 */
async function findBaseline(
  inputs: PipelineInputs,
  context: ActionContext,
  cwd: string,
  deps: PipelineDeps,
): Promise<BaselineLookup | null> {
  const notes: string[] = [];
  const pr = pullRequestOf(context);
  const branch =
    pr?.base.ref ?? (context.ref.startsWith('refs/heads/') ? context.ref.slice(11) : null);
  if (!inputs.token || !branch || !context.workflowFile) return null;
  const github = createGitHub(inputs.token, { baseUrl: context.apiUrl, fetch: deps.fetch });
  const source = withHistoryFallback(
    gitHubRunSource({
      github,
      repo: context.repo,
      fullName: context.fullName,
      workflow: context.workflowFile,
      readZip: readRunZip,
      workspaceFile: (path) => readFile(join(cwd, path), 'utf8').catch(() => null),
    }),
    historyFallback(cwd, inputs.historyBranch, () =>
      gitCredentials(cwd, inputs.token, context.serverUrl),
    ),
  );
  const target = pr
    ? { base: pr.base.sha, head: pr.head.sha, branch }
    : { base: context.sha, head: null, branch };
  try {
    const { base, search } = await chooseBaseline(source, { ...target, branch });
    notes.push(...baselineNotes(search, branch));
    return { source, target, start: search.start, found: base, notes };
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    if (!pr) {
      throw apiError(
        error,
        `finding the previous run on ${branch}, whose history this run carries (recording without it would restart every trend)`,
        'actions: read, contents: read',
      );
    }
    core.warning(
      `cd4ml: no baseline from earlier runs (${reason}): the run is recorded without history. Grant \`permissions: { actions: read, contents: read }\` to compare.`,
    );
    return null;
  }
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

/** The baseline as a run artifact directory that `cd4ml record --history-from` reads history from. */
async function unpackPrevious(baseline: Baseline): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cd4ml-previous-'));
  await writeFile(join(dir, RECORD_ENTRY), JSON.stringify(baseline.run.record));
  if (baseline.run.carriedHistory) {
    await writeFile(
      join(dir, 'cd4ml-history.json'),
      JSON.stringify({ schema: 'cd4ml/run-history@1', runs: baseline.run.carriedHistory }),
    );
  }
  return dir;
}

async function reportAgainst(lookup: BaselineLookup, runDir: string): Promise<string> {
  const head = await readRunAt(runDir, 'artifact-dir');
  const result = await runGate(lookup.source, {
    head,
    baseCommit: lookup.start,
    baseBranch: lookup.target.branch,
    baseLabel: lookup.target.branch,
    ...(lookup.found ? { base: lookup.found.run } : {}),
    notes: lookup.notes,
  });
  return renderGateReport(result, 'md');
}
