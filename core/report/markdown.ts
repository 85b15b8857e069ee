import {
  formatDelta,
  formatDuration,
  formatNumber,
  formatPct,
  formatValue,
} from '../compare/format.js';
import type { Comparison, MetricDiff, RunSummary } from '../compare/types.js';
import { STATUS_OF_CONCLUSION } from '../policy/evaluate.js';
import type { GateDecision, GateReason, ReasonStatus } from '../policy/evaluate.js';
import type { Scalar, TensorInfo } from '../run-record/schema.js';
import { REPORT_MARKER, code, escapeHtml, escapeMarkdown } from './escape.js';
import { type ReportLinks, resolveLinks } from './links.js';
import { historyChart } from './mermaid.js';
import { sparkline } from './sparkline.js';

/** GitHub rejects comments over 65,536 characters; stay well under it. */
export const MAX_REPORT_CHARS = 60_000;

export interface RenderOptions {
  /** Rows of the main metric table before the rest is folded (default 40). */
  maxRows?: number;
  /** Metrics to chart (default: the primary metric). */
  chart?: readonly string[];
  /** Character cap of the whole body (default 60,000). */
  maxChars?: number;
}

const STATUS_ICON: Record<ReasonStatus, string> = { pass: '✅', fail: '❌', neutral: '⚠️' };
const CONCLUSION_WORD = { success: 'passed', failure: 'failed', neutral: 'undecided' } as const;
const CHANGE_ICON: Record<MetricDiff['change'], string> = {
  better: '🟢',
  worse: '🔴',
  same: '⚪',
  added: '🆕',
  removed: '➖',
  'no-base': '⚪',
  missing: '❔',
};

/**
 * Renders the PR comment: verdict first, then the metric table, the history chart and
 * collapsible details. Every run-record string is escaped; the body never exceeds
 * `maxChars` (sections that do not fit are cut with a visible note).
 */
export function renderReport(
  comparison: Comparison,
  decision: GateDecision,
  links: ReportLinks = {},
  options: RenderOptions = {},
): string {
  const maxChars = options.maxChars ?? MAX_REPORT_CHARS;
  const resolved = resolveLinks(comparison, links);
  const head: string[] = [
    REPORT_MARKER,
    verdict(comparison, decision),
    '',
    context(comparison, decision, resolved),
    '',
  ];
  const alerts = alertsOf(comparison);
  if (alerts) head.push(alerts, '');
  const footer = footerOf(resolved);

  const parts: string[] = [head.join('\n')];
  let used = parts[0]!.length + footer.length + 200;
  const remaining = (): number => maxChars - used;
  const add = (text: string | null): void => {
    if (!text) return;
    parts.push(text);
    used += text.length + 1;
  };

  add(metricTable(comparison, decision, options.maxRows ?? 40, Math.min(remaining(), 25_000)));
  const charted =
    options.chart && options.chart.length > 0
      ? options.chart
      : comparison.primaryMetric
        ? [comparison.primaryMetric]
        : [];
  for (const metric of charted.slice(0, 3)) {
    const chart = historyChart(comparison, metric);
    if (chart && chart.length < remaining() - 2000) add(chart);
  }
  const sections: Array<(budget: number) => string | null> = [
    (b) => gateSection(decision, b),
    (b) => significanceSection(comparison, b),
    (b) => candidatesSection(comparison, b),
    (b) => paramsSection(comparison, b),
    (b) => modelSection(comparison, b),
    (b) => dataSection(comparison, b),
    (b) => stagesSection(comparison, b),
    (b) => allMetricsSection(comparison, options.maxRows ?? 40, b),
    (b) => notesSection(comparison, b),
  ];
  for (const section of sections) {
    const budget = remaining();
    if (budget < 400) {
      add(
        "> ✂️ Further sections were cut to keep this comment under GitHub's size limit. Run `cd4ml compare --format json` for everything.",
      );
      break;
    }
    add(section(budget));
  }
  parts.push(footer);
  let body = parts.join('\n');
  if (body.length > maxChars) {
    // Last resort; the budgets above should make it unreachable.
    const note = '\n\n> ✂️ Report cut at the size limit.\n';
    body = body.slice(0, body.lastIndexOf('\n', maxChars - note.length)) + note;
  }
  return body;
}

