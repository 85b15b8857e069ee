import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RunRecord } from '../../core/run-record/schema.js';
import { registerHistoryBranch } from './history-branch.js';

interface HistoryFlags {
  limit: string;
  format: string;
  root: string;
}

export function registerHistory(program: Command): void {
  const history = program
    .command('history')
    .description(
      'Show how metrics moved over the runs in the local store and the pulled history branch (newest last)',
    )
    .argument(
      '[metrics...]',
      "metrics to show (default: the gate policy's metrics, else the first four of the newest run that has metrics); model.bytes and model.latency_p95_ms work too",
    )
    .option('-n, --limit <n>', 'how many recent runs', '20')
    .option('--format <text|json>', 'terminal text or JSON', 'text')
    .option('--root <dir>', 'workspace root holding .cd4ml/runs', '.')
    .action(async (metrics: string[], flags: HistoryFlags) => {
      const [{ knownRuns }, { Cd4mlError }] = await Promise.all([
        import('../../core/store/known-runs.js'),
        import('../../core/errors.js'),
      ]);
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1) {
        throw new Cd4mlError(
          'E_USAGE',
          `--limit must be a positive whole number, got "${flags.limit}"`,
          { location: { file: '<command line>', field: 'limit' } },
        );
      }
      if (flags.format !== 'text' && flags.format !== 'json') {
        throw new Cd4mlError('E_USAGE', `unknown --format "${flags.format}"`, {
          location: { file: '<command line>', field: 'format' },
          hint: 'use text or json',
        });
      }
      const root = resolve(flags.root);
      const runs = (await knownRuns(root)).slice(-limit).map((run) => run.record);
      if (runs.length === 0) {
        throw new Cd4mlError('E_USAGE', 'no runs in the local store', {
          location: { file: '.cd4ml/runs' },
          hint: 'run the pipeline first (`cd4ml run`), or fetch the history branch: `cd4ml history pull`',
        });
      }
      const names = metrics.length > 0 ? metrics : await defaultMetrics(root, runs);
      process.stdout.write(await render(runs, names, flags.format));
    });
  registerHistoryBranch(history);
}

async function render(
  runs: readonly RunRecord[],
  names: readonly string[],
  format: 'text' | 'json',
): Promise<string> {
  const { renderHistoryJson, renderHistoryText } = await import('../../core/report/history.js');
  if (format === 'json') return renderHistoryJson(runs, names);
  const pc = (await import('picocolors')).default;
  return renderHistoryText(runs, names, {
    bold: pc.bold,
    trend: pc.cyan,
    dim: pc.dim,
    bad: pc.red,
  });
}

/**
 * The policy's chart and rule metrics, else up to four metrics of the newest of `runs`
 * (oldest first) that recorded any.
 */
async function defaultMetrics(root: string, runs: readonly RunRecord[]): Promise<string[]> {
  const { parsePolicy, POLICY_PATH } = await import('../../core/policy/parse.js');
  const { metricRules } = await import('../../core/policy/schema.js');
  try {
    const policy = parsePolicy(await readFile(join(root, POLICY_PATH), 'utf8'), POLICY_PATH);
    const names = [
      ...new Set([...policy.report.chart, ...metricRules(policy.gate.rules).map((r) => r.metric)]),
    ];
    if (names.length > 0) return names;
  } catch {
    // No or invalid policy: `cd4ml compare` reports policy errors; history just picks metrics.
  }
  // A failed run, or one whose stages wrote no metrics file, records none: picking its
  // (empty) set would hide the metrics of every run before it.
  const latest = runs.findLast((run) => Object.keys(run.metrics).length > 0);
  return latest ? Object.keys(latest.metrics).sort().slice(0, 4) : [];
}
