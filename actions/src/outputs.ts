/**
 * A step's outputs and job summary within GitHub's limits (github/limits.ts): outputs
 * through `@actions/core` (each value in `GITHUB_OUTPUT` between random `ghadelimiter_<uuid>`
 * delimiters, so no value can end its own early and forge another output), emptied with a
 * warning when together over the 1 MB a job's outputs may hold (counted in UTF-16, as
 * GitHub counts them); the summary cut
 * markdown-safely to 1 MiB with a note saying where the whole of it is.
 */
import * as core from '@actions/core';
import { GITHUB_LIMITS, fitMarkdown, fitOutputs } from '../../github/limits.js';

/** Sets every output; `whereFull` names where an emptied output's data is (by output name). */
export function setOutputs(
  outputs: Record<string, string>,
  whereFull: Record<string, string> = {},
): void {
  const fitted = fitOutputs(outputs);
  for (const { name, bytes } of fitted.dropped) {
    core.warning(
      `cd4ml: output \`${name}\` (${bytes} bytes) was left empty: a job's outputs may hold ${GITHUB_LIMITS.jobOutputBytes} bytes together, which GitHub counts in UTF-16 (2 bytes a character). ${whereFull[name] ?? 'Read the data from the run artifact instead.'}`,
    );
  }
  for (const [name, value] of Object.entries(fitted.outputs)) core.setOutput(name, value);
}

/** Appends `markdown` to the step summary, cut to GitHub's 1 MiB with a note naming `whereFull`. */
export async function writeSummary(markdown: string, whereFull: string): Promise<void> {
  const note = `\n\n> ✂️ This summary was cut to GitHub's ${GITHUB_LIMITS.stepSummaryBytes}-byte limit for a step summary; the whole of it is ${whereFull}.\n`;
  const text = fitMarkdown(markdown, { bytes: GITHUB_LIMITS.stepSummaryBytes }, note);
  await core.summary.addRaw(text).write();
}
