import type * as z from '../yaml/zod.js';
import { DATA_CHECKS, RULE_CHECKS } from './schema.js';

/**
 * A rule names a `metric` (overall, or per slice with `slices`) or a `data` file, and
 * makes at least one check that fits what it names.
 */
export function checkRuleShape(
  rule: { metric?: string; data?: string; [key: string]: unknown },
  ctx: z.core.$RefinementCtx,
): void {
  const issue = (message: string, path: string): void =>
    void ctx.addIssue({ code: 'custom', message, path: [path] });
  const has = (keys: readonly string[]): string[] => keys.filter((k) => rule[k] !== undefined);
  if (rule.metric === undefined && rule.data === undefined) {
    issue('a rule names a `metric` or a `data` file', 'metric');
    return;
  }
  if (rule.metric !== undefined && rule.data !== undefined) {
    issue('a rule names a `metric` or a `data` file, not both: split it in two', 'data');
    return;
  }
  if (rule.data !== undefined) {
    const wrong = has([...RULE_CHECKS, 'slices', 'alpha', 'significant']);
    if (wrong.length > 0)
      issue(`a data rule checks ${DATA_CHECKS.join(', ')}, not ${wrong.join(', ')}`, wrong[0]!);
    else if (has(DATA_CHECKS).length === 0)
      issue(
        `data rule for "${rule.data}" checks nothing: add one of ${DATA_CHECKS.join(', ')}`,
        'data',
      );
    return;
  }
  const wrong = has(['column', ...DATA_CHECKS]);
  if (wrong.length > 0)
    issue(`${wrong[0]} belongs in a \`data:\` rule, not a metric rule`, wrong[0]!);
  else if (has(RULE_CHECKS).length === 0)
    issue(
      `rule for "${rule.metric}" checks nothing: add one of ${RULE_CHECKS.join(', ')}`,
      'metric',
    );
  else if (rule.alpha !== undefined && rule.slices === undefined)
    issue('alpha applies to slice rules: add `slices: [column]` or remove it', 'alpha');
}
