import { Cd4mlError } from '../../core/errors.js';
import { renderGateReport, runGate } from '../../core/gate/gate.js';
import type { SourcedRun } from '../../core/gate/port.js';
import { POLICY_PATH, parsePolicy } from '../../core/policy/parse.js';
import { defaultPolicy, type Policy } from '../../core/policy/schema.js';
import { REPORT_MARKER, escapeMarkdown } from '../../core/report/index.js';
import { botRunSource } from '../github/workflow-runs.js';
import type { GitHubRunSource } from '../../github/run-source.js';
import type { KnownCheck } from '../github/check-run.js';
import { CHECK_NAME, completeCheck, progressCheck } from '../github/check-run.js';
import { describeError } from '../../github/errors.js';
import type { PullRef } from '../github/pull-requests.js';
import { readPullContext, type PullContext } from '../../github/pull-context.js';
import { MAX_FILE_BYTES } from '../../github/run-history.js';
import { writeStickyComment } from '../../github/sticky-comment.js';
import type { BotContext } from './context.js';
import { serialised } from './context.js';
import { checkOutcome, overrideIn, overrideSection, type GateOverride } from './gate-outcome.js';

export type { GateOverride } from './gate-outcome.js';

export interface GateRequest {
  pr: PullRef;
  /** The workflow run whose `cd4ml-run` artifact is the head (a fork's run or a trusted evaluation). */
  headRunId: number;
  headRunUrl?: string;
  /** The head run re-evaluated the fork's model with the base branch's code: trust it. */
  trustedEvaluation?: boolean;
  /** A new override to record (from `/cd4ml override`). */
  override?: GateOverride;
  /** The event's source, when the handler already read the head run through it. */
  source?: GitHubRunSource;
  /** The head run's workflow id: the baselines are that workflow's push runs. */
  workflowId?: number;
  /** The workflow of the head run, checked against the policy's `gate.workflows`. */
  workflow?: WorkflowRef;
}

/** A workflow as a `workflow_run` payload names it. */
export interface WorkflowRef {
  name?: string | null;
  /** `.github/workflows/ml.yml` */
  path?: string | null;
}

/** Does the policy's `gate.workflows` (empty: any workflow) name this workflow? */
export function gatesWorkflow(policy: Policy, workflow: WorkflowRef | undefined): boolean {
  const named = policy.gate.workflows;
  if (named.length === 0 || !workflow) return true;
  const file = workflow.path?.split('/').at(-1) ?? null;
  return named.some((n) => n === workflow.name || n === file || n === workflow.path);
}

/**
 * The PR gate, end to end: the head run's artifact, the trusted baseline, the policy from
 * the base commit, `runGate`, the report as the CLI renders it, one comment, one completed
 * check. Serialised per head commit. Our own errors (a bad artifact, an invalid policy)
 * complete the check as `neutral` with the message; unexpected ones do too, then rethrow.
 */
export function gatePullRequest(ctx: BotContext, request: GateRequest): Promise<void> {
  const { pr } = request;
  return serialised(`${ctx.repo.owner}/${ctx.repo.repo}@${pr.headSha}`, async () => {
    try {
      await gate(ctx, request);
    } catch (error) {
      ctx.log.error({ err: error }, `cd4ml gate for #${pr.number} failed`);
      await completeCheck(ctx.octokit, ctx.repo, pr.headSha, ctx.me, {
        conclusion: 'neutral',
        title: 'cd4ml could not finish the comparison',
        summary: `The gate could not be evaluated: ${escapeMarkdown(describeError(error), 2000)}\n\nComment \`/cd4ml recompare\` to try again.`,
      });
      if (!(error instanceof Cd4mlError)) throw error;
    }
  });
}

async function gate(ctx: BotContext, request: GateRequest): Promise<void> {
  const { pr } = request;
  const notes: string[] = [];
  const source = request.source ?? botRunSource(ctx, request.workflowId);
  const { policy, pull } = await gateContext(ctx, source, pr);
  if (!gatesWorkflow(policy, request.workflow)) return;
  if (pr.fork && !request.trustedEvaluation && policy.gate.trusted_evaluation) {
    await dispatchTrustedEvaluation(
      ctx,
      pr,
      request.headRunId,
      policy.gate.trusted_evaluation.workflow,
      pull.check,
    );
    return;
  }
  const read = await source.readWorkflowRun(request.headRunId);
  const existing = pull.sticky;
  if ('missing' in read) {
    const summary = `${REPORT_MARKER}\n### ⚠️ cd4ml: no report for ${pr.headSha.slice(0, 7)}\n\n${escapeMarkdown(`Workflow run ${request.headRunId}: ${read.missing}`, 500)}.\n`;
    await writeStickyComment(ctx.octokit, ctx.repo, pr.number, existing, summary);
    await completeCheck(
      ctx.octokit,
      ctx.repo,
      pr.headSha,
      ctx.me,
      {
        conclusion: 'neutral',
        title: read.expired ? 'The run artifact has expired' : 'No run record to compare',
        summary,
        ...(request.headRunUrl ? { detailsUrl: request.headRunUrl } : {}),
      },
      pull.check,
    );
    return;
  }
  const head: SourcedRun = read.run;
  const override = request.override ?? overrideIn(existing?.body, pr.headSha);
  const result = await runGate(source, {
    head,
    // The head is `pull_request.head.sha` (what `workflow_run.head_sha` names), never a merge commit.
    baseCommit: pr.baseSha,
    headCommit: pr.headSha,
    baseBranch: pr.baseRef,
    baseLabel: pr.baseRef,
    notes,
    unverified:
      pr.fork && !request.trustedEvaluation
        ? 'this pull request comes from a fork, whose workflow ran code the fork controls and could have written any numbers; configure `gate.trusted_evaluation` to re-evaluate its model with the base branch’s code'
        : null,
  });
  const links = request.headRunUrl ? { run: request.headRunUrl } : {};
  let body = renderGateReport(result, 'md', { links });
  if (override) body += overrideSection(override);
  const outcome = checkOutcome(result, override);
  await writeStickyComment(ctx.octokit, ctx.repo, pr.number, existing, body);
  await completeCheck(
    ctx.octokit,
    ctx.repo,
    pr.headSha,
    ctx.me,
    {
      ...outcome,
      summary: body,
      ...(request.headRunUrl ? { detailsUrl: request.headRunUrl } : {}),
    },
    pull.check,
  );
}

