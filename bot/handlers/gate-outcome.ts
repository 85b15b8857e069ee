/**
 * The gate's verdict as the PR shows it: the check run's conclusion and title (overrides
 * and unverified fork results mapped), and a maintainer's override recorded in our own
 * comment (only we write that comment).
 */
import type { GateResult } from '../../core/gate/port.js';
import { escapeMarkdown } from '../../core/report/index.js';
import * as z from '../../core/yaml/zod.js';
import type { CheckConclusion, CheckOutcome } from '../github/check-run.js';

/** A maintainer's decision to pass the gate for one head commit despite the report. */
export interface GateOverride {
  sha: string;
  by: string;
  reason: string;
}

/** The override's JSON in our comment's marker. */
const OverrideRecord = z.object({ sha: z.string(), by: z.string(), reason: z.string() });

const OVERRIDE_MARKER = /<!-- cd4ml:override (\{.*?\}) -->/;

/** The override recorded in our own comment for `sha` (only we write that comment). */
export function overrideIn(body: string | undefined, sha: string): GateOverride | null {
  const match = body ? OVERRIDE_MARKER.exec(body) : null;
  if (!match?.[1]) return null;
  try {
    const parsed = OverrideRecord.safeParse(JSON.parse(match[1]));
    if (parsed.success && parsed.data.sha === sha) return parsed.data;
  } catch {
    // A marker we cannot read is no override.
  }
  return null;
}

function overrideMarker(override: GateOverride): string {
  // JSON inside an HTML comment: `--` and `>` must not end the comment early.
  const json = JSON.stringify(override).replace(/--/g, '-\\u002d').replace(/>/g, '\\u003e');
  return `<!-- cd4ml:override ${json} -->`;
}

export function overrideSection(override: GateOverride): string {
  return `\n\n---\n🔓 **Gate overridden** by ${escapeMarkdown(`@${override.by}`, 60)}: ${escapeMarkdown(override.reason, 500)}\n${overrideMarker(override)}\n`;
}

/** The check run's verdict: the gate's, with overrides and unverified fork results mapped. */
export function checkOutcome(
  result: GateResult,
  override: GateOverride | null,
): Omit<CheckOutcome, 'summary'> {
  const { decision, comparison, policy } = result;
  if (override) {
    return {
      conclusion: 'success',
      title: `Gate overridden by @${override.by}: ${oneLine(override.reason)}`,
    };
  }
  let conclusion: CheckConclusion = decision.conclusion;
  // An unverified fork result the policy refuses needs a maintainer, not a fix in the PR.
  const onlyTrustFails =
    decision.reasons.some((r) => r.kind === 'trust' && r.status === 'fail') &&
    decision.reasons.every((r) => r.status !== 'fail' || r.kind === 'trust');
  if (
    comparison.unverified &&
    conclusion === 'failure' &&
    onlyTrustFails &&
    policy.gate.unverified === 'fail'
  ) {
    conclusion = 'action_required';
  }
  const word = {
    success: 'passed',
    failure: 'failed',
    neutral: 'undecided',
    action_required: 'needs a maintainer',
  }[conclusion];
  return { conclusion, title: `Model gate ${word}: ${oneLine(decision.summary)}` };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}
