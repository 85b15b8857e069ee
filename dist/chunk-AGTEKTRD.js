import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  percentile
} from "./chunk-5ZLPMS4V.js";
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";
import {
  nullable,
  number,
  object,
  optional,
  record,
  string
} from "./chunk-JK3JTSK4.js";

// core/shadow/summary.ts
import { readFile, stat } from "node:fs/promises";
var Latency = object({
  p50: number(),
  p95: number(),
  p99: number(),
  samples: number()
});
var ShadowSummary = object({
  model: string(),
  candidate: number(),
  rate: number(),
  tolerance: object({ atol: number(), rtol: number() }),
  /** Requests run on the candidate (agreed + disagreed + errors). */
  mirrored: number(),
  agreed: number(),
  disagreed: number(),
  errors: number(),
  /** Requests not mirrored because the queue was full. */
  dropped: number(),
  pending: number(),
  /** agreed / (agreed + disagreed); null before any comparison. */
  agreement: nullable(number()),
  maxScoreDiff: number(),
  outputDisagreements: record(string(), number()),
  lastError: optional(string()),
  /** Inference latency in milliseconds over the most recent comparisons. */
  primaryMs: nullable(Latency),
  candidateMs: nullable(Latency),
  /** Server processes summed (`--workers`); absent in summaries from before it was counted. */
  workers: optional(number())
});
function mergeShadowCounts(first, rest) {
  const merged = {
    ...first,
    outputDisagreements: { ...first.outputDisagreements },
    primarySeconds: [...first.primarySeconds],
    candidateSeconds: [...first.candidateSeconds]
  };
  for (const c of rest) {
    for (const key of [
      "mirrored",
      "agreed",
      "disagreed",
      "errors",
      "dropped",
      "pending",
      "workers"
    ])
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
function latency(seconds) {
  if (seconds.length === 0) return null;
  const sorted = Float64Array.from(seconds).sort();
  const ms = (q) => Math.round(percentile(sorted, q) * 1e6) / 1e3;
  return { p50: ms(0.5), p95: ms(0.95), p99: ms(0.99), samples: sorted.length };
}
function summarizeShadow(c) {
  const compared = c.agreed + c.disagreed;
  const { primarySeconds, candidateSeconds, lastError, ...counts } = c;
  return {
    ...counts,
    ...lastError === void 0 ? {} : { lastError },
    agreement: compared === 0 ? null : c.agreed / compared,
    primaryMs: latency(primarySeconds),
    candidateMs: latency(candidateSeconds)
  };
}
function toShadowSummary(value) {
  const result = ShadowSummary.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  return new Error(
    `is not a cd4ml shadow summary: ${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`
  );
}
function parseShadowSummary(value, source) {
  const summary = toShadowSummary(value);
  if (!(summary instanceof Error)) return summary;
  throw new Cd4mlError("E_IO", `${source} ${summary.message}`, {
    hint: "point --from at a server started with cd4ml serve --shadow, or at a file saved from its /shadow"
  });
}
var MAX_FILE_BYTES = 1024 * 1024;
async function readShadowSummaryFile(path, field) {
  const fail = (message) => new Cd4mlError("E_USAGE", message, {
    location: { file: path, field },
    hint: "save the summary with `cd4ml shadow report --from http://<server> --json <file>`"
  });
  let text;
  try {
    if ((await stat(path)).size > MAX_FILE_BYTES)
      throw fail(`is over ${MAX_FILE_BYTES} bytes, too large for a shadow summary`);
    text = await readFile(path, "utf8");
  } catch (err) {
    if (err instanceof Cd4mlError) throw err;
    throw fail(`cannot be read (${err.code ?? String(err)})`);
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw fail(`is not JSON: ${err.message}`);
  }
  const summary = toShadowSummary(value);
  if (summary instanceof Error) throw fail(summary.message);
  return summary;
}

export {
  ShadowSummary,
  mergeShadowCounts,
  summarizeShadow,
  toShadowSummary,
  parseShadowSummary,
  readShadowSummaryFile
};
//# sourceMappingURL=chunk-AGTEKTRD.js.map
