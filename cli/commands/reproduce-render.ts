import pc from 'picocolors';
import type { EnvironmentDifference } from '../../core/reproduce/environment-diff.js';
import type { Reproduction } from '../../core/reproduce/reproduce.js';
import type { RunRecord } from '../../core/run-record/schema.js';

/** The environment's differences, printed before the reproduction runs. */
export function environmentText(differences: readonly EnvironmentDifference[]): string {
  if (differences.length === 0) return 'cd4ml: environment: as recorded\n';
  const lines = differences.map(
    (d) => `  ${d.field}: recorded ${d.recorded ?? 'absent'}, now ${d.current ?? 'absent'}`,
  );
  return `cd4ml: environment differs from the recorded one:\n${lines.join('\n')}\n`;
}

/** The comparison as a terminal table: every metric, then the outs that differ. */
export function reproductionText(recorded: RunRecord, result: Reproduction): string {
  const { verdict } = result;
  const rows = [['metric', 'recorded', 'reproduced', 'Δ', '']];
  for (const m of verdict.metrics) {
    rows.push([
      m.name,
      show(m.recorded),
      show(m.reproduced),
      m.delta === null ? '—' : m.delta === 0 ? '0' : `${m.delta > 0 ? '+' : ''}${m.delta}`,
      m.matches ? pc.green('✓') : pc.red('✗'),
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  const table = rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  const lines =
    verdict.metrics.length > 0
      ? [pc.bold(table[0] ?? ''), ...table.slice(1)]
      : ['no metrics recorded'];
  const outs = verdict.outs.filter((o) => !o.matches);
  const same = verdict.outs.length - outs.length;
  lines.push(
    '',
    `outs: ${same} of ${verdict.outs.length} identical${verdict.outsCompared ? '' : ' (not compared: --metrics-only)'}`,
  );
  for (const o of outs)
    lines.push(
      `  ${pc.red('✗')} ${o.path} (${o.stage}): recorded ${short(o.recorded)}, reproduced ${short(o.reproduced)}`,
    );
  if (verdict.status.recorded !== verdict.status.reproduced)
    lines.push(
      pc.red(
        `status: recorded ${verdict.status.recorded}, reproduced ${verdict.status.reproduced}`,
      ),
    );
  if (result.worktree) lines.push(`worktree kept at ${result.worktree}`);
  lines.push(
    '',
    verdict.matches
      ? pc.green(`Reproduced ${recorded.id}: everything matches.`)
      : pc.red(`Reproduction of ${recorded.id} differs: ${differences(result).join('; ')}.`),
  );
  return `${lines.join('\n')}\n`;
}

/** `--json`: `matches`, each metric's recorded and reproduced value, the outs and the environment. */
export function reproductionJson(recorded: RunRecord, result: Reproduction): string {
  return `${JSON.stringify(
    {
      matches: result.verdict.matches,
      run: recorded.id,
      commit: recorded.git.commit,
      status: result.verdict.status,
      metrics: result.verdict.metrics,
      outs: result.verdict.outs,
      environment: result.environment,
      worktree: result.worktree,
    },
    null,
    2,
  )}\n`;
}

/** What differs, in words, for the last line. */
function differences(result: Reproduction): string[] {
  const { verdict } = result;
  const words: string[] = [];
  const metrics = verdict.metrics.filter((m) => !m.matches).map((m) => m.name);
  if (metrics.length > 0) words.push(`metrics ${metrics.join(', ')}`);
  const outs = verdict.outs.filter((o) => !o.matches).map((o) => o.path);
  if (outs.length > 0 && verdict.outsCompared) words.push(`outs ${outs.join(', ')}`);
  if (verdict.status.recorded !== verdict.status.reproduced)
    words.push(`status ${verdict.status.reproduced}`);
  return words;
}

function show(value: number | null): string {
  return value === null ? 'absent' : String(value);
}

function short(hash: string | null): string {
  return hash === null ? 'absent' : hash.slice(0, 12);
}
