import type { StageResult } from '../run-record/schema.js';
import type { CachedOuts } from './cache.js';
import type { Decision } from './decide.js';
import type { LockEntry } from './lock-file.js';

/** What one stage's execution hands the run: its result, its lock entry and its log. */
export interface StageOutcome {
  result: StageResult;
  lock: LockEntry | undefined;
  logFile: string;
  /** For a stage that ran: records its outs (hash, cache, lock entry); called after scheduling. */
  finish?: () => { result: StageResult; lock: LockEntry };
}

/** A failed stage: no lock entry (its outs are not recorded), nothing left to finish. */
export function failedOutcome(logFile: string, result: Omit<StageResult, 'status'>): StageOutcome {
  return { result: { status: 'failed', ...result }, lock: undefined, logFile };
}

/** The lock entry of a stage that ran or was restored: its command, deps, params and outs. */
export function lockEntry(
  cmd: string | string[],
  decision: Extract<Decision, { key: string }>,
  outs: CachedOuts['outs'],
): LockEntry {
  return {
    cmd,
    ...(decision.deps.length > 0 ? { deps: decision.deps } : {}),
    ...(Object.keys(decision.params).length > 0 ? { params: decision.params } : {}),
    ...(outs.length > 0
      ? { outs: outs.map(({ path, hash, size }) => ({ path, hash, size })) }
      : {}),
  };
}
