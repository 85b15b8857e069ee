import type { Comparison, MetricDiff } from '../../compare/types.js';
import type { GateDecision, ReasonStatus } from '../../policy/evaluate.js';
import type { BaselineSearch } from '../../gate/baseline.js';
import type { ShadowSummary } from '../../shadow/summary.js';

/** What every section renders from. */
export interface SectionInput {
  comparison: Comparison;
  decision: GateDecision;
  /** Rows of the main metric table before the rest is folded. */
  maxRows: number;
  /** Live traffic from `cd4ml serve --shadow` (`cd4ml shadow report --json`), when given. */
  shadow?: ShadowSummary;
  /** How the baseline was chosen (the gate's search), when one was searched for. */
  baseline?: BaselineSearch | null;
}

/**
 * One collapsible section of the report: markdown within `budget` characters, or null
 * when it has nothing to say. A new section is a new file exporting one of these, listed
 * in `SECTIONS` (index.ts).
 */
export type Section = (input: SectionInput, budget: number) => string | null;

export const STATUS_ICON: Record<ReasonStatus, string> = { pass: '✅', fail: '❌', neutral: '⚠️' };

export const CHANGE_ICON: Record<MetricDiff['change'], string> = {
  better: '🟢',
  worse: '🔴',
  same: '⚪',
  added: '🆕',
  removed: '➖',
  'no-base': '⚪',
  missing: '❔',
};

export function details(summary: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body.trimEnd()}\n\n</details>\n`;
}

/**
 * A markdown table cut to a character budget, with a visible note naming how many rows
 * were left out.
 */
export function table<T>(
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
