import { formatDelta, formatPct, formatValue } from '../compare/format.js';
import type { Comparison, MetricDiff } from '../compare/types.js';
import { STATUS_OF_CONCLUSION } from '../policy/evaluate.js';
import type { GateDecision, ReasonStatus } from '../policy/evaluate.js';
import { escapeTerminal } from './escape.js';
import { sparkline } from './sparkline.js';

/**
 * Colouring hooks for the terminal. core/ stays free of terminal libraries: the CLI
 * passes picocolors' functions in; the default is plain text.
 */
export interface TextStyle {
  good: (text: string) => string;
  bad: (text: string) => string;
  warn: (text: string) => string;
  dim: (text: string) => string;
  bold: (text: string) => string;
}

const identity = (text: string): string => text;
export const PLAIN_STYLE: TextStyle = {
  good: identity,
  bad: identity,
  warn: identity,
  dim: identity,
  bold: identity,
};

const MARK: Record<ReasonStatus, string> = { pass: '✔', fail: '✖', neutral: '!' };
const GATE_WORD: Record<ReasonStatus, string> = { pass: 'pass', fail: 'FAIL', neutral: 'neutral' };

/** The comparison and decision as terminal text (no markdown), for `cd4ml compare`. */
export function renderText(
  comparison: Comparison,
  decision: GateDecision,
  style: TextStyle = PLAIN_STYLE,
  options: { maxRows?: number } = {},
): string {
  const out = [
    ...headline(comparison, decision, style),
    ...metricsTable(comparison, decision, style, options.maxRows ?? 40),
    ...gateReasons(decision, style),
    ...significance(comparison, style),
    ...candidates(comparison, style),
    ...paramsChanged(comparison, style),
    ...depsChanged(comparison, style),
    ...comparison.notes.map((note) => style.dim(`note: ${escapeTerminal(note, 300)}`)),
  ];
  return `${out.join('\n').trimEnd()}\n`;
}

/** The gate's conclusion, the two runs, and warnings (unverified metrics, a breaking model). */
function headline(comparison: Comparison, decision: GateDecision, style: TextStyle): string[] {
  const out: string[] = [];
  const status = STATUS_OF_CONCLUSION[decision.conclusion];
  const colour = statusColour(status, style);
  out.push(
    colour(
      style.bold(
        `${MARK[status]} gate ${decision.conclusion}: ${escapeTerminal(decision.summary, 300)}`,
      ),
    ),
  );
  const who = (label: string, run: Comparison['head'] | null): string =>
    run
      ? `${label} ${run.commit ? run.commit.slice(0, 7) : 'no-commit'}${run.branch ? ` (${escapeTerminal(run.branch, 60)})` : ''} run ${escapeTerminal(run.id, 60)}`
      : `${label} none`;
  out.push(style.dim(`${who('head', comparison.head)}  vs  ${who('base', comparison.base)}`), '');

  if (comparison.unverified) {
    out.push(style.warn(`UNVERIFIED metrics: ${escapeTerminal(comparison.unverified, 300)}`), '');
  }
  if (comparison.model?.breaking) {
    out.push(style.bad('BREAKING model signature change:'));
    for (const c of comparison.model.signature.filter((s) => s.breaking))
      out.push(style.bad(`  ${c.side} ${escapeTerminal(c.name, 60)} ${c.kind}`));
    out.push('');
  }
  return out;
}

