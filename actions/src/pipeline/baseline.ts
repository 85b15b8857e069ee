import { readFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { chooseBaseline } from '../../../core/gate/baseline.js';
import { baselineNotes } from '../../../core/gate/baseline-notes.js';
import { renderGateReport, runGate } from '../../../core/gate/gate.js';
import type { Baseline, RunSource } from '../../../core/gate/port.js';
import { withHistoryFallback } from '../../../core/history-branch/fallback.js';
import { RUN_HISTORY_SCHEMA, type RunHistory } from '../../../core/run-artifact/history.js';
import { HISTORY_ENTRY, RECORD_ENTRY } from '../../../core/run-artifact/layout.js';
import { apiError } from '../../../github/errors.js';
import { readRunZip } from '../../../github/read-run-zip.js';
import { gitHubRunSource } from '../../../github/run-source.js';
import { pullRequestOf, type ActionContext } from '../context.js';
import { createGitHub } from '../github.js';
import { gitCredentials, historyFallback } from '../history.js';
import type { PipelineInputs } from '../inputs.js';
import { readRunAt } from '../read-run.js';

export interface BaselineLookup {
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
export async function findBaseline(
  inputs: PipelineInputs,
  context: ActionContext,
  cwd: string,
  fetch: typeof globalThis.fetch | undefined,
): Promise<BaselineLookup | null> {
  const notes: string[] = [];
  const pr = pullRequestOf(context);
  const branch =
    pr?.base.ref ?? (context.ref.startsWith('refs/heads/') ? context.ref.slice(11) : null);
  if (!inputs.token || !branch || !context.workflowFile) return null;
  const github = createGitHub(inputs.token, { baseUrl: context.apiUrl, fetch });
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

/** The baseline as a run artifact directory that `cd4ml record --history-from` reads history from. */
export async function unpackPrevious(baseline: Baseline): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cd4ml-previous-'));
  await writeFile(join(dir, RECORD_ENTRY), JSON.stringify(baseline.run.record));
  if (baseline.run.carriedHistory) {
    const history: RunHistory = {
      schema: RUN_HISTORY_SCHEMA,
      runs: [...baseline.run.carriedHistory],
    };
    await writeFile(join(dir, HISTORY_ENTRY), JSON.stringify(history));
  }
  return dir;
}

/** The gate report of this run against its baseline (the job summary's second part). */
export async function reportAgainst(lookup: BaselineLookup, runDir: string): Promise<string> {
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
