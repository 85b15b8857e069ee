import { readFile, stat } from 'node:fs/promises';
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
  /** Server processes summed (`--workers`); absent in summaries from before it was counted. */
  workers: z.optional(z.number()),
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
  /** Processes these counts come from (1 for one server process). */
  workers: number;
}

/**
 * The counts of several server processes (`--workers`) as one: sums, the largest score
 * difference, every process's latency samples (the quantiles are then over all of them).
 */
export function mergeShadowCounts(
  first: ShadowCounts,
  rest: readonly ShadowCounts[],
): ShadowCounts {
  const merged: ShadowCounts = {
    ...first,
    outputDisagreements: { ...first.outputDisagreements },
    primarySeconds: [...first.primarySeconds],
    candidateSeconds: [...first.candidateSeconds],
  };
  for (const c of rest) {
    for (const key of [
      'mirrored',
      'agreed',
      'disagreed',
      'errors',
      'dropped',
      'pending',
      'workers',
    ] as const)
      merged[key] += c[key];
    merged.maxScoreDiff = Math.max(merged.maxScoreDiff, c.maxScoreDiff);
    for (const [name, n] of Object.entries(c.outputDisagreements))
      merged.outputDisagreements[name] = (merged.outputDisagreements[name] ?? 0) + n;
    merged.lastError ??= c.lastError;
    merged.primarySeconds = merged.primarySeconds.concat(c.primarySeconds);
    merged.candidateSeconds = merged.candidateSeconds.concat(c.candidateSeconds);
  }
  return merged;
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

/** The summary in `value`, or an Error saying which field is wrong. */
export function toShadowSummary(value: unknown): ShadowSummary | Error {
  const result = ShadowSummary.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  return new Error(
    `is not a cd4ml shadow summary: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
  );
}

/** Reads a /shadow answer (or a file holding one); the error names the field. */
export function parseShadowSummary(value: unknown, source: string): ShadowSummary {
  const summary = toShadowSummary(value);
  if (!(summary instanceof Error)) return summary;
  throw new Cd4mlError('E_IO', `${source} ${summary.message}`, {
    hint: 'point --from at a server started with cd4ml serve --shadow, or at a file saved from its /shadow',
  });
}

/** Summaries are a few KB; a large file is not one. */
const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Reads a summary `cd4ml shadow report --json` saved, for `cd4ml record --shadow` and the
 * compare action's `shadow-summary`: errors name the file and `field` (the option or input).
 */
export async function readShadowSummaryFile(path: string, field: string): Promise<ShadowSummary> {
  const fail = (message: string): Cd4mlError =>
    new Cd4mlError('E_USAGE', message, {
      location: { file: path, field },
      hint: 'save the summary with `cd4ml shadow report --from http://<server> --json <file>`',
    });
  let text: string;
  try {
    if ((await stat(path)).size > MAX_FILE_BYTES)
      throw fail(`is over ${MAX_FILE_BYTES} bytes, too large for a shadow summary`);
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (err instanceof Cd4mlError) throw err;
    throw fail(`cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw fail(`is not JSON: ${(err as Error).message}`);
  }
  const summary = toShadowSummary(value);
  if (summary instanceof Error) throw fail(summary.message);
  return summary;
}
