import { formatDelta, formatPct, formatValue } from '../../compare/format.js';
import { escapeMarkdown } from '../escape.js';
import { CHANGE_ICON, type Section, details, table } from './section.js';

/** Every metric, folded, when the main table could not show them all. */
export const allMetricsSection: Section = ({ comparison, maxRows }, budget) => {
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
};
