import * as z from '../yaml/zod.js';
import { RunRecord, Scalar, StageResult } from '../run-record/schema.js';

export const FRAGMENT_FORMAT = 'cd4ml/workflow-fragment@1';

const LockEntry = z.object({
  cmd: z.union([z.string(), z.array(z.string())]),
  deps: z.optional(z.array(z.object({ path: z.string(), hash: z.string(), size: z.number() }))),
  params: z.optional(z.record(z.string(), z.record(z.string(), z.unknown()))),
  outs: z.optional(z.array(z.object({ path: z.string(), hash: z.string(), size: z.number() }))),
});

/**
 * What one stage job of a compiled workflow hands to the final job (beside its outs):
 * the stage's result, its new lock entry (null when it did not succeed), and the parts
 * of its run record that describe the whole run (when, which params, which CI run).
 */
export const Fragment = z.object({
  format: z.literal(FRAGMENT_FORMAT),
  stage: z.string(),
  result: StageResult,
  lock: z.nullable(LockEntry),
  run: z.object({
    startedAt: z.string(),
    finishedAt: z.string(),
    params: z.record(z.string(), Scalar),
    event: z.optional(z.string()),
    ci: RunRecord.shape.ci,
  }),
});
export type Fragment = z.infer<typeof Fragment>;
