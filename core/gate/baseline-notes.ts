/**
 * The baseline search in words, for the report's notes: the base commit and where it came
 * from (the merge-base of both shas), the run used and how far back, why others were
 * skipped, and — when nothing was found — what was searched, so the reader knows what to
 * run or fix.
 */
import type { BaselineSearch } from './baseline.js';

const short = (sha: string) => sha.slice(0, 7);
/** Skipped runs listed at most; the rest are counted. */
const MAX_SKIPPED = 5;

export function baselineNotes(search: BaselineSearch, label: string): string[] {
  const notes: string[] = [];
  const start = search.start;
  if (search.head) {
    notes.push(
      start
        ? `The base commit is ${short(start)}, the merge-base of the head ${short(search.head)} and ${label} ${short(search.base)}.`
        : `The head ${short(search.head)} and ${label} ${short(search.base)} have no merge-base: no baseline.`,
    );
  }
  const where = !start
    ? label
    : search.head
      ? `the merge-base with ${label} (${short(start)})`
      : `${label} (${short(start)})`;
  if (search.used && search.used.distance > 0) {
    notes.push(
      `No run for ${where}; compared with the nearest earlier run, at ${short(search.used.commit)} (${search.used.label}, ${search.used.distance} first parent${search.used.distance === 1 ? '' : 's'} back).`,
    );
  }
  for (const skip of search.skipped.slice(0, MAX_SKIPPED)) {
    notes.push(`Skipped ${skip.label} at ${short(skip.commit)} as a baseline: ${skip.reason}.`);
  }
  if (search.skipped.length > MAX_SKIPPED) {
    notes.push(`… and ${search.skipped.length - MAX_SKIPPED} more runs skipped.`);
  }
  if (!search.used && start) {
    const searched = search.searched ? ` Searched: ${search.searched}.` : '';
    notes.push(
      `No successful run for ${where} or within ${search.depth - 1} first parents before it: run the pipeline there to get a baseline.${searched}`,
    );
  }
  return notes;
}
