/**
 * The compare action: the model gate without an app. On a pull request it compares this
 * job's run with the base branch's baseline (a successful push run's `cd4ml-run` artifact
 * at the merge-base, or its nearest first-parent ancestor), applies the policy as the base
 * commit has it, writes the report to the job summary and one sticky comment, and fails
 * the step when the gate fails.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import * as core from '@actions/core';
import { Cd4mlError } from '../../../core/errors.js';
import { renderGateReport, runGate } from '../../../core/gate/gate.js';
import type { GateResult } from '../../../core/gate/port.js';
import { REPORT_MARKER } from '../../../core/report/index.js';
import { restArtifacts, type RunArtifacts } from '../artifacts.js';
import { pullRequestOf, readContext, runUrl, type ActionContext } from '../context.js';
import { apiError } from '../../../github/errors.js';
import { stickyBody, upsertStickyComment } from '../../../github/sticky-comment.js';
import { createGitHub, type GitHub } from '../github.js';
import { compareInputs, type Env } from '../inputs.js';
import { readArtifactContent, readRunAt } from '../read-run.js';
import { restRunSource } from '../rest-run-source.js';

export interface CompareDeps {
  /** GitHub's REST API is reached through this (tests answer for GitHub). */
  fetch?: typeof globalThis.fetch;
  /** Where baseline artifacts come from; default: the REST API. */
  artifacts?: RunArtifacts;
}

export interface CompareOutcome {
  result: GateResult;
  report: string;
  reportPath: string;
  commentUrl: string | undefined;
}

/** Who the job's token writes as: our comments are this bot's and carry the marker. */
const JOB_TOKEN_IDENTITY = { appId: null, login: 'github-actions[bot]' };

const BOT_URL = 'https://github.com/cd4ml/cd4ml/blob/main/docs/bot.md';

export async function runCompareAction(env: Env, deps: CompareDeps = {}): Promise<CompareOutcome> {
  const inputs = compareInputs(env);
  const context = readContext(env);
  const cwd = resolve(context.workspace, inputs.workingDirectory);
  const head = await readRunAt(resolve(cwd, inputs.head), 'head');
  const github = createGitHub(inputs.token, { baseUrl: context.apiUrl, fetch: deps.fetch });
  const pr = pullRequestOf(context);
  const fork = pr !== null && pr.head.repo?.full_name !== context.fullName;
  const notes: string[] = [];

  const target = await baseTarget(github, context, pr);
  const workflow = inputs.workflow ?? context.workflowFile;
  if (target && !workflow) {
    throw new Cd4mlError('E_USAGE', 'cannot tell which workflow uploads the baselines', {
      location: { file: 'action inputs', field: 'workflow' },
      hint: 'pass `workflow: <file name>.yml` (the workflow that runs the pipeline on push)',
    });
  }
  const source = restRunSource({
    github,
    repo: context.repo,
    branch: target?.branch ?? '',
    workflow: workflow ?? '',
    artifacts: deps.artifacts ?? restArtifacts(github, context.repo),
    readArtifact: readArtifactContent,
    artifactName: inputs.artifactName,
    workspace: cwd,
    onNote: (note) => notes.push(note),
  });
  if (!target) notes.push(`A ${context.eventName} event has no base branch to compare with.`);
  const result = await runGate(source, {
    head,
    baseCommit: target?.commit ?? null,
    baseLabel: target?.label,
    notes,
    unverified: fork
      ? `the head run comes from a fork (${pr.head.repo?.full_name ?? 'a deleted repository'}), whose workflow computed its metrics`
      : null,
  });
  const report = renderGateReport(result, 'md');
  const reportPath = resolve(cwd, inputs.reportPath);
  await mkdir(dirname(reportPath), { recursive: true });
  await writeFile(reportPath, report);

  // The summary and the outputs first: a comment that cannot be written (a missing
  // permission) must not cost the report or the verdict.
  const summary = [report];
  if (pr && fork && inputs.comment) {
    summary.push(
      `\n> [!NOTE]\n> This pull request comes from a fork, so this job's token is read-only and no comment was posted. Install the [cd4ml app](${BOT_URL}) to get the report on fork pull requests.\n`,
    );
  }
  await core.summary.addRaw(summary.join('\n')).write();
  const conclusion = result.decision.conclusion;
  core.setOutput('conclusion', conclusion);
  core.setOutput('report-path', reportPath);
  core.setOutput('base-commit', result.base?.commit ?? '');
  core.setOutput('base-run', result.base?.run.source ?? '');
  core.setOutput('metrics', JSON.stringify(head.record.metrics));

  let commentUrl: string | undefined;
  if (pr && !fork && inputs.comment) {
    let comment;
    try {
      comment = await upsertStickyComment(
        github,
        context.repo,
        pr.number,
        stickyBody(report, REPORT_MARKER, runUrl(context)),
        JOB_TOKEN_IDENTITY,
      );
    } catch (error) {
      throw apiError(error, `writing the report comment on #${pr.number}`, 'pull-requests: write');
    }
    commentUrl = comment.url;
    core.info(`Report comment ${comment.action}: ${comment.url}`);
  }
  core.setOutput('comment-url', commentUrl ?? '');
  if (conclusion === 'failure' && inputs.failOnGate) {
    core.setFailed(
      `The model gate failed: ${result.decision.summary}. The report is in the job summary${commentUrl ? ` and at ${commentUrl}` : ''}.`,
    );
  }
  return { result, report, reportPath, commentUrl };
}

/** What to compare with: the PR's merge-base on its base branch; on a push, the pushed commit's line. */
async function baseTarget(
  github: GitHub,
  context: ActionContext,
  pr: ReturnType<typeof pullRequestOf>,
): Promise<{ commit: string; branch: string; label: string } | null> {
  if (pr) {
    let mergeBase: string;
    try {
      const response = await github.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
        ...context.repo,
        basehead: `${pr.base.sha}...${pr.head.sha}`,
        per_page: 1,
      });
      mergeBase = response.data.merge_base_commit.sha;
    } catch (error) {
      throw apiError(error, `finding the merge-base of #${pr.number}`, 'contents: read');
    }
    return { commit: mergeBase, branch: pr.base.ref, label: `the merge-base with ${pr.base.ref}` };
  }
  if (context.eventName === 'push' && context.ref.startsWith('refs/heads/') && context.sha) {
    const branch = context.ref.slice('refs/heads/'.length);
    return { commit: context.sha, branch, label: `${branch} before this push` };
  }
  return null;
}