/** Gated and changed metrics as an aligned table, at most `maxRows` rows (every gated one). */
function metricsTable(
  comparison: Comparison,
  decision: GateDecision,
  style: TextStyle,
  maxRows: number,
): string[] {
  const out: string[] = [];
  const gated = new Map<string, string>();
  for (const reason of decision.reasons) {
    if (reason.metric)
      gated.set(reason.metric, statusColour(reason.status, style)(GATE_WORD[reason.status]));
  }
  const rows = comparison.metrics
    .filter((m) => gated.has(m.name) || m.change !== 'same')
    .slice(0, Math.max(maxRows, gated.size));
  const header = ['metric', 'base', 'head', 'Δ', 'Δ%', 'trend', 'gate'];
  const cells = rows.map((m) => [
    escapeTerminal(m.name, 48),
    formatValue(m.name, m.base),
    formatValue(m.name, m.head),
    formatDelta(m.name, m.delta),
    formatPct(m.deltaPct),
    sparkline([...m.history, m.head]),
    gated.get(m.name) ?? '',
  ]);
  const widths = header.map((h, i) =>
    Math.max(visible(h), ...cells.map((row) => visible(row[i]!))),
  );
  const line = (row: string[], colourRow: (s: string) => string = identity): string =>
    `  ${row
      .map((cell, i) =>
        i >= 1 && i <= 4
          ? cell.padStart(widths[i]! + cell.length - visible(cell))
          : cell.padEnd(widths[i]! + cell.length - visible(cell)),
      )
      .map((c, i) => (i === 0 ? colourRow(c) : c))
      .join('  ')}`.trimEnd();
  if (rows.length > 0) {
    out.push(style.dim(line(header)));
    rows.forEach((m, i) => out.push(line(cells[i]!, changeColour(m, style))));
  }
  const hidden = comparison.metrics.length - rows.length;
  if (hidden > 0)
    out.push(
      style.dim(
        `  … ${hidden} more metric${hidden === 1 ? '' : 's'} (unchanged or beyond ${maxRows} rows; --format json lists all)`,
      ),
    );
  out.push('');
  return out;
}

/** A section: its bold title, its lines, a blank line; nothing when it has no lines. */
function section(title: string, lines: string[], style: TextStyle): string[] {
  return lines.length > 0 ? [style.bold(title), ...lines, ''] : [];
}

function gateReasons(decision: GateDecision, style: TextStyle): string[] {
  const lines = decision.reasons.map(
    (r) => `  ${statusColour(r.status, style)(MARK[r.status])} ${escapeTerminal(r.message, 400)}`,
  );
  return section('Gate', lines, style);
}

function significance(comparison: Comparison, style: TextStyle): string[] {
  const s = comparison.significance;
  if (!s || s.kind === 'skipped') return [];
  const lines = s.metrics.map(
    (m) =>
      `  ${m.name}: ${formatDelta(m.name, m.delta.estimate)}  ${Math.round(m.delta.confidence * 100)}% CI ${formatDelta(m.name, m.delta.low)} … ${formatDelta(m.name, m.delta.high)}`,
  );
  if (s.mcnemar)
    lines.push(
      `  McNemar: head fixes ${s.mcnemar.headOnly}, breaks ${s.mcnemar.baseOnly}, p = ${s.mcnemar.pValue.toPrecision(2)}`,
    );
  return [style.bold(`Significance (paired bootstrap, ${s.paired} examples)`), ...lines, ''];
}

function candidates(comparison: Comparison, style: TextStyle): string[] {
  const c = comparison.candidates;
  if (!c) return [];
  const lines = c.rows.map(
    (r) =>
      `  ${r.champion ? '★' : ' '} ${escapeTerminal(r.name, 60)}  ${formatValue(c.metric ?? '', r.value)}`,
  );
  return [style.bold(`Candidates (by ${escapeTerminal(c.metric ?? '?', 60)})`), ...lines, ''];
}

function paramsChanged(comparison: Comparison, style: TextStyle): string[] {
  const { params } = comparison;
  const shown = (value: unknown): string =>
    value === undefined ? '—' : escapeTerminal(JSON.stringify(value), 80);
  const lines = params
    .slice(0, 50)
    .map((p) => `  ${escapeTerminal(p.name, 80)}: ${shown(p.base)} → ${shown(p.head)}`);
  if (params.length > 50) lines.push(style.dim(`  … ${params.length - 50} more`));
  return section(`Params changed (${params.length})`, lines, style);
}

function depsChanged(comparison: Comparison, style: TextStyle): string[] {
  const lines = comparison.data.deps
    .slice(0, 20)
    .map((d) => `  ${escapeTerminal(d.path, 100)} (${d.change})`);
  return section('Data deps changed', lines, style);
}

function statusColour(status: ReasonStatus, style: TextStyle): (text: string) => string {
  return status === 'pass' ? style.good : status === 'fail' ? style.bad : style.warn;
}

function changeColour(m: MetricDiff, style: TextStyle): (s: string) => string {
  if (m.change === 'better') return style.good;
  if (m.change === 'worse' || m.change === 'removed' || m.change === 'missing') return style.bad;
  return identity;
}

/** Printed width, ignoring ANSI colour codes. */
function visible(text: string): number {
  // eslint-disable-next-line no-control-regex
  return [...text.replace(/\u001b\[[0-9;]*m/g, '')].length;
}
