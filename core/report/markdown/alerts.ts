import { formatNumber, formatPct } from '../../compare/format.js';
import type { Comparison } from '../../compare/types.js';
import { code, escapeMarkdown } from '../escape.js';
import { signatureWords } from './model.js';

/** GitHub alerts above the table: breaking signature, unverified metrics, a failed head, moved data. */
export function alertsOf(comparison: Comparison): string | null {
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
  const data = dataAlert(comparison);
  if (data) alerts.push(data);
  return alerts.length > 0 ? alerts.join('\n\n') : null;
}

function dataAlert(comparison: Comparison): string | null {
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
  if (deps.length === 0 && rows.length === 0) return null;
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
  return `> [!NOTE]\n> **The data moved:** ${what.join('; ')}. See *Data* below.`;
}