/**
 * A workflow the policy names failed without uploading a run artifact: a required check
 * must not wait for ever, so it fails with the reason. Workflows the policy does not name
 * (or no names at all: any workflow may be the ML one) are left alone.
 */
export function reportMissingRun(
  ctx: BotContext,
  pr: PullRef,
  run: { id: number; html_url: string; conclusion: string | null; workflow: WorkflowRef },
): Promise<void> {
  return serialised(`${ctx.repo.owner}/${ctx.repo.repo}@${pr.headSha}`, async () => {
    const { policy, pull } = await gateContext(ctx, botRunSource(ctx), pr);
    if (policy.gate.workflows.length === 0 || !gatesWorkflow(policy, run.workflow)) return;
    const failed = run.conclusion !== 'success';
    const name = escapeMarkdown(run.workflow.name ?? run.workflow.path ?? 'the ML workflow', 100);
    await completeCheck(
      ctx.octokit,
      ctx.repo,
      pr.headSha,
      ctx.me,
      {
        conclusion: failed ? 'failure' : 'neutral',
        title: failed
          ? 'The ML workflow failed before it recorded a run'
          : 'The ML workflow uploaded no run record',
        summary: `[${name} run ${run.id}](${run.html_url}) ${failed ? `ended \`${run.conclusion ?? ''}\`` : 'finished'} without uploading a \`cd4ml-run\` artifact, so there is nothing to compare. Fix the workflow (it should end with \`cd4ml record\` and an upload of the artifact), then push again or comment \`/cd4ml recompare\`.`,
        detailsUrl: run.html_url,
      },
      pull.check,
    );
  });
}

/**
 * The policy as the base has it, at merge-base(head, base) (where the baseline rule
 * starts), with our report comment and our check run on the head: one GraphQL request
 * after the merge-base (github/pull-context.ts).
 */
async function gateContext(
  ctx: BotContext,
  source: GitHubRunSource,
  pr: PullRef,
): Promise<{ policy: Policy; pull: PullContext }> {
  const commit = (await source.mergeBase(pr.baseSha, pr.headSha)) ?? pr.baseSha;
  const pull = await readPullContext(ctx.octokit, {
    repo: ctx.repo,
    number: pr.number,
    file: { commit, path: POLICY_PATH, maxBytes: MAX_FILE_BYTES },
    headSha: pr.headSha,
    checkName: CHECK_NAME,
    me: ctx.me,
    marker: REPORT_MARKER,
  });
  // A blob GraphQL cannot give whole (binary, truncated) is read through REST.
  const text = pull.file === undefined ? await source.fileAt(commit, POLICY_PATH) : pull.file;
  source.knowFile(commit, POLICY_PATH, text);
  const policy =
    text === null ? defaultPolicy() : parsePolicy(text, `${commit.slice(0, 7)}:${POLICY_PATH}`);
  return { policy, pull };
}

/**
 * A fork's numbers cannot be trusted, its model can be evaluated: dispatch the base
 * branch's evaluation workflow with the fork's run id; its run comes back as a
 * `workflow_run` whose title names the PR and head sha (see docs/security.md).
 */
async function dispatchTrustedEvaluation(
  ctx: BotContext,
  pr: PullRef,
  headRunId: number,
  workflow: string,
  known: KnownCheck,
): Promise<void> {
  await ctx.octokit.rest.actions.createWorkflowDispatch({
    ...ctx.repo,
    workflow_id: workflow,
    ref: pr.baseRef,
    inputs: {
      model_run_id: String(headRunId),
      pull_request: String(pr.number),
      head_sha: pr.headSha,
    },
  });
  await progressCheck(
    ctx.octokit,
    ctx.repo,
    pr.headSha,
    ctx.me,
    {
      title: 'Trusted evaluation running',
      summary: `This PR comes from a fork, so the metrics its own workflow wrote are not trusted. The base branch’s \`${workflow}\` is evaluating its model (from workflow run ${headRunId}) with the base branch’s code and data; the gate follows that run.`,
    },
    known,
  );
}

/** `run-name` of a trusted evaluation: `cd4ml trusted evaluation #<pr> <head sha>`. */
export const TRUSTED_RUN_NAME = /cd4ml trusted evaluation #(\d+) ([0-9a-f]{40})/;
