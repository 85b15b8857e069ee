// GitHub's per-run and per-job limits as `cd4ml workflow` checks them (core/workflow/limits.ts):
// at a limit is accepted, one past it is a usage error naming the limit, the figure and the fix.
import { describe, expect, it } from 'vitest';
import { WORKFLOW_LIMITS, checkLimits, type WorkflowSize } from './limits.js';

const size = (over: Partial<WorkflowSize>): WorkflowSize => ({
  bytes: 1000,
  jobs: new Map([['train', 1]]),
  uploads: new Map([['train', 2]]),
  ...over,
});

describe('checkLimits', () => {
  it('accepts 500 artifacts in a job and refuses 501, naming the job and the limit', () => {
    expect(WORKFLOW_LIMITS.artifactsPerJob).toBe(500);
    expect(() =>
      checkLimits(size({ uploads: new Map([['train', 500]]) }), 'cd4ml.yaml'),
    ).not.toThrow();
    expect(() => checkLimits(size({ uploads: new Map([['train', 501]]) }), 'cd4ml.yaml')).toThrow(
      expect.objectContaining({
        code: 'E_USAGE',
        message: expect.stringMatching(
          /^cannot compile cd4ml\.yaml into one GitHub Actions workflow: job 'train' would upload 501 artifacts, over GitHub's limit of 500 per job\n/,
        ) as unknown,
        hint: expect.stringContaining('docs/scale-out.md#limits') as unknown,
      }),
    );
  });

  it('accepts a 500,000-byte file and refuses one byte more', () => {
    expect(() => checkLimits(size({ bytes: 500_000 }), 'p.yaml')).not.toThrow();
    expect(() => checkLimits(size({ bytes: 500_001 }), 'p.yaml')).toThrow(
      /the workflow would be 500 KB, over GitHub's 500 KB limit per workflow file/,
    );
  });

  it('says every limit a workflow is past, in one error', () => {
    const jobs = new Map([['sweep', 300]]);
    expect(() =>
      checkLimits(size({ bytes: 600_000, jobs, uploads: new Map([['sweep', 600]]) }), 'p.yaml'),
    ).toThrow(/600 KB[\s\S]*300 jobs \('sweep' a matrix of 300\)[\s\S]*600 artifacts/);
  });
});
