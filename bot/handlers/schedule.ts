import { renderGateReport, runGate } from '../../core/gate/gate.js';
import { POLICY_PATH } from '../../core/policy/parse.js';
import { escapeMarkdown } from '../../core/report/index.js';
import { botRunSource, isCd4mlWorkflow, previousScheduledRun } from '../github/workflow-runs.js';
import { closeIssue, upsertIssue } from '../github/issues.js';
import { failedJobLogTail } from '../github/logs.js';
import type { BotContext } from './context.js';
import { serialised } from './context.js';

/** The fields of a `workflow_run` payload a scheduled report needs. */
export interface ScheduledRun {
  id: number;
  workflow_id: number;
  name?: string | null;
  path?: string;
  html_url: string;
  head_sha: string;
  head_branch: string | null;
  conclusion: string | null;
}

function markerOf(run: ScheduledRun): string {
  return `<!-- cd4ml:scheduled workflow=${run.workflow_id} -->`;
}

/**
 * A scheduled run (the nightly retrain on fresh data): when it fails, or its gate fails
 * against the previous scheduled run, open one issue (or update the open one) with the
 * report and the failed step's log tail; when a later one passes, close that issue.
 * Workflows that never uploaded a `cd4ml-run` artifact are not ours and are left alone.
 */
export function reportScheduledRun(ctx: BotContext, run: ScheduledRun): Promise<void> {
  return serialised(`${ctx.repo.owner}/${ctx.repo.repo}:scheduled:${run.workflow_id}`, () =>
    report(ctx, run),
  );
}

async function report(ctx: BotContext, run: ScheduledRun): Promise<void> {
  if (!run.head_branch || (run.conclusion !== 'success' && run.conclusion !== 'failure')) return;
  const notes: string[] = [];
  const source = botRunSource(ctx, run.workflow_id);
  const read = await source.readWorkflowRun(run.id);
  const head = 'run' in read ? read.run : null;
  const marker = markerOf(run);
  const name = escapeMarkdown(run.name ?? run.path ?? `workflow ${run.workflow_id}`, 100);
  const title = `cd4ml: scheduled run of ${run.name ?? 'the pipeline'} failed`;
  if (!head && !(await isCd4mlWorkflow(ctx, run.workflow_id))) return;

  if (run.conclusion === 'failure' || !head || head.record.status === 'failed') {
    await reportFailedRun(
      ctx,
      { ...run, head_branch: run.head_branch },
      { source, head, marker, name, title, notes },
    );
    return;
  }
  if (!head) return;
  const previous = await previousScheduledRun(ctx, source, {
    ...run,
    head_branch: run.head_branch,
  });
  // A scheduled run runs the default branch's own code: its policy is the one at its commit.
  const policyText = await source.fileAt(run.head_sha, POLICY_PATH);
  const result = await runGate(source, {
    head,
    ...(policyText !== null
      ? { policy: { text: policyText, file: `${run.head_sha.slice(0, 7)}:${POLICY_PATH}` } }
      : {}),
    baseCommit: previous?.commit ?? null,
    baseLabel: 'the previous scheduled run',
    ...(previous ? { base: previous.run } : {}),
    notes,
  });
  if (result.decision.conclusion === 'failure') {
    const body = [
      marker,
      `### ❌ Scheduled run of ${name}: the gate failed against the previous scheduled run`,
      '',
      `[Workflow run ${run.id}](${run.html_url}) at \`${run.head_sha.slice(0, 7)}\`.`,
      '',
      renderGateReport(result, 'md', { links: { run: run.html_url } }),
      '',
      'This issue closes itself when a later scheduled run passes.',
    ].join('\n');
    await upsertIssue(
      ctx.octokit,
      ctx.repo,
      marker,
      ctx.me,
      `cd4ml: scheduled run of ${run.name ?? 'the pipeline'} failed its gate`,
      body,
    );
    return;
  }
  await closeIssue(
    ctx.octokit,
    ctx.repo,
    marker,
    ctx.me,
    `✅ [Scheduled run ${run.id}](${run.html_url}) at \`${run.head_sha.slice(0, 7)}\` passed (${escapeMarkdown(result.decision.summary, 300)}): closing.`,
  );
}

/** A code block no log line can close early, with mentions defused. */
type BotRunSource = ReturnType<typeof botRunSource>;
type RunRead = Awaited<ReturnType<BotRunSource['readWorkflowRun']>>;

interface FailedRunReport {
  source: BotRunSource;
  head: Extract<RunRead, { run: unknown }>['run'] | null;
  marker: string;
  name: string;
  title: string;
  notes: string[];
}

/** A failed scheduled run (or one without a record): an issue with the failed job's log tail and, when there is a record, the gate report. */
async function reportFailedRun(
  ctx: BotContext,
  run: ScheduledRun & { head_branch: string },
  { source, head, marker, name, title, notes }: FailedRunReport,
): Promise<void> {
  const failed = await failedJobLogTail(ctx.octokit, ctx.repo, run.id);
  const lines = [
    marker,
    `### ❌ Scheduled run of ${name} failed`,
    '',
    `[Workflow run ${run.id}](${run.html_url}) at \`${run.head_sha.slice(0, 7)}\` on \`${escapeMarkdown(run.head_branch, 100)}\`.`,
  ];
  if (failed) {
    lines.push(
      '',
      `Failed job **${escapeMarkdown(failed.job, 100)}**${failed.step ? `, step **${escapeMarkdown(failed.step, 100)}**` : ''}; the end of its log:`,
      '',
      fenced(failed.tail),
    );
  }
  if (head) {
    const result = await runGate(source, { head, baseCommit: null, notes });
    lines.push('', renderGateReport(result, 'md', { links: { run: run.html_url } }));
  }
  lines.push('', 'This issue closes itself when a later scheduled run passes.');
  await upsertIssue(ctx.octokit, ctx.repo, marker, ctx.me, title, lines.join('\n'));
}

function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text.replace(/@/g, '@\u200b')}\n${fence}`;
}
