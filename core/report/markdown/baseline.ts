import type { BaselineSearch } from '../../gate/baseline.js';
import { code, escapeMarkdown, safeUrl } from '../escape.js';
import { type Section, details, table } from './section.js';

const short = (sha: string) => code(sha.slice(0, 7), 7);

/**
 * How the baseline was chosen (the rule in core/gate/baseline.ts): the base commit and
 * both shas it came from (their merge-base), the run used and how far back, every run
 * passed over and why, and what was searched. Absent with an explicit base or none asked.
 */
export const baselineSection: Section = ({ baseline }, budget) => {
  if (!baseline) return null;
  const lines = [startLine(baseline), usedLine(baseline)];
  if (baseline.searched) lines.push(`Searched: ${escapeMarkdown(baseline.searched, 600)}.`);
  let body = lines.join('\n\n');
  if (baseline.skipped.length > 0) {
    const skipped = table(
      ['Run', 'Commit', 'Skipped because'],
      '|:--|:--|:--|',
      baseline.skipped,
      budget - body.length - 400,
      (s) => [escapeMarkdown(s.label, 120), short(s.commit), escapeMarkdown(s.reason, 300)],
    );
    body += `\n\n${skipped}`;
  }
  const used = baseline.used;
  const summary = used
    ? `<b>Baseline</b>: ${escapeMarkdown(used.label, 120)} at ${short(used.commit)}${baseline.skipped.length > 0 ? `, ${baseline.skipped.length} skipped` : ''}`
    : '<b>Baseline</b>: none found';
  return details(summary, body, !used);
};

function startLine(search: BaselineSearch): string {
  if (!search.head)
    return `Base commit ${short(search.base)}${search.branch ? ` (\`${escapeMarkdown(search.branch, 100)}\`)` : ''}.`;
  const base = `${search.branch ? `\`${escapeMarkdown(search.branch, 100)}\` ` : ''}${short(search.base)}`;
  return search.start
    ? `Base commit ${short(search.start)}: the merge-base of the head ${short(search.head)} and ${base}.`
    : `The head ${short(search.head)} and ${base} have no merge-base.`;
}

function usedLine(search: BaselineSearch): string {
  const used = search.used;
  if (!used) {
    return search.start
      ? `No usable run at the base commit or within ${search.depth - 1} first parents before it (${search.walked} commit${search.walked === 1 ? '' : 's'} looked at): run the pipeline on a push there to get a baseline.`
      : 'No baseline.';
  }
  const url = safeUrl(used.url);
  const run = url
    ? `[${escapeMarkdown(used.label, 120)}](${url})`
    : escapeMarkdown(used.label, 120);
  const where =
    used.distance === 0
      ? 'at the base commit'
      : `at ${short(used.commit)}, ${used.distance} first parent${used.distance === 1 ? '' : 's'} before the base commit (none nearer was usable)`;
  return `Used ${run}, ${where}: the newest trusted, clean, successful run there.`;
}
