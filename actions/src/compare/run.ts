/**
 * The compare action: the model gate without an app. On a pull request it compares this
 * job's run with the base branch's baseline (a successful push run's `cd4ml-run` artifact
 * at the merge-base, or its nearest first-parent ancestor), applies the policy as the base
 * commit has it, writes the report to the job summary and one sticky comment, and fails
 * the step when the gate fails.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import * as core from '@actions/core';
import { Cd4mlError } from '../../../core/errors.js';
import { renderGateReport, runGate } from '../../../core/gate/gate.js';
import type { GateResult, SourcedRun } from '../../../core/gate/port.js';
import { REPORT_MARKER } from '../../../core/report/index.js';
import { readShadowSummaryFile } from '../../../core/shadow/summary.js';
import { pullRequestOf, readContext, runUrl, type ActionContext } from '../context.js';
import { apiError, describeError } from '../../../github/errors.js';
import { tokenIdentity, type AppIdentity } from '../../../github/identity.js';
import { readRunZip } from '../../../github/read-run-zip.js';
import { gitHubRunSource } from '../../../github/run-source.js';
import { stickyBody, upsertStickyComment } from '../../../github/sticky-comment.js';
import { createGitHub } from '../github.js';
import { gitCredentials, historyFallback } from '../history.js';
import { withHistoryFallback } from '../../../core/history-branch/fallback.js';
import { compareInputs, type Env } from '../inputs.js';
import { setOutputs, writeSummary } from '../outputs.js';
import { readRunAt } from '../read-run.js';

export interface CompareDeps {
  /** GitHub's REST API is reached through this (tests answer for GitHub). */
  fetch?: typeof globalThis.fetch;
}

export interface CompareOutcome {
  result: GateResult;
  report: string;
  reportPath: string;
  commentUrl: string | undefined;
}

/** Who the job's GITHUB_TOKEN writes as, when GitHub cannot say who the `token` input is. */
const JOB_TOKEN_LOGIN = 'github-actions[bot]';

const BOT_URL = 'https://github.com/cd4ml/cd4ml/blob/main/docs/bot.md';

export async function runCompareAction(env: Env, deps: CompareDeps = {}): Promise<CompareOutcome> {
  const inputs = compareInputs(env);
  const context = readContext(env);
  const cwd = resolve(context.workspace, inputs.workingDirectory);
  const head = await readRunAt(resolve(cwd, inputs.head), 'head');
  const shadow = inputs.shadowSummary
    ? await readShadowSummaryFile(resolve(cwd, inputs.shadowSummary), 'shadow-summary')
    : undefined;
  const github = createGitHub(inputs.token, { baseUrl: context.apiUrl, fetch: deps.fetch });
  const pr = pullRequestOf(context);
  const fork = pr !== null && pr.head.repo?.full_name !== context.fullName;
  const notes: string[] = [];

  const target = baseTarget(context, pr);
  const workflow = inputs.workflow ?? context.workflowFile;
  if (target && !workflow) {
    throw new Cd4mlError('E_USAGE', 'cannot tell which workflow uploads the baselines', {
      location: { file: 'action inputs', field: 'workflow' },
      hint: 'pass `workflow: <file name>.yml` (the workflow that runs the pipeline on push)',
    });
  }
  const source = compareSource(inputs, context, cwd, github, workflow);
  if (!target) notes.push(`A ${context.eventName} event has no base branch to compare with.`);
  let result;
  try {
    result = await runGate(source, {
      head,
      baseCommit: target?.base ?? null,
      headCommit: target?.head ?? null,
      baseBranch: target?.branch ?? null,
      baseLabel: target?.branch,
      notes,
      unverified: fork
        ? `the head run comes from a fork (${pr.head.repo?.full_name ?? 'a deleted repository'}), whose workflow computed its metrics`
        : null,
    });
  } catch (error) {
    throw apiError(error, 'finding the baseline run', 'actions: read, contents: read');
  }
  const report = renderGateReport(result, 'md', shadow ? { shadow } : {});
  const reportPath = resolve(cwd, inputs.reportPath);
  await mkdir(dirname(reportPath), { recursive: true });
  await writeFile(reportPath, report);

  // The summary and the outputs first: a comment that cannot be written (a missing
  // permission) must not cost the report or the verdict.
  await publish(result, report, reportPath, head, pr !== null && fork && inputs.comment);
  const conclusion = result.decision.conclusion;

  const commentUrl =
    pr && !fork && inputs.comment
      ? await postComment(github, context, pr.number, report)
      : undefined;
  core.setOutput('comment-url', commentUrl ?? '');
  if (conclusion === 'failure' && inputs.failOnGate) {
    core.setFailed(
      `The model gate failed: ${result.decision.summary}. The report is in the job summary${commentUrl ? ` and at ${commentUrl}` : ''}.`,
    );
  }
  return { result, report, reportPath, commentUrl };
}

