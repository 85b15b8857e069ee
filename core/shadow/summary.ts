import { Cd4mlError } from '../errors.js';
import * as z from '../yaml/zod.js';
import { percentile } from '../stats/bootstrap.js';

/**
 * Shadow traffic, summarised: what a server mirroring live requests to a candidate version
 * saw (serving/shadow.ts keeps the counts), as its /shadow endpoint answers and as
 * `cd4ml shadow report` and the PR report read it back.
 */

const Latency = z.object({
  p50: z.number(),
  p95: z.number(),
  p99: z.number(),
  samples: z.number(),
});

export const ShadowSummary = z.object({
  model: z.string(),
  candidate: z.number(),
  rate: z.number(),
  tolerance: z.object({ atol: z.number(), rtol: z.number() }),
  /** Requests run on the candidate (agreed + disagreed + errors). */
  mirrored: z.number(),
  agreed: z.number(),
  disagreed: z.number(),
  errors: z.number(),
  /** Requests not mirrored because the queue was full. */
  dropped: z.number(),
  pending: z.number(),
  /** agreed / (agreed + disagreed); null before any comparison. */
  agreement: z.nullable(z.number()),
  maxScoreDiff: z.number(),
  outputDisagreements: z.record(z.string(), z.number()),
  lastError: z.optional(z.string()),
  /** Inference latency in milliseconds over the most recent comparisons. */
  primaryMs: z.nullable(Latency),
  candidateMs: z.nullable(Latency),
});
export type ShadowSummary = z.infer<typeof ShadowSummary>;

export interface ShadowCounts {
  model: string;
  candidate: number;
  rate: number;
  tolerance: { atol: number; rtol: number };
  mirrored: number;
  agreed: number;
  disagreed: number;
  errors: number;
  dropped: number;
  pending: number;
  maxScoreDiff: number;
  outputDisagreements: Record<string, number>;
  lastError: string | undefined;
  primarySeconds: readonly number[];
  candidateSeconds: readonly number[];
}

function latency(seconds: readonly number[]): ShadowSummary['primaryMs'] {
  if (seconds.length === 0) return null;
  const sorted = Float64Array.from(seconds).sort();
  const ms = (q: number): number => Math.round(percentile(sorted, q) * 1e6) / 1e3;
  return { p50: ms(0.5), p95: ms(0.95), p99: ms(0.99), samples: sorted.length };
}

export function summarizeShadow(c: ShadowCounts): ShadowSummary {
  const compared = c.agreed + c.disagreed;
  const { primarySeconds, candidateSeconds, lastError, ...counts } = c;
  return {
    ...counts,
    ...(lastError === undefined ? {} : { lastError }),
    agreement: compared === 0 ? null : c.agreed / compared,
    primaryMs: latency(primarySeconds),
    candidateMs: latency(candidateSeconds),
  };
}

/** Reads a /shadow answer (or a file holding one); the error names the field. */
export function parseShadowSummary(value: unknown, source: string): ShadowSummary {
  const result = ShadowSummary.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new Cd4mlError(
    'E_IO',
    `${source} is not a cd4ml shadow summary: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
    {
      hint: 'point --from at a server started with cd4ml serve --shadow, or at a file saved from its /shadow',
    },
  );
}
