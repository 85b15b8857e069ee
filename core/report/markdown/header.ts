import type { Comparison, RunSummary } from '../../compare/types.js';
import { STATUS_OF_CONCLUSION } from '../../policy/evaluate.js';
import type { GateDecision, GateReason } from '../../policy/evaluate.js';
import { code, escapeMarkdown } from '../escape.js';
import type { resolveLinks } from '../links.js';
import { STATUS_ICON } from './section.js';

const CONCLUSION_WORD = { success: 'passed', failure: 'failed', neutral: 'undecided' } as const;

/** The first line: the gate's verdict and its summary. */
export function verdict(comparison: Comparison, decision: GateDecision): string {
  const icon = STATUS_ICON[STATUS_OF_CONCLUSION[decision.conclusion]];
  const word = CONCLUSION_WORD[decision.conclusion];
  const reason =
    decision.conclusion === 'success' && comparison.base === null
      ? `${decision.summary} (no baseline)`
      : decision.summary;
  return `### ${icon} Model gate ${word}: ${escapeMarkdown(reason, 300)}`;
}

function shortSha(commit: string | null): string {
  return commit ? commit.slice(0, 7) : 'no commit';
}

function side(label: string, run: RunSummary, commitUrl: string | null): string {
  const sha = escapeMarkdown(shortSha(run.commit));
  const commitText = commitUrl ? `[\`${sha}\`](${commitUrl})` : `\`${sha}\``;
  const branch = run.branch ? ` on ${code(run.branch, 60)}` : '';
  return `**${label}** ${commitText}${branch}${run.dirty ? ' (uncommitted changes)' : ''}`;
}

/** The line under the verdict: head vs base commits and the rule tally. */
export function context(
  comparison: Comparison,
  decision: GateDecision,
  links: ReturnType<typeof resolveLinks>,
): string {
  const bits: string[] = [side('head', comparison.head, links.headCommit)];
  bits.push(
    comparison.base
      ? `vs ${side('base', comparison.base, links.baseCommit)}`
      : 'vs **no baseline run**',
  );
  const rules = decision.reasons.filter((r) => r.kind === 'rule');
  if (rules.length > 0) {
    const count = (status: GateReason['status']): number =>
      rules.filter((r) => r.status === status).length;
    const tally = [`${count('pass')} passed`];
    if (count('fail') > 0) tally.push(`${count('fail')} failed`);
    if (count('neutral') > 0) tally.push(`${count('neutral')} undecided`);
    bits.push(`${rules.length} gate rule${rules.length === 1 ? '' : 's'}: ${tally.join(', ')}`);
  }
  return bits.join(' · ');
}
