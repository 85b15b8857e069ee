import { formatDelta, formatNumber, formatPct, formatValue } from '../../compare/format.js';
import type { Comparison } from '../../compare/types.js';
import { code, escapeHtml } from '../escape.js';
import { profileTables, worstDrift } from './data-profiles.js';
import { type Section, details, table } from './section.js';

function depsTable(data: Comparison['data'], budget: number): string[] {
  const { deps, unchangedDeps } = data;
  if (deps.length === 0)
    return unchangedDeps > 0 ? [`All ${unchangedDeps} data deps are unchanged.`] : [];
  const parts = [
    table(
      ['Data dep', 'Change', 'Base size', 'Head size', 'Δ%', 'Hash'],
      '|:--|:--|--:|--:|--:|:--|',
      deps,
      budget / 2,
      (d) => [
        code(d.path, 120),
        d.change,
        d.base ? formatValue('bytes', d.base.bytes) : '—',
        d.head ? formatValue('bytes', d.head.bytes) : '—',
        d.base && d.head
          ? formatPct(((d.head.bytes - d.base.bytes) / Math.max(d.base.bytes, 1)) * 100)
          : '—',
        `${d.base ? code(d.base.hash.slice(0, 16), 16) : '—'} → ${d.head ? code(d.head.hash.slice(0, 16), 16) : '—'}`,
      ],
    ),
  ];
  if (unchangedDeps > 0)
    parts.push(
      '',
      `<sub>${unchangedDeps} other dep${unchangedDeps === 1 ? '' : 's'} unchanged.</sub>`,
    );
  return parts;
}

function statsTable(data: Comparison['data'], budget: number): string[] {
  const { stats, unchangedStats } = data;
  if (stats.length === 0) return [];
  const value = (v: unknown): string =>
    typeof v === 'number' ? formatNumber(v) : v === undefined ? '—' : code(JSON.stringify(v), 60);
  const parts = ['', '**Dataset statistics**', ''];
  parts.push(
    table(
      ['File', 'Statistic', 'Base', 'Head', 'Δ', 'Δ%'],
      '|:--|:--|--:|--:|--:|--:|',
      stats,
      budget / 2,
      (s) => [
        code(s.file, 60),
        code(s.key, 80),
        value(s.base),
        value(s.head),
        s.delta === null ? '—' : formatDelta('', s.delta),
        formatPct(s.deltaPct),
      ],
    ),
  );
  if (unchangedStats > 0)
    parts.push('', `<sub>${unchangedStats.toLocaleString('en-US')} statistics unchanged.</sub>`);
  return parts;
}

/** Data deps whose content changed, how profiled data files moved, and the statistics that moved. */
export const dataSection: Section = ({ comparison }, budget) => {
  const { deps, stats, unchangedDeps, profiles } = comparison.data;
  const profiled = profiles.length > 0;
  if (
    !profiled &&
    (!comparison.base || (deps.length === 0 && stats.length === 0 && unchangedDeps === 0))
  )
    return null;
  const parts = comparison.base ? depsTable(comparison.data, budget) : [];
  if (profiled) parts.push(...profileTables(profiles, budget / 2));
  if (comparison.base) parts.push(...statsTable(comparison.data, budget));
  const worst = worstDrift(profiles);
  const drift = worst
    ? `, largest drift ${escapeHtml(worst.column.name, 40)} PSI ${formatNumber(worst.column.psi!)}`
    : '';
  const summary = `<b>Data</b>: ${deps.length === 0 ? 'deps unchanged' : `${deps.length} dep${deps.length === 1 ? '' : 's'} changed`}${stats.length > 0 ? `, ${stats.length} statistic${stats.length === 1 ? '' : 's'} moved` : ''}${profiled ? `, ${profiles.length} file${profiles.length === 1 ? '' : 's'} profiled${drift}` : ''}`;
  return details(summary, parts.join('\n'));
};
