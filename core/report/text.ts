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

  const gated = new Map<string, string>();
  for (const reason of decision.reasons) {
    if (reason.metric)
      gated.set(reason.metric, statusColour(reason.status, style)(GATE_WORD[reason.status]));
  }
  const maxRows = options.maxRows ?? 40;
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

  if (decision.reasons.length > 0) {
    out.push(style.bold('Gate'));
    for (const r of decision.reasons) {
      const mark = statusColour(r.status, style)(MARK[r.status]);
      out.push(`  ${mark} ${escapeTerminal(r.message, 400)}`);
    }
    out.push('');
  }
  const s = comparison.significance;
  if (s && s.kind !== 'skipped') {
    out.push(style.bold(`Significance (paired bootstrap, ${s.paired} examples)`));
    for (const m of s.metrics) {
      out.push(
        `  ${m.name}: ${formatDelta(m.name, m.delta.estimate)}  ${Math.round(m.delta.confidence * 100)}% CI ${formatDelta(m.name, m.delta.low)} … ${formatDelta(m.name, m.delta.high)}`,
      );
    }
    if (s.mcnemar)
      out.push(
        `  McNemar: head fixes ${s.mcnemar.headOnly}, breaks ${s.mcnemar.baseOnly}, p = ${s.mcnemar.pValue.toPrecision(2)}`,
      );
    out.push('');
  }
  if (comparison.candidates) {
    out.push(
      style.bold(`Candidates (by ${escapeTerminal(comparison.candidates.metric ?? '?', 60)})`),
    );
    for (const r of comparison.candidates.rows) {
      out.push(
        `  ${r.champion ? '★' : ' '} ${escapeTerminal(r.name, 60)}  ${formatValue(comparison.candidates.metric ?? '', r.value)}`,
      );
    }
    out.push('');
  }
  if (comparison.params.length > 0) {
    out.push(style.bold(`Params changed (${comparison.params.length})`));
    for (const p of comparison.params.slice(0, 50)) {
      out.push(
        `  ${escapeTerminal(p.name, 80)}: ${p.base === undefined ? '—' : escapeTerminal(JSON.stringify(p.base), 80)} → ${p.head === undefined ? '—' : escapeTerminal(JSON.stringify(p.head), 80)}`,
      );
    }
    if (comparison.params.length > 50)
      out.push(style.dim(`  … ${comparison.params.length - 50} more`));
    out.push('');
  }
  if (comparison.data.deps.length > 0) {
    out.push(style.bold('Data deps changed'));
    for (const d of comparison.data.deps.slice(0, 20))
      out.push(`  ${escapeTerminal(d.path, 100)} (${d.change})`);
    out.push('');
  }
  for (const note of comparison.notes) out.push(style.dim(`note: ${escapeTerminal(note, 300)}`));
  return `${out.join('\n').trimEnd()}\n`;
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