function verdict(comparison: Comparison, decision: GateDecision): string {
  const icon = STATUS_ICON[STATUS_OF_CONCLUSION[decision.conclusion]];
  const word = CONCLUSION_WORD[decision.conclusion];
  const reason =
    decision.conclusion === 'success' && comparison.base === null
      ? `${decision.summary} (no baseline)`
      : decision.summary;
  return `### ${icon} Model gate ${word}: ${escapeMarkdown(reason, 300)}`;
}

function shortSha(commit: string | null): string {
  return commit ? commit.slice(0, 7) : 'no commit';
}

function side(label: string, run: RunSummary, commitUrl: string | null): string {
  const sha = escapeMarkdown(shortSha(run.commit));
  const commitText = commitUrl ? `[\`${sha}\`](${commitUrl})` : `\`${sha}\``;
  const branch = run.branch ? ` on ${code(run.branch, 60)}` : '';
  return `**${label}** ${commitText}${branch}${run.dirty ? ' (uncommitted changes)' : ''}`;
}

function context(
  comparison: Comparison,
  decision: GateDecision,
  links: ReturnType<typeof resolveLinks>,
): string {
  const bits: string[] = [side('head', comparison.head, links.headCommit)];
  bits.push(
    comparison.base
      ? `vs ${side('base', comparison.base, links.baseCommit)}`
      : 'vs **no baseline run**',
  );
  const rules = decision.reasons.filter((r) => r.kind === 'rule');
  if (rules.length > 0) {
    const count = (status: GateReason['status']): number =>
      rules.filter((r) => r.status === status).length;
    const tally = [`${count('pass')} passed`];
    if (count('fail') > 0) tally.push(`${count('fail')} failed`);
    if (count('neutral') > 0) tally.push(`${count('neutral')} undecided`);
    bits.push(`${rules.length} gate rule${rules.length === 1 ? '' : 's'}: ${tally.join(', ')}`);
  }
  return bits.join(' · ');
}

function alertsOf(comparison: Comparison): string | null {
  const alerts: string[] = [];
  const model = comparison.model;
  if (model?.breaking) {
    const changes = model.signature
      .filter((c) => c.breaking)
      .slice(0, 5)
      .map((c) => `${c.side} ${code(c.name, 60)} ${signatureWords(c.kind, c.base, c.head)}`);
    alerts.push(
      [
        '> [!CAUTION]',
        `> **Breaking change to the model signature.** Clients of the current model will fail against this one:`,
        ...changes.map((c) => `> - ${c}`),
      ].join('\n'),
    );
  }
  if (comparison.unverified) {
    alerts.push(
      `> [!WARNING]\n> **Unverified metrics:** ${escapeMarkdown(comparison.unverified, 300)}. The numbers below are what the pull request's own workflow reported.`,
    );
  }
  if (comparison.head.status === 'failed')
    alerts.push('> [!WARNING]\n> **The head run failed**: its metrics are incomplete.');
  const deps = comparison.data.deps;
  // Row counts, flat (`rows`) or per split (`rows.train`), are what a reviewer checks first.
  const rows = comparison.data.stats
    .filter(
      (s) =>
        /(^|\.)(rows|row_count|n_rows|num_rows)(\.|$)/.test(s.key) &&
        typeof s.base === 'number' &&
        typeof s.head === 'number',
    )
    .slice(0, 3);
  if (deps.length > 0 || rows.length > 0) {
    const what: string[] = [];
    if (deps.length > 0)
      what.push(
        `${deps.length} data dep${deps.length === 1 ? '' : 's'} changed (${deps
          .slice(0, 3)
          .map((d) => code(d.path, 60))
          .join(', ')}${deps.length > 3 ? ', …' : ''})`,
      );
    for (const r of rows) {
      what.push(
        `${escapeMarkdown(r.key, 60)} ${formatNumber(r.base as number)} → ${formatNumber(r.head as number)} (${formatPct(r.deltaPct)})`,
      );
    }
    alerts.push(`> [!NOTE]\n> **The data moved:** ${what.join('; ')}. See *Data* below.`);
  }
  return alerts.length > 0 ? alerts.join('\n\n') : null;
}

