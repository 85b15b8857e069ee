import { createLogUpdate } from 'log-update';
import pc from 'picocolors';
import { formatDuration } from '../core/compare/format.js';
import type { StageResult } from '../core/run-record/schema.js';
import { COLOUR, describe, SYMBOL, type Reporter } from './progress.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Live view for a terminal: finished stages scroll above, running ones spin below with their elapsed time. */
export function ttyReporter(stream: NodeJS.WriteStream = process.stderr): Reporter {
  const update = createLogUpdate(stream, { showCursor: false });
  const running = new Map<string, { since: number; attempt: number }>();
  const counts: Record<StageResult['status'], number> = {
    ran: 0,
    cached: 0,
    unchanged: 0,
    failed: 0,
    skipped: 0,
  };
  let total = 0;
  let frame = 0;
  const started = Date.now();
  const render = (): void => {
    frame += 1;
    const now = Date.now();
    const spin = pc.cyan(SPINNER[frame % SPINNER.length] ?? '*');
    const lines = [...running].map(
      ([name, { since, attempt }]) =>
        `${spin} ${name} ${pc.dim(formatDuration(now - since))}${attempt > 1 ? pc.yellow(` attempt ${attempt}`) : ''}`,
    );
    const finished = Object.values(counts).reduce((a, b) => a + b, 0);
    lines.push(
      pc.dim(
        `${finished}/${total} stages · ${counts.ran} ran · ${counts.cached} cached · ${counts.unchanged} unchanged${counts.failed ? ` · ${counts.failed} failed` : ''} · ${formatDuration(now - started)}`,
      ),
    );
    update(lines.join('\n'));
  };
  const timer = setInterval(render, 80);
  timer.unref();
  return {
    onEvent(event) {
      if (event.type === 'plan') total = event.stages.length;
      else if (event.type === 'start')
        running.set(event.stage, {
          since: running.get(event.stage)?.since ?? Date.now(),
          attempt: event.attempt,
        });
      else if (event.type === 'retry') {
        update.clear();
        stream.write(
          `${pc.yellow('↻')} ${event.stage} attempt ${event.attempt} failed: ${event.message}; retrying\n`,
        );
      } else {
        running.delete(event.stage);
        counts[event.result.status] += 1;
        if (event.result.status !== 'unchanged') {
          update.clear();
          stream.write(
            `${COLOUR[event.result.status](SYMBOL[event.result.status])} ${describe(event.stage, event.result)}\n`,
          );
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
