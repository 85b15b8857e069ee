/**
 * GitHub's size limits, one constant each, in the unit GitHub counts. An issue or PR
 * comment body is limited in characters (GitHub answers 422 "body is too long (maximum is
 * 65536 characters)"); a check run's `output.summary` and `output.text` in bytes (422
 * "exceeds a maximum bytesize of 65535"); a report with emoji is ~4 bytes per emoji, so
 * the two are not interchangeable.
 */
export const GITHUB_LIMITS = {
  /** An issue or pull request comment body, and an issue body: characters. */
  commentChars: 65_536,
  /** A check run's `output.summary` and `output.text`, each: UTF-8 bytes. */
  checkRunOutputBytes: 65_535,
  /** A check run's `output.title`: characters. */
  checkRunTitleChars: 255,
  /** Annotations in one create/update check run request (more take further requests). */
  annotationsPerRequest: 50,
  /**
   * All outputs of one job together: bytes ("1 MB"), which GitHub counts in UTF-16 ("Size is
   * approximated based on UTF-16 encoding"; the runner fails the job with "Job outputs exceed
   * 1,048,576 bytes" past about 524,000 ASCII characters): 2 bytes a UTF-16 code unit, so
   * 500,000 ASCII characters here, the stricter reading.
   */
  jobOutputBytes: 1_000_000,
  /** One step's job summary (`GITHUB_STEP_SUMMARY`): bytes (1 MiB). */
  stepSummaryBytes: 1_048_576,
} as const;

/** How `fitMarkdown` measures: characters (UTF-16 code units, as GitHub counts them) or UTF-8 bytes. */
export type Limit = { chars: number } | { bytes: number };

const NOTE =
  '\n\n> ✂️ The rest of this report was cut to fit GitHub’s size limit; see the run’s artifacts for all of it.\n';

/** The size of `text` in the limit's unit. */
export function sizeOf(text: string, limit: Limit): number {
  return 'bytes' in limit ? Buffer.byteLength(text, 'utf8') : text.length;
}

function maxOf(limit: Limit): number {
  return 'bytes' in limit ? limit.bytes : limit.chars;
}

/**
 * Cuts markdown to fit `limit`, visibly and safely: at the last blank line that fits
 * (never inside a table row or a line), closing any `<details>` and code fence the cut
 * left open, then a note saying it was cut (`note` replaces the default). Text that fits
 * is returned unchanged.
 */
export function fitMarkdown(text: string, limit: Limit, note: string = NOTE): string {
  const max = maxOf(limit);
  if (sizeOf(text, limit) <= max) return text;
  // Index into `text` (characters); a character is at least one byte, so this bounds both.
  // In bytes, start where the text's average bytes per character says the limit falls
  // (one blank line back per try from there, not from a prefix many times too long).
  const start = Math.min(text.length, Math.floor((max * text.length) / sizeOf(text, limit)));
  let budget = start - note.length;
  for (;;) {
    let cut = budget > 0 ? text.lastIndexOf('\n\n', budget) : 0;
    if (cut <= 0 && budget > 0) cut = Math.max(0, text.lastIndexOf('\n', budget));
    const kept = text.slice(0, cut);
    const fitted = `${kept}${closing(kept)}${note}`;
    if (sizeOf(fitted, limit) <= max) return fitted;
    if (cut === 0) return truncate(fitted, limit);
    budget = cut - 1;
  }
}

/** What closes the code fence and the `<details>` blocks `kept` leaves open. */
function closing(kept: string): string {
  const fences = kept.split('\n').filter((line) => /^\s*```/.test(line)).length;
  const open = count(kept, '<details') - count(kept, '</details>');
  return `${fences % 2 === 1 ? '\n```' : ''}${'\n</details>'.repeat(Math.max(0, open))}`;
}

/** The longest prefix of whole code points that fits (a last resort: a limit smaller than the note). */
function truncate(text: string, limit: Limit): string {
  let out = '';
  for (const char of text) {
    if (sizeOf(out + char, limit) > maxOf(limit)) break;
    out += char;
  }
  return out;
}

function count(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) n++;
  return n;
}

/** What `fitOutputs` left out: the output's name and its size in bytes. */
export interface DroppedOutput {
  name: string;
  bytes: number;
}

/** A job output's size as GitHub counts it: UTF-16, 2 bytes a code unit (4 an emoji). */
export function outputBytes(text: string): number {
  return text.length * 2;
}

/**
 * Step outputs within GitHub's limit for a job's outputs together (`jobOutputBytes`, in
 * UTF-16 bytes of names and values): the largest values are emptied (never cut: a cut JSON
 * value is no value) until the rest fits, and named in `dropped` for the caller's note.
 */
export function fitOutputs(
  outputs: Record<string, string>,
  maxBytes: number = GITHUB_LIMITS.jobOutputBytes,
): { outputs: Record<string, string>; dropped: DroppedOutput[] } {
  const sizes = Object.entries(outputs).map(([name, value]) => ({
    name,
    bytes: outputBytes(value),
    named: outputBytes(name),
  }));
  let total = sizes.reduce((sum, s) => sum + s.bytes + s.named, 0);
  const fitted = { ...outputs };
  const dropped: DroppedOutput[] = [];
  for (const size of [...sizes].sort((a, b) => b.bytes - a.bytes)) {
    if (total <= maxBytes) break;
    fitted[size.name] = '';
    total -= size.bytes;
    dropped.push({ name: size.name, bytes: size.bytes });
  }
  return { outputs: fitted, dropped };
}