function signatureWords(kind: string, base: TensorInfo | null, head: TensorInfo | null): string {
  const desc = (t: TensorInfo | null): string =>
    t
      ? `${escapeMarkdown(t.type, 20)} \\[${t.shape.map((d) => escapeMarkdown(String(d ?? '?'), 20)).join(', ')}\\]`
      : '—';
  switch (kind) {
    case 'added':
      return `added: ${desc(head)}`;
    case 'removed':
      return `removed (was ${desc(base)})`;
    default:
      return `changed: ${desc(base)} → ${desc(head)}`;
  }
}

/** Rules by metric, for the gate column. */
function ruleCells(decision: GateDecision): Map<string, string> {
  const cells = new Map<string, string[]>();
  for (const reason of decision.reasons) {
    if (reason.kind !== 'rule' || !reason.metric) continue;
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

function metricTable(
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

function details(summary: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body.trimEnd()}\n\n</details>\n`;
}

/**
 * A markdown table cut to a character budget, with a visible note naming how many rows
 * were left out.
 */
function table<T>(
  header: string[],
  align: string,
  items: readonly T[],
  budget: number,
  cells: (item: T) => string[],
): string {
  const lines = [`| ${header.join(' | ')} |`, align];
  let size = lines[0]!.length + align.length;
  let shown = 0;
  // Rows are rendered lazily: a 10,000-metric run only pays for the rows that fit.
  for (const item of items) {
    const line = `| ${cells(item).join(' | ')} |`;
    if (size + line.length + 300 > budget) break;
    lines.push(line);
    size += line.length + 1;
    shown++;
  }
  if (shown < items.length) {
    lines.push(
      '',
      `> ✂️ ${(items.length - shown).toLocaleString('en-US')} more row${items.length - shown === 1 ? '' : 's'} not shown (size limit). Run \`cd4ml compare --format json\` for all of them.`,
    );
  }
  return lines.join('\n');
}

function gateSection(decision: GateDecision, budget: number): string | null {
  if (decision.reasons.length === 0) return null;
  const rows = decision.reasons.map((r) => [
    STATUS_ICON[r.status],
    r.metric ? code(r.metric, 80) : r.kind,
    escapeMarkdown(r.message.replace(/^[^:]+: /, ''), 400),
  ]);
  const failed = decision.reasons.filter((r) => r.status === 'fail').length;
  const summary = `<b>Gate rules</b>: ${decision.reasons.length} checked${failed > 0 ? `, ${failed} failed` : ''}`;
  return details(
    summary,
    table(['', 'Metric', 'Result'], '|:-:|:--|:--|', rows, budget - 200, (r) => r),
  );
}

