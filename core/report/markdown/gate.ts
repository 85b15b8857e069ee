import { code, escapeMarkdown } from '../escape.js';
import { STATUS_ICON, type Section, details, table } from './section.js';

/** Every rule and check the gate evaluated, with its message. */
export const gateSection: Section = ({ decision }, budget) => {
  if (decision.reasons.length === 0) return null;
  const rows = decision.reasons.map((r) => [
    STATUS_ICON[r.status],
    r.metric ? code(r.metric, 80) : r.data ? code(r.data, 80) : r.kind,
    escapeMarkdown(r.message.replace(/^[^:]+: /, ''), 400),
  ]);
  const failed = decision.reasons.filter((r) => r.status === 'fail').length;
  const summary = `<b>Gate rules</b>: ${decision.reasons.length} checked${failed > 0 ? `, ${failed} failed` : ''}`;
  return details(
    summary,
    table(['', 'Metric', 'Result'], '|:-:|:--|:--|', rows, budget - 200, (r) => r),
  );
};
