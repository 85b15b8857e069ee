import { formatDelta, formatP, formatValue } from '../../compare/format.js';
import type { Comparison } from '../../compare/types.js';
import type { GateDecision } from '../../policy/evaluate.js';
import { sliceName } from '../../policy/slices.js';
import type { SliceMetric, SliceResult } from '../../stats/slices.js';
import { code, escapeHtml, escapeMarkdown } from '../escape.js';
import { type Section, details, table } from './section.js';

/** Worst slices shown unfolded; the rest go in a folded table. */
const SHOWN = 8;
const BAR = 10;
const LOWER_IS_BETTER = new Set(['error_rate', 'mae']);

interface Row {
  slice: SliceResult;
  metric: SliceMetric;
  /** The change in the "better" direction: negative is worse. */
  gain: number;
  failed: boolean;
}

/** The metric the section ranks slices by: the first slice rule's, else accuracy or MAE. */
function rankedMetric(comparison: Comparison, decision: GateDecision): string {
  const rule = decision.reasons.find((r) => r.scope === 'slices' && r.metric);
  if (rule?.metric) return rule.metric;
  return comparison.slices?.kind === 'regression' ? 'mae' : 'accuracy';
}

function rowsOf(comparison: Comparison, decision: GateDecision, name: string): Row[] {
  const result = comparison.slices;
  if (!result || result.kind === 'skipped') return [];
  const failing = new Set(
    decision.reasons.flatMap((r) => (r.scope === 'slices' ? (r.failing ?? []) : [])),
  );
  const sign = LOWER_IS_BETTER.has(name) ? -1 : 1;
  return result.slices
    .flatMap((slice) => {
      const metric = slice.metrics.find((m) => m.name === name);
      return metric
        ? [{ slice, metric, gain: sign * metric.delta, failed: failing.has(sliceName(slice)) }]
        : [];
    })
    .sort(
      (a, b) =>
        Number(b.failed) - Number(a.failed) ||
        Number(b.slice.tested) - Number(a.slice.tested) ||
        a.gain - b.gain ||
        b.slice.rows - a.slice.rows,
    );
}

/** A bar as long as the change is big next to the biggest change; red for worse, green for better. */
function bar(gain: number, biggest: number): string {
  if (biggest <= 0 || gain === 0) return '';
  const length = Math.max(1, Math.round((Math.abs(gain) / biggest) * BAR));
  return `<code>${(gain < 0 ? '🟥' : '🟩').repeat(length)}</code>`;
}

function cells(row: Row, biggest: number, withBar: boolean): string[] {
  const { slice, metric } = row;
  const p = metric.adjusted === null ? '<sub>not tested</sub>' : formatP(metric.adjusted);
  const name = `${row.failed ? '❌ ' : ''}${code(slice.column, 40)}\u00a0=\u00a0${code(slice.value, 60)}`;
  const rows = `${slice.rows.toLocaleString('en-US')}${slice.tested ? '' : ' <sub>small</sub>'}`;
  const out = [
    name,
    rows,
    `${formatValue(metric.name, metric.base)} → ${formatValue(metric.name, metric.head)}`,
    formatDelta(metric.name, metric.delta),
    p,
  ];
  if (withBar) out.push(bar(row.gain, biggest));
  return out;
}

/** Per-slice changes of the ranked metric: worst first, with corrected p-values and a bar chart. */
export const slicesSection: Section = ({ comparison, decision }, budget) => {
  const result = comparison.slices;
  if (!result) return null;
  if (result.kind === 'skipped')
    return details(
      '<b>Slices</b>: not compared',
      `The per-slice comparison could not be made: ${escapeMarkdown(result.reason, 400)}.`,
    );
  const name = rankedMetric(comparison, decision);
  const rows = rowsOf(comparison, decision, name);
  const failed = rows.filter((r) => r.failed).length;
  const tested = rows.filter((r) => r.slice.tested);
  const biggest = Math.max(0, ...tested.map((r) => Math.abs(r.gain)));
  const header = ['Slice', 'Rows', escapeMarkdown(name, 40), 'Δ', `p (${result.correction})`];
  const shown = rows.slice(0, SHOWN);
  const rest = rows.slice(SHOWN);
  let body = table(
    [...header, ''],
    '|:--|--:|:-:|--:|--:|:--|',
    shown,
    Math.min(budget / 2, 6000),
    (r) => cells(r, biggest, true),
  );
  if (rest.length > 0) {
    body += `\n\n${details(
      `${rest.length.toLocaleString('en-US')} more slice${rest.length === 1 ? '' : 's'}`,
      table(
        header,
        '|:--|--:|:-:|--:|--:|',
        rest,
        Math.min(24_000, budget - body.length - 1500),
        (r) => cells(r, biggest, false),
      ),
    )}`;
  }
  const dropped = result.dropped.map(
    (d) => `${code(d.column, 40)} had ${d.values.toLocaleString('en-US')} more values than shown`,
  );
  body += `\n\n<sub>${escapeHtml(name)} per value of ${result.columns.map((c) => code(c, 40)).join(', ')}, base vs head on the same examples (paired by id). p: McNemar's exact test for accuracy and error rate, paired bootstrap (${result.resamples.toLocaleString('en-US')} resamples) otherwise, corrected across slices (${result.correction === 'holm' ? 'Holm' : 'Benjamini–Hochberg'}). Slices under ${result.minRows} rows are shown, never gated.${dropped.length > 0 ? ` ${dropped.join('; ')}.` : ''}</sub>`;
  const worst = tested[0];
  const headline = worst
    ? `, worst ${escapeHtml(sliceName(worst.slice), 80)} ${escapeHtml(formatDelta(name, worst.metric.delta))}`
    : '';
  const summary = `<b>Slices</b>: ${failed > 0 ? `❌ ${failed} failed of ` : ''}${rows.length.toLocaleString('en-US')} (${tested.length} tested)${headline}`;
  return details(summary, body, failed > 0);
};