function significanceSection(comparison: Comparison, budget: number): string | null {
  const s = comparison.significance;
  if (!s) return null;
  if (s.kind === 'skipped')
    return details(
      '<b>Significance</b>: not tested',
      `The runs' per-example predictions could not be paired: ${escapeMarkdown(s.reason, 300)}.`,
    );
  const accuracy = s.metrics[0]!;
  const ci = (lo: number, hi: number, name: string): string =>
    `${formatDelta(name, lo)} … ${formatDelta(name, hi)}`;
  const excludesZero = (lo: number, hi: number): boolean => lo > 0 || hi < 0;
  const pct = Math.round(accuracy.delta.confidence * 100);
  const headline = `${accuracy.name} ${formatDelta(accuracy.name, accuracy.delta.estimate)}, ${pct}% CI ${ci(accuracy.delta.low, accuracy.delta.high, accuracy.name)}: ${excludesZero(accuracy.delta.low, accuracy.delta.high) ? 'a real change' : 'within noise'}`;
  const rows = s.metrics.map((m) => [
    code(m.name),
    formatNumber(m.base),
    formatNumber(m.head),
    formatDelta(m.name, m.delta.estimate),
    ci(m.delta.low, m.delta.high, m.name),
    excludesZero(m.delta.low, m.delta.high) ? '**significant**' : 'noise',
  ]);
  let body = `Paired bootstrap over the ${s.paired.toLocaleString('en-US')} examples both runs predicted (${s.metrics[0]!.delta.resamples.toLocaleString('en-US')} resamples, seed ${s.metrics[0]!.delta.seed}), recomputed from the saved predictions.\n\n`;
  body += table(
    ['Per-example metric', 'Base', 'Head', 'Δ', `${pct}% CI of Δ`, ''],
    '|:--|--:|--:|--:|:-:|:--|',
    rows,
    budget - 800,
    (r) => r,
  );
  if (s.mcnemar) {
    const m = s.mcnemar;
    body += `\n\n**McNemar's test:** the head fixes ${m.headOnly.toLocaleString('en-US')} example${m.headOnly === 1 ? '' : 's'} the base got wrong and breaks ${m.baseOnly.toLocaleString('en-US')} the base got right; exact p = ${formatP(m.pValue)} (${m.pValue < 0.05 ? 'the error rates differ' : 'no evidence the error rates differ'} at the 5% level).`;
  }
  return details(`<b>Significance</b>: ${escapeHtml(headline)}`, body);
}

function formatP(p: number): string {
  if (p < 0.0001) return '< 0.0001';
  return p.toPrecision(2);
}

function candidatesSection(comparison: Comparison, budget: number): string | null {
  const board = comparison.candidates;
  if (!board || board.rows.length === 0) return null;
  const metric = board.metric ?? 'score';
  const champion = board.rows.find((r) => r.champion);
  const rows = board.rows.map((r, i) => [
    String(i + 1),
    `${r.champion ? '🏆 ' : ''}${code(r.name, 60)}${r.champion ? ' **champion**' : ''}${r.baseChampion && !r.champion ? ' <sub>base champion</sub>' : ''}`,
    r.value === null ? '—' : formatValue(metric, r.value),
    r.baseValue === null ? '—' : formatValue(metric, r.baseValue),
    r.value !== null && r.baseValue !== null ? formatDelta(metric, r.value - r.baseValue) : '—',
    escapeMarkdown(
      Object.entries(r.params)
        .slice(0, 4)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(', '),
      120,
    ),
  ]);
  const summary = `<b>Candidates</b>: ${board.rows.length} trained${champion ? `, champion ${escapeHtml(champion.name, 60)}` : ''} (ranked by ${escapeHtml(metric, 60)}, ${board.direction} is better)`;
  return details(
    summary,
    table(
      ['#', 'Candidate', escapeMarkdown(metric, 60), 'Base', 'Δ', 'Params'],
      '|--:|:--|--:|--:|--:|:--|',
      rows,
      budget - 400,
      (r) => r,
    ),
  );
}

function scalar(value: Scalar | undefined): string {
  if (value === undefined) return '—';
  return code(JSON.stringify(value), 120);
}

function paramsSection(comparison: Comparison, budget: number): string | null {
  if (!comparison.base) return null;
  const { params, paramCounts } = comparison;
  if (params.length === 0)
    return details(
      '<b>Params</b>: unchanged',
      `All ${paramCounts.head.toLocaleString('en-US')} params are the same in both runs.`,
    );

  const summary = `<b>Params</b>: ${params.length.toLocaleString('en-US')} changed, ${paramCounts.unchanged.toLocaleString('en-US')} unchanged`;
  return details(
    summary,
    table(['Param', 'Base', 'Head', ''], '|:--|:--|:--|:--|', params, budget - 400, (p) => [
      code(p.name, 100),
      scalar(p.base),
      scalar(p.head),
      p.change === 'changed' ? '' : p.change,
    ]),
  );
}

