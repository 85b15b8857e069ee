import pc from 'picocolors';
import type { RunEvent } from '../core/runner/run.js';
import { formatDuration } from '../core/compare/format.js';
import type { StageResult } from '../core/run-record/schema.js';

export interface Reporter {
  onEvent(event: RunEvent): void;
  done(): void;
}

export const SYMBOL: Record<StageResult['status'], string> = {
  ran: '✔',
  cached: '↺',
  unchanged: '·',
  failed: '✖',
  skipped: '-',
};
export const COLOUR: Record<StageResult['status'], (s: string) => string> = {
  ran: pc.green,
  cached: pc.cyan,
  unchanged: pc.dim,
  failed: pc.red,
  skipped: pc.yellow,
};

export function describe(stage: string, result: StageResult): string {
  const detail =
    result.status === 'ran'
      ? `ran in ${formatDuration(result.durationMs)}${result.attempts > 1 ? ` (${result.attempts} attempts)` : ''}`
      : result.status === 'cached'
        ? 'restored from run-cache'
        : result.status === 'unchanged'
          ? `unchanged${result.reason ? ` (${result.reason})` : ''}`
          : result.status === 'failed'
            ? `failed after ${formatDuration(result.durationMs)}`
            : `skipped: ${result.reason ?? ''}`;
  return `${stage} ${detail}`;
}

/**
 * Plain line logs for CI and pipes: one line per event, no escape codes. Lines written
 * in the same tick go out in one write: on a pipe every write is a blocking system call,
 * and a 200-stage run emits 400 lines.
 */
export function lineReporter(stream: NodeJS.WritableStream = process.stderr): Reporter {
  let pending: string[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    stream.write(pending.join(''));
    pending = [];
  };
  const line = (text: string): void => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(`cd4ml: ${text}\n`);
  };
  return {
    onEvent(event) {
      if (event.type === 'plan') line(`${event.stages.length} stages, up to ${event.jobs} at once`);
      else if (event.type === 'start')
        line(
          `▶ ${event.stage} started${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}${event.reasons.length > 0 ? ` — ${event.reasons.join(', ')}` : ''}`,
        );
      else if (event.type === 'retry')
        line(`↻ ${event.stage} attempt ${event.attempt} failed: ${event.message}; retrying`);
      else line(`${SYMBOL[event.result.status]} ${describe(event.stage, event.result)}`);
    },
    done: flush,
  };
}
