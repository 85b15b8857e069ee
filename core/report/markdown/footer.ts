import type { resolveLinks } from '../links.js';

/** The links line and the cd4ml signature under a rule. */
export function footerOf(links: ReturnType<typeof resolveLinks>): string {
  const items: string[] = [];
  if (links.run) items.push(`[Workflow run](${links.run})`);
  if (links.artifacts) items.push(`[Artifacts](${links.artifacts})`);
  if (links.headCommit) items.push(`[Head commit](${links.headCommit})`);
  if (links.baseCommit) items.push(`[Base commit](${links.baseCommit})`);
  if (links.compare) items.push(`[Code diff](${links.compare})`);
  if (links.policy) items.push(`[Gate policy](${links.policy})`);
  const linkLine = items.length > 0 ? `${items.join(' · ')}\n\n` : '';
  return `\n---\n${linkLine}<sub>Posted by cd4ml. The gate policy is read from the base branch. This comment is updated on every run.</sub>\n`;
}