function tensorRows(tensors: readonly TensorInfo[], side: string): string[][] {
  return tensors.map((t) => [
    side,
    code(t.name, 60),
    code(t.type, 20),
    code(`[${t.shape.map((d) => String(d ?? '?')).join(', ')}]`, 80),
  ]);
}

function modelSection(comparison: Comparison, budget: number): string | null {
  const model = comparison.model;
  if (!model) return null;
  const { base, head } = model;
  const lines: string[] = [];
  const row = (
    label: string,
    name: string,
    b: number | null | undefined,
    h: number | null | undefined,
  ): string[] => {
    const d = b !== null && b !== undefined && h !== null && h !== undefined ? h - b : null;
    const pct = d !== null && b ? (d / Math.abs(b)) * 100 : null;
    return [
      label,
      formatValue(name, b),
      formatValue(name, h),
      formatDelta(name, d),
      formatPct(pct),
    ];
  };
  lines.push(
    table(
      ['', 'Base', 'Head', 'Δ', 'Δ%'],
      '|:--|--:|--:|--:|--:|',
      [
        row('Size', 'model.bytes', base?.bytes, head?.bytes),
        row('Latency p50', 'model.latency_p50_ms', base?.latency?.p50Ms, head?.latency?.p50Ms),
        row('Latency p95', 'model.latency_p95_ms', base?.latency?.p95Ms, head?.latency?.p95Ms),
      ],
      4000,
      (r) => r,
    ),
  );
  lines.push(
    '',
    `**File:** ${head ? code(head.path, 100) : '—'} · sha256 ${head ? code(head.sha256.slice(0, 12), 12) : '—'}${model.changed ? (base ? ` (was ${code(base.sha256.slice(0, 12), 12)})` : '') : ' (unchanged)'}`,
  );
  if (head) {
    lines.push('', '**Signature**', '');
    lines.push(
      table(
        ['', 'Name', 'Type', 'Shape'],
        '|:--|:--|:--|:--|',
        [...tensorRows(head.inputs, 'input'), ...tensorRows(head.outputs, 'output')],
        Math.max(1000, budget / 2),
        (r) => r,
      ),
    );
  }
  if (model.signature.length > 0) {
    lines.push('', '**Signature changes**', '');
    for (const change of model.signature.slice(0, 50)) {
      lines.push(
        `- ${change.breaking ? '💥 **breaking**: ' : ''}${change.side} ${code(change.name, 60)} ${signatureWords(change.kind, change.base, change.head)}`,
      );
    }
  }
  const size =
    base && head
      ? `${formatValue('model.bytes', base.bytes)} → ${formatValue('model.bytes', head.bytes)}`
      : formatValue('model.bytes', head?.bytes ?? base?.bytes);
  const p95 = head?.latency ? `, p95 ${formatDuration(head.latency.p95Ms)}` : '';
  const signature = model.breaking
    ? ', 💥 breaking signature change'
    : model.signature.length > 0
      ? ', signature extended'
      : base && head
        ? ', same signature'
        : '';
  const summary = `<b>Model</b>: ${size}${p95}${signature}`;
  return details(summary, lines.join('\n'));
}

