import { Cd4mlError } from '../errors.js';
import type { RunRecord } from '../run-record/schema.js';
import { toHistoryEntry, type HistoryEntry } from '../run-artifact/history.js';
import type { Baseline, RunSource, SourcedRun } from './port.js';

/**
 * A `SourcedRun` held in memory, for tests of the gate and of adapters: attachments by
 * path, refusing `..` like every real source does.
 */
export function memoryRun(
  record: RunRecord,
  attachments: Readonly<Record<string, string>> = {},
  options: { source?: string; carriedHistory?: readonly HistoryEntry[] } = {},
): SourcedRun {
  const source = options.source ?? `memory:${record.id}`;
  return {
    record,
    source,
    ...(options.carriedHistory ? { carriedHistory: options.carriedHistory } : {}),
    readAttachment(path, maxBytes) {
      if (path.split('/').includes('..'))
        return Promise.reject(
          new Cd4mlError('E_ARTIFACT', `attachment "${path}" leaves the run`, {
            location: { file: source },
          }),
        );
      const text = Object.hasOwn(attachments, path) ? attachments[path] : undefined;
      if (text === undefined) return Promise.resolve(null);
      if (Buffer.byteLength(text) > maxBytes)
        return Promise.reject(
          new Cd4mlError('E_ARTIFACT', `attachment "${path}" is over the ${maxBytes}-byte limit`, {
            location: { file: source },
          }),
        );
      return Promise.resolve(text);
    },
  };
}

/** What a `memorySource` knows: one first-parent line of commits and what sits on them. */
export interface MemorySourceData {
  /** The first-parent line, oldest first. */
  line: readonly string[];
  /** Runs per commit, oldest first (the source picks the newest clean successful one). */
  runs?: Readonly<Record<string, readonly SourcedRun[]>>;
  /** Files per commit: `{ [commit]: { '.github/cd4ml.yml': '…' } }`. */
  files?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The working tree's files; absent: the source offers no `workspaceFile` (like the bot). */
  workspace?: Readonly<Record<string, string>>;
}

/** A `RunSource` over plain data, with a log of the calls made to it. */
export function memorySource(data: MemorySourceData): RunSource & { calls: string[] } {
  const calls: string[] = [];
  const earlierOrSame = (commit: string): string[] => {
    const at = data.line.indexOf(commit);
    return at < 0 ? [] : data.line.slice(0, at + 1).reverse();
  };
  const baselineOf = (commit: string, exclude?: string): SourcedRun | undefined => {
    const runs = (data.runs?.[commit] ?? []).filter(
      (run) => run.record.status === 'success' && run.record.id !== exclude,
    );
    return runs.findLast((run) => !run.record.git.dirty) ?? runs.at(-1);
  };
  const source: RunSource & { calls: string[] } = {
    calls,
    baselineAt(commit, options) {
      calls.push(`baselineAt ${commit}`);
      for (const c of earlierOrSame(commit)) {
        const run = baselineOf(c, options?.excludeRunId);
        if (run) return Promise.resolve({ run, commit: c });
      }
      return Promise.resolve(null);
    },
    fileAt(commit, path) {
      calls.push(`fileAt ${commit} ${path}`);
      return Promise.resolve(data.files?.[commit]?.[path] ?? null);
    },
    history(base: Baseline, limit: number) {
      calls.push(`history ${base.commit ?? '-'} ${limit}`);
      const entries: HistoryEntry[] = [];
      for (const c of base.commit ? earlierOrSame(base.commit) : []) {
        if (entries.length >= limit) break;
        const run = baselineOf(c);
        if (run) entries.push(toHistoryEntry(run.record));
      }
      return Promise.resolve(entries.reverse());
    },
  };
  const workspace = data.workspace;
  if (workspace) {
    source.workspaceFile = (path) => {
      calls.push(`workspaceFile ${path}`);
      return Promise.resolve(workspace[path] ?? null);
    };
  }
  return source;
}
