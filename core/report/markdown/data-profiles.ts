import { formatNumber, formatP, formatPct } from '../../compare/format.js';
import type { ColumnDiff, ProfileDiff } from '../../compare/profiles.js';
import { code, escapeMarkdown } from '../escape.js';
import { table } from './section.js';

/** PSI above this is called a large shift in the report (the usual rule of thumb). */
const LARGE_PSI = 0.25;
const MODERATE_PSI = 0.1;

const rate = (r: number | null): string => (r === null ? '—' : `${formatNumber(r * 100)}%`);

function driftCell(c: ColumnDiff): string {
  if (c.psi === null) return '—';
  const mark = c.psi >= LARGE_PSI ? '🔴 ' : c.psi >= MODERATE_PSI ? '🟠 ' : '';
  return `${mark}${formatNumber(c.psi)}`;
}

function changeCell(c: ColumnDiff): string {
  if (c.change === 'retyped') return `retyped ${c.baseType} → ${c.headType}`;
  if (c.change === 'same') return c.headType ?? '—';
  return `${c.change} (${c.baseType ?? c.headType})`;
}

function rowsLine(d: ProfileDiff): string {
  const rows = (n: number | null): string => (n === null ? '—' : n.toLocaleString('en-US'));
  const pct =
    d.baseRows !== null && d.headRows !== null && d.baseRows > 0
      ? ` (${formatPct(((d.headRows - d.baseRows) / d.baseRows) * 100)})`
      : '';
  const changed = d.columns.filter((c) => c.change !== 'same');
  const schema =
    changed.length > 0
      ? changed.map((c) => `${c.change} ${code(c.name, 40)}`).join(', ')
      : d.baseRows === null
        ? 'no base profile'
        : 'same columns';
  return `**${code(d.path, 120)}**: ${rows(d.baseRows)} → ${rows(d.headRows)} rows${pct} · ${d.columns.length} columns · ${schema}`;
}

/** One table per profiled file: columns worst first, with null rates, PSI and KS. */
export function profileTables(profiles: readonly ProfileDiff[], budget: number): string[] {
  const parts: string[] = [];
  let used = 0;
  for (const d of profiles) {
    if (used > budget - 500) {
      parts.push('', `> ✂️ More data files not shown (size limit).`);
      break;
    }
    if (d.error) {
      const text = `**${code(d.path, 120)}**: ⚠️ no profile: ${escapeMarkdown(d.error, 300)}`;
      parts.push('', text);
      used += text.length;
      continue;
    }
    const text = [
      rowsLine(d),
      '',
      table(
        ['Column', 'Type', 'Nulls base → head', 'Drift (PSI)', 'KS p'],
        '|:--|:--|--:|--:|--:|',
        d.columns,
        Math.min(8000, budget - used),
        (c) => [
          code(c.name, 60),
          changeCell(c),
          `${rate(c.baseNullRate)} → ${rate(c.headNullRate)}`,
          driftCell(c),
          c.ks ? formatP(c.ks.pValue) : '—',
        ],
      ),
    ].join('\n');
    parts.push('', text);
    used += text.length;
  }
  return parts;
}

/** The largest PSI of any column of any file, for the section's summary line. */
export function worstDrift(
  profiles: readonly ProfileDiff[],
): { path: string; column: ColumnDiff } | null {
  let worst: { path: string; column: ColumnDiff } | null = null;
  for (const d of profiles)
    for (const c of d.columns)
      if (c.psi !== null && (!worst || c.psi > worst.column.psi!))
        worst = { path: d.path, column: c };
  return worst;
}
