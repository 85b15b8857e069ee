import { formatDelta, formatNumber, formatPct, formatValue } from '../../compare/format.js';
import type { Comparison, MetricDiff } from '../../compare/types.js';
import type { GateDecision } from '../../policy/evaluate.js';
import { escapeMarkdown } from '../escape.js';
import { sparkline } from '../sparkline.js';
import { CHANGE_ICON, STATUS_ICON } from './section.js';

/** Rules by metric, for the gate column. */
function ruleCells(decision: GateDecision): Map<string, string> {
  const cells = new Map<string, string[]>();
  for (const reason of decision.reasons) {
    if (reason.kind !== 'rule' || !reason.metric || reason.scope) continue;
    // One line per check, each with its own mark, so a two-check rule shows which one failed.
    const lines = reason.checks.map((c) => {
      const limit = c.check.endsWith('_pct')
        ? `${formatNumber(c.limit)}%`
        : formatValue(reason.metric!, c.limit);
      let note = '';
      // The ± under Δ already shows the interval; say so here only when it changed the outcome.
      if (c.withinNoise) note = ' · within\u00a0noise';
      else if (c.status === 'neutral') note = ' · no\u00a0baseline';
      const name = c.check.replace(/_pct$/, '').replace(/_/g, '\u00a0');
      return `${STATUS_ICON[c.status]}\u00a0${name}\u00a0${limit}${note}`;
    });
    const text = lines.length > 0 ? lines.join('<br>') : `${STATUS_ICON[reason.status]} missing`;
    cells.set(reason.metric, [...(cells.get(reason.metric) ?? []), text]);
  }
  return new Map([...cells].map(([k, v]) => [k, v.join('<br>')]));
}

/** Main table order: gated metrics, then the biggest relative moves, then the rest. */
function tableOrder(comparison: Comparison, gated: ReadonlySet<string>): MetricDiff[] {
  const rank = (m: MetricDiff): number => {
    if (gated.has(m.name)) return 0;
    if (m.change === 'removed' || m.change === 'added') return 1;
    return m.change === 'same' ? 3 : 2;
  };
  return [...comparison.metrics].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra !== rb) return ra - rb;
    if (ra === 0) return 0;
    if (ra === 2) return Math.abs(b.deltaPct ?? 0) - Math.abs(a.deltaPct ?? 0);
    return a.name < b.name ? -1 : 1;
  });
}

function metricRow(m: MetricDiff, gate: string | undefined, withTrend: boolean): string {
  const name = gate ? `**${escapeMarkdown(m.name, 80)}**` : escapeMarkdown(m.name, 80);
  const trend = withTrend ? ` ${sparkline([...m.history, m.head])} |` : '';
  const note =
    m.change === 'added' ? ' <sub>new</sub>' : m.change === 'removed' ? ' <sub>removed</sub>' : '';
  const significance = m.significance
    ? ` <sub>±${formatValue(m.name, (m.significance.delta.high - m.significance.delta.low) / 2)}</sub>`
    : '';
  return `| ${CHANGE_ICON[m.change]}\u00a0${name}${note} | ${formatValue(m.name, m.base)} | ${formatValue(m.name, m.head)} | ${formatDelta(m.name, m.delta)}${significance} | ${formatPct(m.deltaPct)} |${trend} ${gate ?? ''} |`;
}

/** The unfolded metric table: gated metrics first, with their rule results in the Gate column. */
export function metricTable(
  comparison: Comparison,
  decision: GateDecision,
  maxRows: number,
  budget: number,
): string {
  if (comparison.metrics.length === 0) return '_No metrics in either run._\n';
  const cells = ruleCells(decision);
  const withTrend = comparison.history.length > 0;
  const headerCells = withTrend
    ? '| Metric | Base | Head | Δ | Δ% | Trend | Gate |'
    : '| Metric | Base | Head | Δ | Δ% | Gate |';
  const align = withTrend ? '|:--|--:|--:|--:|--:|:--|:--|' : '|:--|--:|--:|--:|--:|:--|';
  const lines = [headerCells, align];
  let size = lines.join('\n').length;
  const ordered = tableOrder(comparison, new Set(cells.keys()));
  let shown = 0;
  for (const m of ordered) {
    if (shown >= maxRows && !cells.has(m.name)) break;
    const row = metricRow(m, cells.get(m.name), withTrend);
    if (size + row.length + 200 > budget) break;
    lines.push(row);
    size += row.length + 1;
    shown++;
  }
  const hidden = ordered.length - shown;
  if (hidden > 0) {
    const unchanged = ordered.slice(shown).filter((m) => m.change === 'same').length;
    lines.push(
      '',
      `<sub>${hidden.toLocaleString('en-US')} more metric${hidden === 1 ? '' : 's'}${unchanged > 0 ? ` (${unchanged.toLocaleString('en-US')} unchanged)` : ''} under *All metrics* below.</sub>`,
    );
  }
  const legend = withTrend
    ? `<sub>Trend: ${comparison.history.length === 1 ? 'the base run' : `the last ${comparison.history.length} base-branch runs`}, then this PR. 🟢 better · 🔴 worse · ⚪ unchanged, by each metric's direction.</sub>`
    : '';
  return `${lines.join('\n')}\n${legend ? `\n${legend}\n` : ''}`;
}
