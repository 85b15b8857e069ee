import type { Comparison } from '../../compare/types.js';
import type { GateDecision } from '../../policy/evaluate.js';
import { REPORT_MARKER } from '../escape.js';
import { type ReportLinks, resolveLinks } from '../links.js';
import { historyChart } from '../mermaid.js';
import { alertsOf } from './alerts.js';
import { allMetricsSection } from './all-metrics.js';
import { baselineSection } from './baseline.js';
import type { BaselineSearch } from '../../gate/baseline.js';
import { candidatesSection } from './candidates.js';
import { dataSection } from './data.js';
import { footerOf } from './footer.js';
import { gateSection } from './gate.js';
import { context, verdict } from './header.js';
import { metricTable } from './metric-table.js';
import { modelSection } from './model.js';
import { notesSection } from './notes.js';
import { paramsSection } from './params.js';
import type { Section, SectionInput } from './section.js';
import type { ShadowSummary } from '../../shadow/summary.js';
import { shadowSection } from './shadow.js';
import { significanceSection } from './significance.js';
import { slicesSection } from './slices.js';
import { stagesSection } from './stages.js';

/** GitHub rejects comments over 65,536 characters; stay well under it. */
export const MAX_REPORT_CHARS = 60_000;

export interface RenderOptions {
  /** Rows of the main metric table before the rest is folded (default 40). */
  maxRows?: number;
  /** Metrics to chart (default: the primary metric). */
  chart?: readonly string[];
  /** Character cap of the whole body (default 60,000). */
  maxChars?: number;
  /** A shadow-traffic summary to show as the first section (live traffic on the candidate). */
  shadow?: ShadowSummary;
  /** How the baseline was chosen (the gate's search): its own section. */
  baseline?: BaselineSearch | null;
}

/** The folded sections under the table, in order; each gets what is left of the budget. */
const SECTIONS: readonly Section[] = [
  shadowSection,
  gateSection,
  baselineSection,
  slicesSection,
  significanceSection,
  candidatesSection,
  paramsSection,
  modelSection,
  dataSection,
  stagesSection,
  allMetricsSection,
  notesSection,
];

const CUT_NOTE =
  "> ✂️ Further sections were cut to keep this comment under GitHub's size limit. Run `cd4ml compare --format json` for everything.";

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

  const input: SectionInput = {
    comparison,
    decision,
    maxRows: options.maxRows ?? 40,
    ...(options.shadow ? { shadow: options.shadow } : {}),
    ...(options.baseline ? { baseline: options.baseline } : {}),
  };
  add(metricTable(comparison, decision, input.maxRows, Math.min(remaining(), 25_000)));
  for (const metric of chartedMetrics(comparison, options).slice(0, 3)) {
    const chart = historyChart(comparison, metric);
    if (chart && chart.length < remaining() - 2000) add(chart);
  }
  for (const section of SECTIONS) {
    const budget = remaining();
    if (budget < 400) {
      add(CUT_NOTE);
      break;
    }
    add(section(input, budget));
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

function chartedMetrics(comparison: Comparison, options: RenderOptions): readonly string[] {
  if (options.chart && options.chart.length > 0) return options.chart;
  return comparison.primaryMetric ? [comparison.primaryMetric] : [];
}
