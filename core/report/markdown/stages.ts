import { formatDelta, formatDuration } from '../../compare/format.js';
import type { StageDiff } from '../../compare/types.js';
import { code, escapeMarkdown } from '../escape.js';
import { type Section, details, table } from './section.js';

/** The head's checks on a stage's outs: `✓ 3`, or `✗ 1 of 3` when some failed. */
function checksCell(s: StageDiff): string {
  if (!s.checks || s.checks.length === 0) return '—';
  const failed = s.checks.filter((c) => c.status === 'fail').length;
  return failed > 0 ? `❌ ${failed} of ${s.checks.length}` : `✅ ${s.checks.length}`;
}

/** Each failed stage check in words (file, column, value, line), within the budget. */
function failedChecks(stages: readonly StageDiff[], budget: number): string[] {
  const lines: string[] = [];
  let size = 0;
  const failed = stages.flatMap((s) =>
    (s.checks ?? []).filter((c) => c.status === 'fail').map((c) => ({ stage: s.name, c })),
  );
  for (const { stage, c } of failed) {
    const line = `- ${code(stage, 80)}: ${escapeMarkdown(c.message, 400)}`;
    if (size + line.length > budget) {
      lines.push(`- … and ${failed.length - lines.length} more failed checks`);
      break;
    }
    lines.push(line);
    size += line.length + 1;
  }
  return lines.length > 0 ? ['', '**Failed stage checks**', '', ...lines] : [];
}

/** Each stage's status, duration and checks on its outs, base vs head. */
export const stagesSection: Section = ({ comparison }, budget) => {
  if (comparison.stages.length === 0) return null;
  const status = (s: { status: string; attempts: number } | null): string =>
    s ? `${s.status}${s.attempts > 1 ? ` ×${s.attempts}` : ''}` : '—';
  const total = comparison.base
    ? `${formatDuration(comparison.base.durationMs)} → ${formatDuration(comparison.head.durationMs)}`
    : formatDuration(comparison.head.durationMs);
  const failed = comparison.stages.filter((s) => s.head?.status === 'failed').length;
  const checked = comparison.stages.some((s) => s.checks && s.checks.length > 0);
  const checkFailures = comparison.stages.some((s) => s.checks?.some((c) => c.status === 'fail'));
  const summary = `<b>Stages</b>: ${comparison.stages.length}, total ${total}${failed > 0 ? `, ${failed} failed` : ''}`;
  const header = ['Stage', 'Base', 'Head', 'Base time', 'Head time', 'Δ'];
  const rows = table(
    checked ? [...header, 'Checks'] : header,
    checked ? '|:--|:--|:--|--:|--:|--:|:--|' : '|:--|:--|:--|--:|--:|--:|',
    comparison.stages,
    budget / 2,
    (s) => [
      code(s.name, 80),
      status(s.base),
      status(s.head),
      s.base ? formatDuration(s.base.durationMs) : '—',
      s.head ? formatDuration(s.head.durationMs) : '—',
      s.deltaMs === null ? '—' : formatDelta('x_ms', s.deltaMs),
      ...(checked ? [checksCell(s)] : []),
    ],
  );
  const body = [rows, ...failedChecks(comparison.stages, budget / 2 - 400)].join('\n');
  return details(summary, body, checkFailures);
};
