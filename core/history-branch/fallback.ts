import { directoryRun } from '../gate/local-source.js';
import type { CandidateRun, RunRead, RunSource, SourcedRun } from '../gate/port.js';
import type { RunRecord } from '../run-record/schema.js';
import { toHistoryEntry } from '../run-artifact/history.js';
import type { StoredRun } from '../store/local-store.js';
import { indexEntry, runFile, type IndexEntry } from './layout.js';

/** A run found on the history branch: its record, where its files are, and its branch's trend. */
export interface HistoryMatch {
  record: RunRecord;
  /** The directory of its pulled copy; null when it was read through the API (no attachments). */
  dir: string | null;
  /** The branch's runs of the same branch and event up to it, oldest first (its trend). */
  earlier: readonly RunRecord[];
}

/** The history branch as a fallback: its name (for notes) and how to look a candidate up there. */
export interface HistoryFallback {
  branch: string;
  /**
   * The branch's record standing for `candidate`, or null when it has none. Throws when
   * the branch cannot be read (the report says why).
   */
  find(candidate: CandidateRun): Promise<HistoryMatch | null>;
}

/**
 * Does a branch run stand for `candidate`: the same commit and event, a success, and the
 * same branch when the candidate names one. Checked on the index and again on the record.
 */
export function standsFor(
  run: { commit: string | null; branch: string | null; event: string; status: string },
  candidate: CandidateRun,
): boolean {
  return (
    run.commit === candidate.commit &&
    run.event === candidate.event &&
    run.status === 'success' &&
    (candidate.branch === null || run.branch === candidate.branch)
  );
}

/** Is `run` part of `base`'s trend on the branch: the same branch and event, and not after it. */
export function inTrendOf(run: IndexEntry, base: RunRecord): boolean {
  return (
    run.branch === base.git.branch && run.event === base.event && run.createdAt <= base.createdAt
  );
}

/**
 * A fallback over the branch's runs as a list (`pullHistory` then `knownRuns`: the
 * actions' checkout), loaded once on first need: the record of that very workflow run
 * (by `ci.runUrl`), else the newest run standing for the candidate, with the branch's
 * runs before it (at most `historyLength`, default 200) as its trend.
 */
export function runsFallback(
  branch: string,
  load: () => Promise<readonly StoredRun[]>,
  historyLength = 200,
): HistoryFallback {
  let loaded: Promise<readonly StoredRun[]> | undefined;
  return {
    branch,
    async find(candidate) {
      const runs = await (loaded ??= load());
      const usable = runs.filter(({ record }) => standsFor(indexEntry(record), candidate));
      const same = candidate.url
        ? usable.find((run) => run.record.ci?.runUrl === candidate.url)
        : undefined;
      const found = same ?? usable.at(-1);
      if (!found) return null;
      const record = found.record;
      const earlier = runs
        .map((run) => run.record)
        .filter((other) => inTrendOf(indexEntry(other), record))
        .slice(-historyLength);
      return { record, dir: found.dir, earlier };
    },
  };
}

/**
 * `source`, but a candidate whose record cannot be read (its artifact expired, or was
 * never uploaded) is looked for on the history branch. Such a run says so in its `note`
 * (the report shows it) and carries the branch's earlier runs as its history, so the
 * trend goes on. The branch is read only when an artifact is missing. Trust is the
 * source's: the candidate was already accepted by the platform's word, and the history
 * branch is written only by this repository's push runs.
 */
export function withHistoryFallback<S extends RunSource>(source: S, history: HistoryFallback): S {
  async function readRun(candidate: CandidateRun): Promise<RunRead> {
    const read = await source.readRun(candidate);
    if (!('missing' in read)) return read;
    let found: HistoryMatch | null;
    try {
      found = await history.find(candidate);
    } catch (error) {
      const why = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      return {
        missing: `${read.missing}; the ${history.branch} branch could not be read (${why})`,
      };
    }
    if (!found)
      return { missing: `${read.missing}, and the ${history.branch} branch has no record of it` };
    const file = runFile(found.record.id);
    return {
      run: fromHistory(found, {
        source: `${history.branch}:${file}`,
        note: `The baseline ${candidate.label}: ${read.missing}; its record came from the \`${history.branch}\` branch (${file}), which keeps no per-example predictions.`,
      }),
    };
  }

  // The source as prototype: its getters (a request count) and extra methods stay live.
  return Object.assign(Object.create(source) as S, { readRun });
}

function fromHistory(found: HistoryMatch, options: { source: string; note: string }): SourcedRun {
  const base: SourcedRun = found.dir
    ? directoryRun(found.record, found.dir, options.source)
    : { record: found.record, source: options.source, readAttachment: () => Promise.resolve(null) };
  return {
    ...base,
    carriedHistory: found.earlier.map((record) => toHistoryEntry(record)),
    note: options.note,
  };
}
