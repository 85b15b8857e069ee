import { formatDelta, formatValue } from '../../compare/format.js';
import { code, escapeHtml, escapeMarkdown } from '../escape.js';
import { type Section, details, table } from './section.js';

/** The leaderboard of a run that trained several candidates. */
export const candidatesSection: Section = ({ comparison }, budget) => {
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
};
