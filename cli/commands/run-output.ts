import { relative } from 'node:path';
import pc from 'picocolors';
import type { RunResult } from '../../core/runner/run.js';
import type { RunRecord } from '../../core/run-record/schema.js';
import { logTail } from '../log-tail.js';

/** What `cd4ml run` prints at the end: each failure with its log's tail, a summary, a headline. */
export async function printOutcome(
  result: RunResult,
  record: RunRecord,
  storedDir: string,
): Promise<void> {
  printFailures(result);
  const counts = Object.values(result.stages).reduce<Record<string, number>>(
    (acc, s) => ({ ...acc, [s.status]: (acc[s.status] ?? 0) + 1 }),
    {},
  );
  const summary = Object.entries(counts)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  const took = ((result.finishedAt.getTime() - result.startedAt.getTime()) / 1000).toFixed(1);
  process.stderr.write(
    `\n${result.failures.length > 0 ? pc.red('Pipeline failed') : pc.green('Pipeline succeeded')}: ${summary} in ${took}s. Run record: ${relative(process.cwd(), storedDir)}\n`,
  );
  const headline = await headlineOf(record);
  if (headline.length > 0) process.stderr.write(`${pc.dim(headline.join(' · '))}\n`);
}

function printFailures(result: RunResult): void {
  for (const failure of result.failures) {
    const tail = logTail(failure.logFile);
    process.stderr.write(`\n${pc.red('✖')} ${failure.message}\n`);
    if (tail)
      process.stderr.write(
        `${pc.dim(`── last lines of ${relative(process.cwd(), failure.logFile)} ──`)}\n${tail}\n`,
      );
  }
}

/** The champion, the first metrics and the model, in a line. */
async function headlineOf(record: RunRecord): Promise<string[]> {
  const { formatBytes, formatNumber } = await import('../../core/compare/format.js');
  const headline = Object.entries(record.metrics)
    .slice(0, 4)
    .map(([name, value]) => `${name} ${formatNumber(value)}`);
  if (record.champion)
    headline.unshift(`champion ${record.champion} of ${Object.keys(record.candidates).length}`);
  if (record.model)
    headline.push(
      `${record.model.path} ${formatBytes(record.model.bytes)}${record.model.latency ? `, p95 ${record.model.latency.p95Ms} ms` : ''}`,
    );
  return headline;
}
