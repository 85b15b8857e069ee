import { formatDelta, formatNumber, formatP } from '../../compare/format.js';
import { code, escapeHtml, escapeMarkdown } from '../escape.js';
import { type Section, details, table } from './section.js';

const ci = (lo: number, hi: number, name: string): string =>
  `${formatDelta(name, lo)} … ${formatDelta(name, hi)}`;
const excludesZero = (lo: number, hi: number): boolean => lo > 0 || hi < 0;

/** The paired bootstrap and McNemar's test over the runs' saved predictions. */
export const significanceSection: Section = ({ comparison }, budget) => {
  const s = comparison.significance;
  if (!s) return null;
  if (s.kind === 'skipped')
    return details(
      '<b>Significance</b>: not tested',
      `The runs' per-example predictions could not be paired: ${escapeMarkdown(s.reason, 300)}.`,
    );
  const accuracy = s.metrics[0]!;
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
};
