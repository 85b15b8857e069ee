import { Cd4mlError } from '../errors.js';

/**
 * GitHub's documented limits that a compiled workflow can run into
 * (docs.github.com/en/actions/reference/limits and the actions/upload-artifact README).
 * They are GitHub's, not ours: past them GitHub refuses to start the run or fails the
 * job, so `cd4ml workflow` refuses to write such a file instead.
 */
export const WORKFLOW_LIMITS = {
  /** "A workflow file larger than 500 KB will not start runs." Read as 500 × 1000 bytes, the stricter reading. */
  workflowFileBytes: 500_000,
  /**
   * "A matrix can generate a maximum of 256 jobs per workflow run": GitHub counts every
   * job of the run (each matrix leg, each plain job) against it, not each matrix alone.
   */
  jobsPerRun: 256,
  /** "Within an individual job, there is a limit of 500 artifacts that can be created for that job." */
  artifactsPerJob: 500,
} as const;

/** What the compiled workflow adds up to, for the limit checks. */
export interface WorkflowSize {
  bytes: number;
  /** Jobs each job id runs as: its matrix legs, or 1. */
  jobs: ReadonlyMap<string, number>;
  /** Artifacts each job uploads, by job id. */
  uploads: ReadonlyMap<string, number>;
}

/** Throws `E_USAGE` naming the limit, the figure, and what to do, when a limit is exceeded. */
export function checkLimits(size: WorkflowSize, where: string): void {
  const problems: string[] = [];
  if (size.bytes > WORKFLOW_LIMITS.workflowFileBytes)
    problems.push(
      `the workflow would be ${formatKb(size.bytes)}, over GitHub's ${formatKb(WORKFLOW_LIMITS.workflowFileBytes)} limit per workflow file (GitHub would not start it)`,
    );
  const total = [...size.jobs.values()].reduce((n, legs) => n + legs, 0);
  if (total > WORKFLOW_LIMITS.jobsPerRun) {
    const largest = [...size.jobs]
      .filter(([, legs]) => legs > 1)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([job, legs]) => `'${job}' a matrix of ${legs}`);
    problems.push(
      `a run would have ${total} jobs${largest.length > 0 ? ` (${largest.join(', ')})` : ''}, over GitHub's limit of ${WORKFLOW_LIMITS.jobsPerRun} jobs per workflow run`,
    );
  }
  for (const [job, count] of size.uploads)
    if (count > WORKFLOW_LIMITS.artifactsPerJob)
      problems.push(
        `job '${job}' would upload ${count} artifacts, over GitHub's limit of ${WORKFLOW_LIMITS.artifactsPerJob} per job`,
      );
  if (problems.length === 0) return;
  throw new Cd4mlError(
    'E_USAGE',
    `cannot compile ${where} into one GitHub Actions workflow: ${problems.join('; ')}`,
    {
      hint: 'split the pipeline into several pipeline files (one workflow each), or fold small stages into one: see docs/scale-out.md#limits',
    },
  );
}

function formatKb(bytes: number): string {
  return `${(bytes / 1000).toFixed(bytes < 10_000 ? 1 : 0)} KB`;
}
