import type { AppIdentity } from '../../github/identity.js';
import { isOurs } from '../../github/identity.js';
import { GITHUB_LIMITS, fitMarkdown } from '../../github/limits.js';
import type { Octokit } from './octokit.js';
import type { Repo } from '../../github/repo.js';
import { CheckRuns, parse } from '../../github/schemas.js';

/** The check run's name, which branch protection requires (pinned to this app). */
export const CHECK_NAME = 'cd4ml / model gate';

export type CheckConclusion = 'success' | 'failure' | 'neutral' | 'action_required';

export interface CheckOutcome {
  conclusion: CheckConclusion;
  title: string;
  summary: string;
  detailsUrl?: string;
  /** Buttons under the check run (e.g. "Re-compare"). */
  actions?: Array<{ label: string; description: string; identifier: string }>;
}

/**
 * The latest check runs named `CHECK_NAME` on `sha` (GitHub filters by app when its id is
 * known). Callers keep only ours: a check of the same name from another app or workflow
 * must neither be updated nor count as the gate's verdict.
 */
async function listChecks(octokit: Octokit, repo: Repo, sha: string, me: AppIdentity) {
  const { data } = await octokit.rest.checks.listForRef({
    ...repo,
    ref: sha,
    check_name: CHECK_NAME,
    filter: 'latest',
    per_page: 100,
    ...(me.appId !== null ? { app_id: me.appId } : {}),
  });
  return parse(CheckRuns, data, 'GET /repos/{owner}/{repo}/commits/{ref}/check-runs').check_runs;
}

/** Our newest check run on a commit, if any. */
async function findCheck(
  octokit: Octokit,
  repo: Repo,
  sha: string,
  me: AppIdentity,
): Promise<{ id: number; status: string } | null> {
  const ours = (await listChecks(octokit, repo, sha, me)).filter(
    (run) => run.head_sha === sha && isOurs(run, me),
  );
  const newest = ours.sort((a, b) => b.id - a.id)[0];
  return newest ? { id: newest.id, status: newest.status } : null;
}

/** What `completeCheck` and `progressCheck` set on our check run. */
interface CheckFields {
  status: 'in_progress' | 'completed';
  conclusion?: CheckConclusion;
  completed_at?: string;
  details_url?: string;
  actions?: CheckOutcome['actions'];
  output: { title: string; summary: string };
}

/**
 * Our newest check run on a commit, when the caller already read it (the gate's one
 * GraphQL request, github/pull-context.ts): null is "none yet", undefined "not known, list".
 */
export type KnownCheck = { id: number; status: string } | null | undefined;

/** Updates our newest check run on `sha` with `fields`, or creates it when there is none. */
async function upsertCheck(
  octokit: Octokit,
  repo: Repo,
  sha: string,
  me: AppIdentity,
  fields: CheckFields,
  known: KnownCheck,
): Promise<number> {
  const existing = known === undefined ? await findCheck(octokit, repo, sha, me) : known;
  if (existing) {
    await octokit.rest.checks.update({ ...repo, check_run_id: existing.id, ...fields });
    return existing.id;
  }
  const { data } = await octokit.rest.checks.create({
    ...repo,
    name: CHECK_NAME,
    head_sha: sha,
    ...fields,
  });
  return data.id;
}

/**
 * Creates the queued check run for a commit ("waiting for the ML workflow"), so a required
 * check never waits silently; a commit that already has ours keeps it (duplicate deliveries).
 */
export async function queueCheck(
  octokit: Octokit,
  repo: Repo,
  sha: string,
  me: AppIdentity,
  summary = 'Waiting for the ML workflow to upload its `cd4ml-run` artifact.',
): Promise<number> {
  const existing = await findCheck(octokit, repo, sha, me);
  if (existing) return existing.id;
  const { data } = await octokit.rest.checks.create({
    ...repo,
    name: CHECK_NAME,
    head_sha: sha,
    status: 'queued',
    output: { title: 'Waiting for the ML workflow', summary },
  });
  return data.id;
}

/** Completes our check run on `sha` (updating the queued one, or creating it; `known`: see KnownCheck). */
export async function completeCheck(
  octokit: Octokit,
  repo: Repo,
  sha: string,
  me: AppIdentity,
  outcome: CheckOutcome,
  known?: KnownCheck,
): Promise<number> {
  const fields = {
    status: 'completed' as const,
    conclusion: outcome.conclusion,
    completed_at: new Date().toISOString(),
    ...(outcome.detailsUrl ? { details_url: outcome.detailsUrl } : {}),
    ...(outcome.actions ? { actions: outcome.actions } : {}),
    output: {
      title: outcome.title.slice(0, GITHUB_LIMITS.checkRunTitleChars),
      // GitHub counts the summary in bytes (422 "exceeds a maximum bytesize of 65535").
      summary: fitMarkdown(outcome.summary, { bytes: GITHUB_LIMITS.checkRunOutputBytes }),
    },
  };
  return upsertCheck(octokit, repo, sha, me, fields, known);
}

/** Marks our check run on `sha` as in progress with a note (creating it when there is none). */
export async function progressCheck(
  octokit: Octokit,
  repo: Repo,
  sha: string,
  me: AppIdentity,
  output: { title: string; summary: string },
  known?: KnownCheck,
): Promise<number> {
  const fields = {
    status: 'in_progress' as const,
    output: {
      title: output.title.slice(0, GITHUB_LIMITS.checkRunTitleChars),
      summary: fitMarkdown(output.summary, { bytes: GITHUB_LIMITS.checkRunOutputBytes }),
    },
  };
  return upsertCheck(octokit, repo, sha, me, fields, known);
}

/** Our newest completed check run's conclusion on `sha`, or null. */
export async function checkConclusion(
  octokit: Octokit,
  repo: Repo,
  sha: string,
  me: AppIdentity,
): Promise<string | null> {
  const newest = (await listChecks(octokit, repo, sha, me))
    .filter((run) => isOurs(run, me))
    .sort((a, b) => b.id - a.id)[0];
  return newest?.status === 'completed' ? (newest.conclusion ?? null) : null;
}
