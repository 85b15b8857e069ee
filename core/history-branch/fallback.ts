import { directoryRun } from '../gate/local-source.js';
import type { CandidateRun, RunRead, RunSource, SourcedRun } from '../gate/port.js';
import { toHistoryEntry } from '../run-artifact/history.js';
import type { StoredRun } from '../store/local-store.js';
import { runFile } from './layout.js';

/** The history branch as a fallback: its name (for notes) and its runs, loaded on first need. */
export interface HistoryFallback {
  branch: string;
  /** The branch's runs (e.g. `pullHistory` then `knownRuns`); a failure is reported, not thrown. */
  load(): Promise<readonly StoredRun[]>;
  /** Runs carried as the trend of a run found there (default 200). */
  historyLength?: number;
}

/**
 * `source`, but a candidate whose record cannot be read (its artifact expired, or was
 * never uploaded) is looked for on the history branch: the record of that very workflow
 * run (by `ci.runUrl`), else another successful push run of the same branch at that
 * commit. Such a run says so in its `note` (the report shows it) and carries the
 * branch's earlier runs as its history, so the trend goes on. The branch is loaded once,
 * and only when an artifact is missing. Trust is the source's: the candidate was already
 * accepted by the platform's word, and the history branch is written only by this
 * repository's push runs.
 */
export function withHistoryFallback<S extends RunSource>(source: S, history: HistoryFallback): S {
  let loaded: Promise<{ runs: readonly StoredRun[] } | { error: string }> | undefined;
  const load = () =>
    (loaded ??= history.load().then(
      (runs) => ({ runs }),
      (error: unknown) => ({
        error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
      }),
    ));

  async function readRun(candidate: CandidateRun): Promise<RunRead> {
    const read = await source.readRun(candidate);
    if (!('missing' in read)) return read;
    const branch = await load();
    if ('error' in branch) {
      return {
        missing: `${read.missing}; the ${history.branch} branch could not be read (${branch.error})`,
      };
    }
    const found = recordFor(candidate, branch.runs);
    if (!found)
      return { missing: `${read.missing}, and the ${history.branch} branch has no record of it` };
    return {
      run: fromHistory(found, branch.runs, {
        source: `${history.branch}:${runFile(found.record.id)}`,
        note: `The baseline ${candidate.label}: ${read.missing}; its record came from the \`${history.branch}\` branch (${runFile(found.record.id)}), which keeps no per-example predictions.`,
        limit: history.historyLength ?? 200,
      }),
    };
  }

  // The source as prototype: its getters (a request count) and extra methods stay live.
  return Object.assign(Object.create(source) as S, { readRun });
}

function recordFor(candidate: CandidateRun, runs: readonly StoredRun[]): StoredRun | null {
  const usable = runs.filter(
    (run) =>
      run.record.git.commit === candidate.commit &&
      run.record.event === candidate.event &&
      run.record.status === 'success' &&
      (candidate.branch === null || run.record.git.branch === candidate.branch),
  );
  const same = candidate.url
    ? usable.find((run) => run.record.ci?.runUrl === candidate.url)
    : undefined;
  return same ?? usable.at(-1) ?? null;
}

/** The run with the branch's push runs up to it (oldest first) as its carried history. */
function fromHistory(
  run: StoredRun,
  runs: readonly StoredRun[],
  options: { source: string; note: string; limit: number },
): SourcedRun {
  const record = run.record;
  const carried = runs
    .filter(
      (other) =>
        other.record.git.branch === record.git.branch &&
        other.record.event === record.event &&
        other.record.createdAt <= record.createdAt,
    )
    .slice(-options.limit)
    .map((other) => toHistoryEntry(other.record));
  return {
    ...directoryRun(record, run.dir, options.source),
    carriedHistory: carried,
    note: options.note,
  };
}
