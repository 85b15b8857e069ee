import { Cd4mlError } from '../errors.js';
import type { RunRecord } from '../run-record/schema.js';
import type { HistoryEntry } from '../run-artifact/history.js';
import type { CandidateRun, RunSource, SourcedRun } from './port.js';

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

/** A run a test puts on a commit with what the platform says about it (defaults: a clean push run of this repository). */
export interface MemoryCandidate {
  run?: SourcedRun;
  /** Why it cannot be read (an expired artifact), instead of `run`. */
  missing?: string;
  label?: string;
  commit?: string;
  branch?: string | null;
  event?: string;
  succeeded?: boolean;
  sameRepository?: boolean;
}

/** What a `memorySource` knows: one first-parent line of commits and what sits on them. */
export interface MemorySourceData {
  /** The first-parent line, oldest first. */
  line: readonly string[];
  /** `github` (push runs of the base branch, this repository's) or `local` (default). */
  trust?: 'github' | 'local';
  /** Runs per commit, oldest first. */
  runs?: Readonly<Record<string, ReadonlyArray<SourcedRun | MemoryCandidate>>>;
  /** Head commits off the line and the line commit each branched from (their merge-base with any later base). */
  forks?: Readonly<Record<string, string>>;
  /** Files per commit: `{ [commit]: { '.github/cd4ml.yml': '…' } }`. */
  files?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The working tree's files; absent: the source offers no `workspaceFile` (like the bot). */
  workspace?: Readonly<Record<string, string>>;
}

/** A `RunSource` over plain data, with a log of the calls made to it. */
export function memorySource(data: MemorySourceData): RunSource & { calls: string[] } {
  const calls: string[] = [];
  const reads = new Map<CandidateRun, MemoryCandidate>();
  const candidatesAt = (commit: string): CandidateRun[] =>
    (data.runs?.[commit] ?? [])
      .map((item, index) => {
        const spec: MemoryCandidate = 'record' in item ? { run: item } : item;
        const record = spec.run?.record;
        const candidate: CandidateRun = {
          label: spec.label ?? `run ${record?.id ?? index}`,
          commit: spec.commit ?? commit,
          branch: spec.branch ?? record?.git.branch ?? 'main',
          event: spec.event ?? record?.event ?? 'push',
          succeeded: spec.succeeded ?? record?.status !== 'failed',
          sameRepository: spec.sameRepository ?? true,
          createdAt: new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString(),
        };
        reads.set(candidate, spec);
        return candidate;
      })
      .reverse();
  const position = (commit: string): number => {
    const at = data.line.indexOf(commit);
    const fork = data.forks?.[commit];
    return at >= 0 ? at : fork ? data.line.indexOf(fork) : -1;
  };
  const source: RunSource & { calls: string[] } = {
    calls,
    trust: data.trust ?? 'local',
    candidateRuns(commit) {
      calls.push(`candidateRuns ${commit}`);
      return Promise.resolve(candidatesAt(commit));
    },
    firstParents(commit, depth) {
      calls.push(`firstParents ${commit}`);
      const at = data.line.indexOf(commit);
      return Promise.resolve(
        at < 0 ? [] : data.line.slice(Math.max(0, at + 1 - depth), at + 1).reverse(),
      );
    },
    mergeBase(a, b) {
      calls.push(`mergeBase ${a} ${b}`);
      const [pa, pb] = [position(a), position(b)];
      return Promise.resolve(pa < 0 || pb < 0 ? null : (data.line[Math.min(pa, pb)] ?? null));
    },
    readRun(candidate) {
      calls.push(`readRun ${candidate.label}`);
      const spec = reads.get(candidate);
      if (spec?.run) return Promise.resolve({ run: spec.run });
      return Promise.resolve({ missing: spec?.missing ?? 'it has no run record' });
    },
    fileAt(commit, path) {
      calls.push(`fileAt ${commit} ${path}`);
      return Promise.resolve(data.files?.[commit]?.[path] ?? null);
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