/**
 * What to compare with: on a pull request, its head (`pull_request.head.sha`, not the merge
 * commit `GITHUB_SHA` that checkout leaves) against its base sha — the baseline rule
 * starts at their merge-base, found through the REST API (a `fetch-depth: 1` checkout has
 * no history to find it in); on a push, the pushed commit's line.
 */
function baseTarget(
  context: ActionContext,
  pr: ReturnType<typeof pullRequestOf>,
): { base: string; head: string | null; branch: string } | null {
  if (pr) return { base: pr.base.sha, head: pr.head.sha, branch: pr.base.ref };
  if (context.eventName === 'push' && context.ref.startsWith('refs/heads/') && context.sha) {
    return { base: context.sha, head: null, branch: context.ref.slice('refs/heads/'.length) };
  }
  return null;
}

/** The runs the gate reads: the REST source, its expired artifacts from the history branch. */
function compareSource(
  inputs: ReturnType<typeof compareInputs>,
  context: ActionContext,
  cwd: string,
  github: ReturnType<typeof createGitHub>,
  workflow: string | undefined,
) {
  return withHistoryFallback(
    gitHubRunSource({
      github,
      repo: context.repo,
      fullName: context.fullName,
      ...(workflow ? { workflow } : {}),
      artifactName: inputs.artifactName,
      readZip: readRunZip,
      workspaceFile: (path) => readFile(join(cwd, path), 'utf8').catch(() => null),
    }),
    // An expired baseline artifact: its record from the history branch (docs/tracking.md).
    historyFallback(cwd, inputs.historyBranch, () =>
      gitCredentials(cwd, inputs.token, context.serverUrl),
    ),
  );
}

/** The job summary (with a note for a fork's read-only token) and the step's outputs. */
async function publish(
  result: GateResult,
  report: string,
  reportPath: string,
  head: SourcedRun,
  forkWithoutComment: boolean,
): Promise<void> {
  const summary = [report];
  if (forkWithoutComment) {
    summary.push(
      `\n> [!NOTE]\n> This pull request comes from a fork, so this job's token is read-only and no comment was posted. Install the [cd4ml app](${BOT_URL}) to get the report on fork pull requests.\n`,
    );
  }
  await writeSummary(
    summary.join('\n'),
    `in \`${reportPath}\` on the runner (the step's \`report-path\` output)`,
  );
  setOutputs(
    {
      conclusion: result.decision.conclusion,
      'report-path': reportPath,
      'base-commit': result.base?.commit ?? '',
      'base-run': result.base?.run.source ?? '',
      metrics: JSON.stringify(head.record.metrics),
    },
    { metrics: `The metrics are in the head run's record, ${head.source}.` },
  );
}

/**
 * Who the `token` input writes as, so that only its own earlier comment is edited: the
 * job's GITHUB_TOKEN writes as `github-actions[bot]`, an app token (e.g. from
 * actions/create-github-app-token) as `<app-slug>[bot]`, a PAT as its user; GraphQL's
 * `viewer` answers for each (REST's `GET /user` refuses the first two).
 */
async function commentAuthor(github: ReturnType<typeof createGitHub>): Promise<AppIdentity> {
  try {
    return await tokenIdentity(github);
  } catch (error) {
    core.warning(
      `Could not ask GitHub who the token is (${describeError(error)}); the report comment is looked up as ${JOB_TOKEN_LOGIN}'s.`,
    );
    return { appId: null, login: JOB_TOKEN_LOGIN };
  }
}

/** Upserts the sticky report comment; its URL. */
async function postComment(
  github: ReturnType<typeof createGitHub>,
  context: ActionContext,
  number: number,
  report: string,
): Promise<string | undefined> {
  let comment;
  try {
    comment = await upsertStickyComment(
      github,
      context.repo,
      number,
      stickyBody(report, REPORT_MARKER, runUrl(context)),
      await commentAuthor(github),
    );
  } catch (error) {
    throw apiError(error, `writing the report comment on #${number}`, 'pull-requests: write');
  }
  core.info(`Report comment ${comment.action}: ${comment.url}`);
  return comment.url;
}
