import type { Octokit } from './octokit.js';
import type { Repo } from '../../github/repo.js';
import { Jobs, parse } from '../../github/schemas.js';

/** Lines of a failed job's log shown in a scheduled-run issue. */
export const LOG_TAIL_LINES = 60;

/** The first failed job of a run, its failed step's name and the tail of its log. */
export async function failedJobLogTail(
  octokit: Octokit,
  repo: Repo,
  runId: number,
): Promise<{ job: string; step: string | null; url: string | null; tail: string } | null> {
  const job = await firstFailedJob(octokit, repo, runId);
  if (!job) return null;
  const step = job.steps?.find((s) => s.conclusion === 'failure')?.name ?? null;
  let text: string;
  try {
    const log = await octokit.rest.actions.downloadJobLogsForWorkflowRun({
      ...repo,
      job_id: job.id,
    });
    const raw: unknown = log.data;
    text =
      typeof raw === 'string'
        ? raw
        : raw instanceof ArrayBuffer
          ? new TextDecoder().decode(raw)
          : '';
  } catch {
    text = '(the job log could not be downloaded)';
  }
  const lines = text.replace(/\r\n/g, '\n').trimEnd().split('\n');
  return {
    job: job.name,
    step,
    url: job.html_url ?? null,
    tail: lines.slice(-LOG_TAIL_LINES).join('\n'),
  };
}

/**
 * The run's first failed job, page by page (100 jobs a page; a compiled workflow can have
 * up to 256), stopping at the page that has it.
 */
async function firstFailedJob(octokit: Octokit, repo: Repo, runId: number) {
  const pages = octokit.paginate.iterator(octokit.rest.actions.listJobsForWorkflowRun, {
    ...repo,
    run_id: runId,
    filter: 'latest',
    per_page: 100,
  });
  for await (const { data } of pages) {
    const jobs = parse(Jobs, data, `GET /repos/{owner}/{repo}/actions/runs/${runId}/jobs`);
    const job = jobs.find((j) => j.conclusion === 'failure');
    if (job) return job;
  }
  return null;
}
