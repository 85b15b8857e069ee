import type { Octokit } from './octokit.js';
import type { Repo } from '../../github/repo.js';

/** Lines of a failed job's log shown in a scheduled-run issue. */
export const LOG_TAIL_LINES = 60;

/** The first failed job of a run, its failed step's name and the tail of its log. */
export async function failedJobLogTail(
  octokit: Octokit,
  repo: Repo,
  runId: number,
): Promise<{ job: string; step: string | null; url: string | null; tail: string } | null> {
  const { data } = await octokit.rest.actions.listJobsForWorkflowRun({
    ...repo,
    run_id: runId,
    filter: 'latest',
    per_page: 100,
  });
  const job = data.jobs.find((j) => j.conclusion === 'failure') ?? null;
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
