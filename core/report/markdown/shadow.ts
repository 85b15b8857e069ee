import type { ShadowSummary } from '../../shadow/summary.js';
import { escapeMarkdown } from '../escape.js';
import { details } from './section.js';
import type { Section } from './section.js';

/**
 * Live traffic: how the candidate version answered the requests the serving model got
 * (`cd4ml serve --shadow`), the one place a reviewer sees production behaviour before merging.
 */

const count = (n: number): string => n.toLocaleString('en-US');
const ms = (n: number): string => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
const signed = (n: number): string => `${n >= 0 ? '+' : '−'}${ms(Math.abs(n))}`;

/** The one-line verdict: "Live traffic: 98.7% agreement on 41,202 requests; p95 +0.3 ms". */
function shadowHeadline(s: ShadowSummary): string {
  const parts: string[] = [];
  const compared = s.agreed + s.disagreed;
  parts.push(
    s.agreement === null
      ? 'no requests compared yet'
      : `${(s.agreement * 100).toFixed(s.agreement === 1 ? 0 : 1)}% agreement on ${count(compared)} request${compared === 1 ? '' : 's'}`,
  );
  if (s.primaryMs && s.candidateMs)
    parts.push(`p95 ${signed(s.candidateMs.p95 - s.primaryMs.p95)}`);
  if (s.errors > 0) parts.push(`${count(s.errors)} candidate error${s.errors === 1 ? '' : 's'}`);
  return `Live traffic: ${parts.join('; ')}`;
}

/** The whole section, for `cd4ml shadow report` and the PR report. */
export function renderShadowSection(s: ShadowSummary): string {
  const icon = s.agreement === null ? '⚪' : s.agreement >= 0.99 && s.errors === 0 ? '🟢' : '🟡';
  const rows = ['| | primary | candidate | Δ |', '|---|---:|---:|---:|'];
  if (s.primaryMs && s.candidateMs) {
    for (const q of ['p50', 'p95', 'p99'] as const)
      rows.push(
        `| ${q} latency | ${ms(s.primaryMs[q])} | ${ms(s.candidateMs[q])} | ${signed(s.candidateMs[q] - s.primaryMs[q])} |`,
      );
  }
  const facts = [
    `- Model ${escapeMarkdown(s.model, 128)}, candidate version ${s.candidate}, ${Math.round(s.rate * 100)}% of requests mirrored`,
    `- Agreed ${count(s.agreed)}, disagreed ${count(s.disagreed)}, candidate errors ${count(s.errors)}, dropped (queue full) ${count(s.dropped)}`,
    `- Labels compared exactly; scores within ${s.tolerance.atol} + ${s.tolerance.rtol}·|score| (largest difference ${s.maxScoreDiff.toPrecision(3)})`,
  ];
  const outputs = Object.entries(s.outputDisagreements);
  if (outputs.length > 0)
    facts.push(
      `- Disagreeing outputs: ${outputs
        .slice(0, 20)
        .map(([name, n]) => `${escapeMarkdown(name, 64)} ${count(n)}`)
        .join(', ')}`,
    );
  if (s.lastError) facts.push(`- Last candidate error: ${escapeMarkdown(s.lastError, 300)}`);
  const body = [...(rows.length > 2 ? [rows.join('\n'), ''] : []), facts.join('\n')].join('\n');
  return details(`${icon} ${escapeMarkdown(shadowHeadline(s), 300)}`, body, true);
}

/** In the PR report when the compare was given a shadow summary. */
export const shadowSection: Section = ({ shadow }) => (shadow ? renderShadowSection(shadow) : null);
