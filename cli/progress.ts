import pc from 'picocolors';
import type { RunEvent } from '../core/runner/run.js';
import { formatDuration } from '../core/runner/run.js';
import type { StageResult } from '../core/run-record/schema.js';

export interface Reporter {
  onEvent(event: RunEvent): void;
  done(): void;
}

export const SYMBOL: Record<StageResult['status'], string> = { ran: '✔', cached: '↺', unchanged: '·', failed: '✖', skipped: '-' };
export const COLOUR: Record<StageResult['status'], (s: string) => string> = { ran: pc.green, cached: pc.cyan, unchanged: pc.dim, failed: pc.red, skipped: pc.yellow };

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

/** Plain line logs for CI and pipes: one line per event, no escape codes. */
export function lineReporter(stream: NodeJS.WritableStream = process.stderr): Reporter {
  return {
    onEvent(event) {
      if (event.type === 'plan') stream.write(`cd4ml: ${event.stages.length} stages, up to ${event.jobs} at once\n`);
      else if (event.type === 'start') stream.write(`cd4ml: ▶ ${event.stage} started${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}${event.reasons.length > 0 ? ` — ${event.reasons.join(', ')}` : ''}\n`);
      else if (event.type === 'retry') stream.write(`cd4ml: ↻ ${event.stage} attempt ${event.attempt} failed: ${event.message}; retrying\n`);
      else stream.write(`cd4ml: ${SYMBOL[event.result.status]} ${describe(event.stage, event.result)}\n`);
    },
    done() {},
  };
}
