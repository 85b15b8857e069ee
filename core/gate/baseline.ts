/**
 * The one baseline rule, for the CLI, the actions and the bot alike:
 * 1. the base commit is the merge-base of the head and the base (a PR's base sha is the
 *    base branch's tip, which may hold commits the PR never saw);
 * 2. walk that commit and its first parents, up to `BASELINE_DEPTH` commits;
 * 3. at each commit take the newest run that is trusted (GitHub: made by this
 *    repository's own code, on `push` to the base branch; locally: any run in your store),
 *    successful, and clean (its record says it ran at that very commit from an unmodified
 *    tree), never the head run itself;
 * 4. report which run was used and why each newer or nearer one was skipped.
 * Sources only answer data questions (`RunSource`); this file decides.
 */
import { toHistoryEntry, type HistoryEntry } from '../run-artifact/history.js';
import type { Baseline, CandidateRun, RunSource, SourcedRun } from './port.js';

/** First-parent commits searched for a baseline, the base commit included (documented in docs/compare.md). */
export const BASELINE_DEPTH = 50;

/** First parents `walkedHistory` reads at least for the trend (a shallow clone fetches this many). */
export const WALKED_COMMITS = 100;

/** A run the rule looked at and did not take, and why. */
export interface SkippedRun {
  label: string;
  commit: string;
  reason: string;
}

/** How the baseline was chosen: shown in the report. */
export interface BaselineSearch {
  /** The head commit, when the merge-base was computed from it. */
  head: string | null;
  /** The base side as given (a PR's base sha). */
  base: string;
  /** Where the search started: the merge-base of head and base, or `base`. */
  start: string | null;
  /** The branch whose runs count (null: any). */
  branch: string | null;
  /** Commits looked at, newest first, up to the depth. */
  walked: number;
  depth: number;
  /** The run used, its commit, and how many first parents before `start` it is. */
  used: { label: string; commit: string; distance: number; url?: string } | null;
  skipped: SkippedRun[];
  /** What the source searched (REST: workflow, branch, filters), when it says. */
  searched: string | null;
  /** The search in words, as the text and JSON reports' notes give it (markdown has a section). */
  notes?: readonly string[];
}

export interface BaselineQuery {
  /** The base side (a PR's base sha, or the commit to compare with). */
  base: string;
  /** The head commit: with it, the search starts at merge-base(head, base). */
  head?: string | null;
  /** The branch whose push runs count (GitHub); null: any. */
  branch?: string | null;
  /** The head run's record id: never its own baseline. */
  excludeRunId?: string;
  depth?: number;
}

/** Finds the baseline by the rule; `search` says how, for the report. */
export async function chooseBaseline(
  source: RunSource,
  query: BaselineQuery,
): Promise<{ base: Baseline | null; search: BaselineSearch }> {
  const depth = query.depth ?? BASELINE_DEPTH;
  const branch = query.branch ?? null;
  const start = query.head ? await source.mergeBase(query.base, query.head) : query.base;
  const search: BaselineSearch = {
    head: query.head ?? null,
    base: query.base,
    start,
    branch,
    walked: 0,
    depth,
    used: null,
    skipped: [],
    searched: null,
  };
  if (start) {
    // The start first: its first parents are asked for only when it has no usable run.
    const line = async () => [start, ...(await source.firstParents(start, depth)).slice(1)];
    let commits: string[] = [start];
    for (let distance = 0; distance < Math.min(depth, commits.length); distance++) {
      const commit = commits[distance] ?? start;
      search.walked++;
      const found = await usableRunAt(source, commit, branch, query.excludeRunId, search.skipped);
      if (found) {
        search.used = { label: found.candidate.label, commit, distance, ...urlOf(found.candidate) };
        search.searched = source.searched?.() ?? null;
        return { base: { run: found.run, commit }, search };
      }
      if (distance === 0 && depth > 1) commits = await line();
    }
  }
  search.searched = source.searched?.() ?? null;
  return { base: null, search };
}

/**
 * Up to `limit` baseline runs along the first-parent line from `base.commit` (the base run
 * first), oldest first: the trend when the base run carries no history. Only for a local
 * source: over REST each commit would cost a download, and push runs carry their history.
 */
export async function walkedHistory(
  source: RunSource,
  base: Baseline,
  branch: string | null,
  limit: number,
): Promise<HistoryEntry[]> {
  if (!base.commit || limit === 0) return [];
  const entries: HistoryEntry[] = [];
  for (const commit of await source.firstParents(
    base.commit,
    Math.max(limit * 5, WALKED_COMMITS),
  )) {
    if (entries.length >= limit) break;
    const found = await usableRunAt(source, commit, branch, undefined, []);
    if (found) entries.push(toHistoryEntry(found.run.record));
  }
  return entries.reverse();
}

function urlOf(candidate: CandidateRun): { url?: string } {
  return candidate.url ? { url: candidate.url } : {};
}

/** The newest run at `commit` the rule accepts; every one passed over is added to `skipped`. */
async function usableRunAt(
  source: RunSource,
  commit: string,
  branch: string | null,
  excludeRunId: string | undefined,
  skipped: SkippedRun[],
): Promise<{ run: SourcedRun; candidate: CandidateRun } | null> {
  const candidates = [...(await source.candidateRuns(commit, branch))].sort((a, b) =>
    b.createdAt.localeCompare(a.createdAt),
  );
  for (const candidate of candidates) {
    const refused = refusal(source, candidate, commit, branch);
    if (refused) {
      skipped.push({ label: candidate.label, commit, reason: refused });
      continue;
    }
    const read = await source.readRun(candidate);
    if ('missing' in read) {
      skipped.push({ label: candidate.label, commit, reason: read.missing });
      continue;
    }
    const reason = recordRefusal(source, read.run, commit, excludeRunId);
    if (reason === 'the head run itself') continue;
    if (reason) {
      skipped.push({ label: candidate.label, commit, reason });
      continue;
    }
    return { run: read.run, candidate };
  }
  return null;
}

/** Why the platform's word on a candidate rules it out, or null. */
function refusal(
  source: RunSource,
  candidate: CandidateRun,
  commit: string,
  branch: string | null,
): string | null {
  if (candidate.commit !== commit) return `it ran at ${candidate.commit.slice(0, 7)}`;
  if (!candidate.succeeded) return 'it did not succeed';
  if (source.trust === 'local') return null;
  if (!candidate.sameRepository) return "a fork's run (its workflow could write any numbers)";
  if (candidate.event !== 'push') return `a \`${candidate.event}\` run, not a push`;
  if (branch !== null && candidate.branch !== branch)
    return `a run of \`${candidate.branch ?? '?'}\`, not \`${branch}\``;
  return null;
}

/** Why the record itself rules the run out, or null. */
function recordRefusal(
  source: RunSource,
  run: SourcedRun,
  commit: string,
  excludeRunId: string | undefined,
): string | null {
  const record = run.record;
  if (record.id === excludeRunId) return 'the head run itself';
  if (record.git.commit !== commit)
    return `its record says it ran at ${(record.git.commit ?? 'no commit').slice(0, 7)}`;
  if (record.git.dirty) return 'its record was made from a modified working tree';
  if (record.status !== 'success') return 'a stage failed in it';
  if (source.trust === 'github' && record.event !== 'push')
    return `its record says \`${record.event}\`, not a push`;
  return null;
}
