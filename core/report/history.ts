import { metricValue } from '../compare/metrics.js';
import { formatDelta, formatValue } from '../compare/format.js';
import type { RunRecord } from '../run-record/schema.js';
import { escapeTerminal } from './escape.js';
import { sparkline } from './sparkline.js';
import { PLAIN_STYLE, type TextStyle } from './text.js';

const HISTORY_JSON_SCHEMA = 'cd4ml/history@1';

/** One run in `cd4ml/history@1`: a metric it lacks is `null`. */
export interface HistoryJsonRun {
  id: string;
  commit: RunRecord['git']['commit'];
  branch: RunRecord['git']['branch'];
  createdAt: string;
  status: RunRecord['status'];
  metrics: Record<string, number | null>;
}

/** The machine form of `cd4ml history`: the chosen metrics over the runs, oldest first, versioned. */
export interface HistoryJson {
  schema: typeof HISTORY_JSON_SCHEMA;
  metrics: string[];
  runs: HistoryJsonRun[];
}

/** The colouring hooks history text uses: the report's, plus one for the sparklines. */
export interface HistoryStyle extends Pick<TextStyle, 'bad' | 'dim' | 'bold'> {
  trend: (text: string) => string;
}

const PLAIN_HISTORY_STYLE: HistoryStyle = { ...PLAIN_STYLE, trend: (text) => text };

/** `names` over `runs` (oldest first) as `cd4ml/history@1`. */
export function toHistoryJson(runs: readonly RunRecord[], names: readonly string[]): HistoryJson {
  return {
    schema: HISTORY_JSON_SCHEMA,
    metrics: [...names],
    runs: runs.map((run) => ({
      id: run.id,
      commit: run.git.commit,
      branch: run.git.branch,
      createdAt: run.createdAt,
      status: run.status,
      metrics: Object.fromEntries(names.map((name) => [name, metricValue(run, name) ?? null])),
    })),
  };
}

/** JSON text of {@link toHistoryJson}, for `cd4ml history --format json`. */
export function renderHistoryJson(runs: readonly RunRecord[], names: readonly string[]): string {
  return `${JSON.stringify(toHistoryJson(runs, names), null, 2)}\n`;
}

/**
 * `names` over `runs` (oldest first) as terminal text, for `cd4ml history`: a sparkline
 * line per metric (range, last value, change from the run before), then a table of runs,
 * failed runs in `style.bad`. Run-record strings are stripped of terminal escapes.
 */
export function renderHistoryText(
  runs: readonly RunRecord[],
  names: readonly string[],
  style: HistoryStyle = PLAIN_HISTORY_STYLE,
): string {
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
      `${style.bold(escapeTerminal(name, 60))}  ${style.trend(sparkline(series))}  ${style.dim(`${range}last ${formatValue(name, last)}${change}`)}`,
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
  out.push(style.dim(line(header)));
  for (const [i, row] of rows.entries())
    out.push(runs[i]!.status === 'failed' ? style.bad(line(row)) : line(row));
  return `${out.join('\n')}\n`;
}
