import { createLogUpdate } from 'log-update';
import pc from 'picocolors';
import type { RunEvent } from '../core/runner/run.js';
import { formatDuration } from '../core/runner/run.js';
import type { StageResult } from '../core/run-record/schema.js';

export interface Reporter {
  onEvent(event: RunEvent): void;
  done(): void;
}

const SYMBOL: Record<StageResult['status'], string> = { ran: '✔', cached: '↺', unchanged: '·', failed: '✖', skipped: '-' };
const COLOUR: Record<StageResult['status'], (s: string) => string> = { ran: pc.green, cached: pc.cyan, unchanged: pc.dim, failed: pc.red, skipped: pc.yellow };
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

function describe(stage: string, result: StageResult): string {
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

/** Live view for a terminal: finished stages scroll above, running ones spin below with their elapsed time. */
export function ttyReporter(stream: NodeJS.WriteStream = process.stderr): Reporter {
  const update = createLogUpdate(stream, { showCursor: false });
  const running = new Map<string, { since: number; attempt: number }>();
  const counts: Record<StageResult['status'], number> = { ran: 0, cached: 0, unchanged: 0, failed: 0, skipped: 0 };
  let total = 0;
  let frame = 0;
  const started = Date.now();
  const render = (): void => {
    frame += 1;
    const now = Date.now();
    const spin = pc.cyan(SPINNER[frame % SPINNER.length] ?? '*');
    const lines = [...running].map(([name, { since, attempt }]) => `${spin} ${name} ${pc.dim(formatDuration(now - since))}${attempt > 1 ? pc.yellow(` attempt ${attempt}`) : ''}`);
    const finished = Object.values(counts).reduce((a, b) => a + b, 0);
    lines.push(pc.dim(`${finished}/${total} stages · ${counts.ran} ran · ${counts.cached} cached · ${counts.unchanged} unchanged${counts.failed ? ` · ${counts.failed} failed` : ''} · ${formatDuration(now - started)}`));
    update(lines.join('\n'));
  };
  const timer = setInterval(render, 80);
  timer.unref();
  return {
    onEvent(event) {
      if (event.type === 'plan') total = event.stages.length;
      else if (event.type === 'start') running.set(event.stage, { since: running.get(event.stage)?.since ?? Date.now(), attempt: event.attempt });
      else if (event.type === 'retry') {
        update.clear();
        stream.write(`${pc.yellow('↻')} ${event.stage} attempt ${event.attempt} failed: ${event.message}; retrying\n`);
      } else {
        running.delete(event.stage);
        counts[event.result.status] += 1;
        if (event.result.status !== 'unchanged') {
          update.clear();
          stream.write(`${COLOUR[event.result.status](SYMBOL[event.result.status])} ${describe(event.stage, event.result)}\n`);
        }
      }
      render();
    },
    done() {
      clearInterval(timer);
      render();
      update.done();
    },
  };
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
