import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RunRecord } from '../../core/run-record/schema.js';

interface HistoryFlags {
  limit: string;
  format: string;
  root: string;
}

export function registerHistory(program: Command): void {
  program
    .command('history')
    .description('Show how metrics moved over the runs in the local store (newest last)')
    .argument(
      '[metrics...]',
      "metrics to show (default: the gate policy's metrics, else the first few of the latest run); model.bytes and model.latency_p95_ms work too",
    )
    .option('-n, --limit <n>', 'how many recent runs', '20')
    .option('--format <text|json>', 'terminal text or JSON', 'text')
    .option('--root <dir>', 'workspace root holding .cd4ml/runs', '.')
    .action(async (metrics: string[], flags: HistoryFlags) => {
      const [{ listRuns }, { Cd4mlError }] = await Promise.all([
        import('../../core/store/local-store.js'),
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
      const runs = (await listRuns(root)).slice(-limit).map((run) => run.record);
      if (runs.length === 0) {
        throw new Cd4mlError('E_USAGE', 'no runs in the local store', {
          location: { file: '.cd4ml/runs' },
          hint: 'run the pipeline first: `cd4ml run`',
        });
      }
      const names = metrics.length > 0 ? metrics : await defaultMetrics(root, runs.at(-1)!);
      process.stdout.write(
        flags.format === 'json' ? await historyJson(runs, names) : await historyText(runs, names),
      );
    });
}

/** The policy's rule metrics, else up to four of the latest run's metrics. */
async function defaultMetrics(root: string, latest: RunRecord): Promise<string[]> {
  const { parsePolicy, POLICY_PATH } = await import('../../core/policy/parse.js');
  try {
    const policy = parsePolicy(await readFile(join(root, POLICY_PATH), 'utf8'), POLICY_PATH);
    const names = [...new Set([...policy.report.chart, ...policy.gate.rules.map((r) => r.metric)])];
    if (names.length > 0) return names;
  } catch {
    // No or invalid policy: `cd4ml compare` reports policy errors; history just picks metrics.
  }
  return Object.keys(latest.metrics).sort().slice(0, 4);
}

async function historyJson(runs: readonly RunRecord[], names: readonly string[]): Promise<string> {
  const { metricValue } = await import('../../core/compare/compare.js');
  const rows = runs.map((run) => ({
    id: run.id,
    commit: run.git.commit,
    branch: run.git.branch,
    createdAt: run.createdAt,
    status: run.status,
    metrics: Object.fromEntries(names.map((name) => [name, metricValue(run, name) ?? null])),
  }));
  return `${JSON.stringify({ schema: 'cd4ml/history@1', metrics: names, runs: rows }, null, 2)}\n`;
}

async function historyText(runs: readonly RunRecord[], names: readonly string[]): Promise<string> {
  const [{ metricValue }, { formatDelta, formatValue }, { sparkline, escapeTerminal }, pc] =
    await Promise.all([
      import('../../core/compare/compare.js'),
      import('../../core/compare/format.js'),
      import('../../core/report/index.js'),
      import('picocolors').then((m) => m.default),
    ]);
  const out: string[] = [];
  const values = names.map((name) => runs.map((run) => metricValue(run, name) ?? null));
  names.forEach((name, i) => {
    const series = values[i]!;
    const present = series.filter((v): v is number => v !== null);
    const last = series.at(-1) ?? null;
    const previous = series
      .slice(0, -1)
      .filter((v): v is number => v !== null)
      .at(-1);
    const change =
      last !== null && previous !== undefined
        ? ` (${formatDelta(name, last - previous)} vs the run before)`
        : '';
    const range =
      present.length > 0
        ? `min ${formatValue(name, Math.min(...present))} · max ${formatValue(name, Math.max(...present))} · `
        : '';
    out.push(
      `${pc.bold(escapeTerminal(name, 60))}  ${pc.cyan(sparkline(series))}  ${pc.dim(`${range}last ${formatValue(name, last)}${change}`)}`,
    );
  });
  out.push('');
  const header = ['when', 'commit', 'branch', 'status', ...names.map((n) => escapeTerminal(n, 24))];
  const rows = runs.map((run, r) => [
    run.createdAt.replace('T', ' ').slice(0, 16),
    run.git.commit ? run.git.commit.slice(0, 7) + (run.git.dirty ? '*' : '') : '—',
    escapeTerminal(run.git.branch ?? '—', 24),
    run.status,
    ...names.map((name, i) => formatValue(name, values[i]![r])),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => [...row[i]!].length)),
  );
  const line = (row: string[]): string =>
    row
      .map((cell, i) => (i >= 4 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  out.push(pc.dim(line(header)));
  for (const [i, row] of rows.entries())
    out.push(runs[i]!.status === 'failed' ? pc.red(line(row)) : line(row));
  return `${out.join('\n')}\n`;
}
