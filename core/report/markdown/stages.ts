import { formatDelta, formatDuration } from '../../compare/format.js';
import { code } from '../escape.js';
import { type Section, details, table } from './section.js';

/** Each stage's status and duration, base vs head. */
export const stagesSection: Section = ({ comparison }, budget) => {
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
};