function dataSection(comparison: Comparison, budget: number): string | null {
  const { deps, unchangedDeps, stats, unchangedStats } = comparison.data;
  if (!comparison.base || (deps.length === 0 && stats.length === 0 && unchangedDeps === 0))
    return null;
  const parts: string[] = [];
  if (deps.length > 0) {
    parts.push(
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
    );
    if (unchangedDeps > 0)
      parts.push(
        '',
        `<sub>${unchangedDeps} other dep${unchangedDeps === 1 ? '' : 's'} unchanged.</sub>`,
      );
  } else if (unchangedDeps > 0) {
    parts.push(`All ${unchangedDeps} data deps are unchanged.`);
  }
  if (stats.length > 0) {
    const value = (v: unknown): string =>
      typeof v === 'number' ? formatNumber(v) : v === undefined ? '—' : code(JSON.stringify(v), 60);
    parts.push('', '**Dataset statistics**', '');
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
  }
  const summary = `<b>Data</b>: ${deps.length === 0 ? 'deps unchanged' : `${deps.length} dep${deps.length === 1 ? '' : 's'} changed`}${stats.length > 0 ? `, ${stats.length} statistic${stats.length === 1 ? '' : 's'} moved` : ''}`;
  return details(summary, parts.join('\n'));
}

function stagesSection(comparison: Comparison, budget: number): string | null {
  if (comparison.stages.length === 0) return null;
  const status = (s: { status: string; attempts: number } | null): string =>
    s ? `${s.status}${s.attempts > 1 ? ` ×${s.attempts}` : ''}` : '—';
  const total = comparison.base
    ? `${formatDuration(comparison.base.durationMs)} → ${formatDuration(comparison.head.durationMs)}`
    : formatDuration(comparison.head.durationMs);
  const failed = comparison.stages.filter((s) => s.head?.status === 'failed').length;
  const summary = `<b>Stages</b>: ${comparison.stages.length}, total ${total}${failed > 0 ? `, ${failed} failed` : ''}`;
  return details(
    summary,
    table(
      ['Stage', 'Base', 'Head', 'Base time', 'Head time', 'Δ'],
      '|:--|:--|:--|--:|--:|--:|',
      comparison.stages,
      budget - 400,
      (s) => [
        code(s.name, 80),
        status(s.base),
        status(s.head),
        s.base ? formatDuration(s.base.durationMs) : '—',
        s.head ? formatDuration(s.head.durationMs) : '—',
        s.deltaMs === null ? '—' : formatDelta('x_ms', s.deltaMs),
      ],
    ),
  );
}

function allMetricsSection(comparison: Comparison, maxRows: number, budget: number): string | null {
  if (comparison.metrics.length <= maxRows) return null;
  return details(
    `<b>All metrics</b> (${comparison.metrics.length.toLocaleString('en-US')})`,
    table(
      ['', 'Metric', 'Base', 'Head', 'Δ', 'Δ%'],
      '|:-:|:--|--:|--:|--:|--:|',
      comparison.metrics,
      budget - 300,
      (m) => [
        CHANGE_ICON[m.change],
        escapeMarkdown(m.name, 80),
        formatValue(m.name, m.base),
        formatValue(m.name, m.head),
        formatDelta(m.name, m.delta),
        formatPct(m.deltaPct),
      ],
    ),
  );
}

function notesSection(comparison: Comparison, budget: number): string | null {
  if (comparison.notes.length === 0) return null;
  const lines: string[] = [];
  let size = 0;
  for (const note of comparison.notes) {
    const line = `- ${escapeMarkdown(note, 500)}`;
    if (size + line.length > budget - 200) break;
    lines.push(line);
    size += line.length;
  }
  return `**Notes**\n\n${lines.join('\n')}\n`;
}

function footerOf(links: ReturnType<typeof resolveLinks>): string {
  const items: string[] = [];
  if (links.run) items.push(`[Workflow run](${links.run})`);
  if (links.artifacts) items.push(`[Artifacts](${links.artifacts})`);
  if (links.headCommit) items.push(`[Head commit](${links.headCommit})`);
  if (links.baseCommit) items.push(`[Base commit](${links.baseCommit})`);
  if (links.compare) items.push(`[Code diff](${links.compare})`);
  if (links.policy) items.push(`[Gate policy](${links.policy})`);
  const linkLine = items.length > 0 ? `${items.join(' · ')}\n\n` : '';
  return `\n---\n${linkLine}<sub>Posted by cd4ml. The gate policy is read from the base branch. This comment is updated on every run.</sub>\n`;
}
