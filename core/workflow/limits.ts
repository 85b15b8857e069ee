import { Cd4mlError } from '../errors.js';

/**
 * GitHub's documented limits that a compiled workflow can run into
 * (docs.github.com/en/actions/reference/limits and the actions/upload-artifact README).
 * They are GitHub's, not ours: past them GitHub refuses to start the run or fails the
 * job, so `cd4ml workflow` refuses to write such a file instead.
 */
export const GITHUB_LIMITS = {
  /** "A workflow file larger than 500 KB will not start runs." Read as 500 × 1000 bytes, the stricter reading. */
  workflowFileBytes: 500_000,
  /** "A job matrix can generate a maximum of 256 jobs per workflow run." */
  matrixJobs: 256,
  /** "Within an individual job, there is a limit of 500 artifacts that can be created for that job." */
  artifactsPerJob: 500,
} as const;

/** What the compiled workflow adds up to, for the limit checks. */
export interface WorkflowSize {
  bytes: number;
  /** Legs of each matrix job, by job id. */
  matrices: ReadonlyMap<string, number>;
  /** Artifacts each job uploads, by job id. */
  uploads: ReadonlyMap<string, number>;
}

/** Throws `E_USAGE` naming the limit, the figure, and what to do, when a limit is exceeded. */
export function checkLimits(size: WorkflowSize, where: string): void {
  const problems: string[] = [];
  if (size.bytes > GITHUB_LIMITS.workflowFileBytes)
    problems.push(
      `the workflow would be ${formatKb(size.bytes)}, over GitHub's ${formatKb(GITHUB_LIMITS.workflowFileBytes)} limit per workflow file (GitHub would not start it)`,
    );
  for (const [job, legs] of size.matrices)
    if (legs > GITHUB_LIMITS.matrixJobs)
      problems.push(
        `job '${job}' would be a matrix of ${legs} jobs, over GitHub's limit of ${GITHUB_LIMITS.matrixJobs} jobs per matrix`,
      );
  for (const [job, count] of size.uploads)
    if (count > GITHUB_LIMITS.artifactsPerJob)
      problems.push(
        `job '${job}' would upload ${count} artifacts, over GitHub's limit of ${GITHUB_LIMITS.artifactsPerJob} per job`,
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
