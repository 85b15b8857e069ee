import { formatDelta, formatNumber, formatPct, formatValue } from '../compare/format.js';
import type { Comparison, MetricDiff } from '../compare/types.js';
import { evaluateDataRule } from './data.js';
import type { DataCheck, Policy, Rule, RuleCheck } from './schema.js';
import { evaluateSliceRule } from './slices.js';

export type Conclusion = 'success' | 'failure' | 'neutral';
export type ReasonStatus = 'pass' | 'fail' | 'neutral';

/** The outcome of one check of a rule (`min`, `max_decrease`, …). */
export interface CheckResult {
  check: RuleCheck | DataCheck;
  limit: number;
  status: ReasonStatus;
  /** Human sentence, e.g. `dropped 0.012, more than the allowed 0.005`. */
  message: string;
  /** Set when the check used the paired bootstrap interval. */
  interval?: { low: number; high: number; confidence: number };
  /** The point estimate breached the limit but the interval did not: noise, not a regression. */
  withinNoise?: boolean;
}

/** Why the gate concluded what it did, one entry per rule (plus one when the run itself failed). */
export interface GateReason {
  kind: 'rule' | 'run' | 'model' | 'trust';
  /** Index into `policy.gate.rules`, for `kind: 'rule'`. */
  rule: number | null;
  metric: string | null;
  status: ReasonStatus;
  message: string;
  checks: CheckResult[];
  /** A rule per slice or on data, rather than on one overall metric. */
  scope?: 'slices' | 'data';
  /** The data file a `data:` rule checks. */
  data?: string;
  /** What failed, by name: slices (`region=north`) or columns (`income`). */
  failing?: string[];
}

export interface GateDecision {
  conclusion: Conclusion;
  /** The reason that decided the conclusion, in one line. */
  summary: string;
  reasons: GateReason[];
}

/** The reason status a conclusion stands for: what reports mark and colour it as. */
export const STATUS_OF_CONCLUSION: Record<Conclusion, ReasonStatus> = {
  success: 'pass',
  failure: 'fail',
  neutral: 'neutral',
};

const STATUS_RANK: Record<ReasonStatus, number> = { pass: 0, neutral: 1, fail: 2 };

/** The most severe status of a rule's checks or the gate's reasons; `pass` when there are none. */
function worstStatus(items: ReadonlyArray<{ status: ReasonStatus }>): ReasonStatus {
  return items.reduce<ReasonStatus>(
    (acc, item) => (STATUS_RANK[item.status] > STATUS_RANK[acc] ? item.status : acc),
    'pass',
  );
}

/**
 * Applies the gate policy to a comparison. A failed gate is a result: this never
 * throws for one. `failure` if any rule fails, else `neutral` if any rule could not
 * be decided (no baseline and `missing_baseline: neutral`), else `success`.
 */
export function evaluatePolicy(comparison: Comparison, policy: Policy): GateDecision {
  const reasons: GateReason[] = [];
  if (comparison.head.status === 'failed') {
    reasons.push({
      kind: 'run',
      rule: null,
      metric: null,
      status: 'fail',
      message: 'the head run failed: its metrics are incomplete',
      checks: [],
    });
  }
  if (comparison.unverified) {
    reasons.push({
      kind: 'trust',
      rule: null,
      metric: null,
      status: policy.gate.unverified,
      message: `the head metrics are unverified: ${comparison.unverified}`,
      checks: [],
    });
  }
  if (comparison.model?.breaking) {
    const changes = comparison.model.signature.filter((c) => c.breaking);
    const what = changes
      .slice(0, 3)
      .map(
        (c) =>
          `${c.side} ${c.name} ${c.kind === 'added' ? 'added' : c.kind === 'removed' ? 'removed' : `${c.kind} changed`}`,
      )
      .join(', ');
    reasons.push({
      kind: 'model',
      rule: null,
      metric: null,
      status: policy.gate.breaking_change,
      message: `breaking change to the model signature (${what}${changes.length > 3 ? ', …' : ''})`,
      checks: [],
    });
  }
  policy.gate.rules.forEach((rule, index) => {
    if (rule.data !== undefined) {
      reasons.push(evaluateDataRule({ ...rule, data: rule.data }, index, comparison, policy));
      return;
    }
    const metric = rule.metric ?? '';
    if (rule.slices) {
      reasons.push(
        evaluateSliceRule({ ...rule, metric, slices: rule.slices }, index, comparison, policy),
      );
      return;
    }
    const diff = comparison.metrics.find((m) => m.name === metric);
    reasons.push(evaluateRule({ ...rule, metric }, index, diff, comparison.base !== null, policy));
  });
  const worst = worstStatus(reasons);
  const conclusion: Conclusion =
    worst === 'fail' ? 'failure' : worst === 'neutral' ? 'neutral' : 'success';
  const deciding = reasons.find((r) => r.status === worst && worst !== 'pass');
  let summary: string;
  if (deciding) summary = deciding.message;
  else if (policy.gate.rules.length === 0) summary = 'no gate rules: report only';
  else {
    summary =
      policy.gate.rules.length === 1
        ? 'the gate rule passed'
        : `all ${policy.gate.rules.length} gate rules passed`;
    // A breach the interval calls noise is the thing a reviewer most needs to hear about.
    const noisy = reasons.find((r) => r.checks.some((c) => c.withinNoise));
    const check = noisy?.checks.find((c) => c.withinNoise);
    if (noisy && check) summary += ` (${noisy.metric ?? ''}: ${check.message})`;
  }
  return { conclusion, summary, reasons };
}

function evaluateRule(
  rule: Rule & { metric: string },
  index: number,
  diff: MetricDiff | undefined,
  hasBaseRun: boolean,
  policy: Policy,
): GateReason {
  const fmt = (value: number): string => formatValue(rule.metric, value);
  const base = { kind: 'rule' as const, rule: index, metric: rule.metric };
  if (!diff || diff.head === null) {
    return {
      ...base,
      status: 'fail',
      message: `${rule.metric} is missing from the head run`,
      checks: [],
    };
  }
  const checks: CheckResult[] = [];
  const head = diff.head;
  if (rule.min !== undefined) {
    const ok = head >= rule.min;
    checks.push({
      check: 'min',
      limit: rule.min,
      status: ok ? 'pass' : 'fail',
      message: ok
        ? `${fmt(head)} ≥ min ${fmt(rule.min)}`
        : `${fmt(head)} is below the minimum ${fmt(rule.min)}`,
    });
  }
  if (rule.max !== undefined) {
    const ok = head <= rule.max;
    checks.push({
      check: 'max',
      limit: rule.max,
      status: ok ? 'pass' : 'fail',
      message: ok
        ? `${fmt(head)} ≤ max ${fmt(rule.max)}`
        : `${fmt(head)} is above the maximum ${fmt(rule.max)}`,
    });
  }
  const relative: Array<[RuleCheck, number, 'decrease' | 'increase', boolean]> = [];
  if (rule.max_decrease !== undefined)
    relative.push(['max_decrease', rule.max_decrease, 'decrease', false]);
  if (rule.max_increase !== undefined)
    relative.push(['max_increase', rule.max_increase, 'increase', false]);
  if (rule.max_decrease_pct !== undefined)
    relative.push(['max_decrease_pct', rule.max_decrease_pct, 'decrease', true]);
  if (rule.max_increase_pct !== undefined)
    relative.push(['max_increase_pct', rule.max_increase_pct, 'increase', true]);
  for (const [check, limit, way, pct] of relative) {
    checks.push(
      relativeCheck(check, limit, way, pct, diff, rule.significant === true, hasBaseRun, policy),
    );
  }
  const worst = worstStatus(checks);
  const deciding = worst === 'pass' ? checks : checks.filter((c) => c.status === worst);
  return {
    ...base,
    status: worst,
    message: `${rule.metric}: ${deciding.map((c) => c.message).join('; ')}`,
    checks,
  };
}

function relativeCheck(
  check: RuleCheck,
  limit: number,
  way: 'decrease' | 'increase',
  pct: boolean,
  diff: MetricDiff,
  significant: boolean,
  hasBaseRun: boolean,
  policy: Policy,
): CheckResult {
  const fmt = (value: number): string => formatValue(diff.name, value);
  const allowed = pct ? `${formatNumber(limit)}%` : fmt(limit);
  if (diff.base === null || diff.delta === null) {
    const why = hasBaseRun ? 'the base run has no value' : 'no baseline run';
    return {
      check,
      limit,
      status: policy.gate.missing_baseline,
      message: `${why}, ${check} not checked (missing_baseline: ${policy.gate.missing_baseline})`,
    };
  }
  // Signed so that a positive number is a move in the checked direction.
  const sign = way === 'decrease' ? -1 : 1;
  const moved = sign * diff.delta;
  let allowedDelta = limit;
  if (pct) {
    if (diff.base === 0) {
      const status = moved > 0 ? 'fail' : 'pass';
      return {
        check,
        limit,
        status,
        message: `the base value is 0, so a ${way} in percent is undefined; the head ${moved > 0 ? `${way}d` : `did not ${way}`}`,
      };
    }
    allowedDelta = (limit / 100) * Math.abs(diff.base);
  }
  const tolerance = 1e-12 * Math.max(Math.abs(diff.base), 1);
  const breached = moved > allowedDelta + tolerance;
  const amount = pct
    ? formatPct(Math.abs((diff.delta / Math.abs(diff.base)) * 100)).replace(/^\+/, '')
    : fmt(Math.abs(diff.delta));
  const pointMessage = breached
    ? `${way}d by ${amount}, more than the allowed ${allowed}`
    : moved > 0
      ? `${way}d by ${amount}, within the allowed ${allowed}`
      : `no ${way} (allowed ${allowed})`;
  if (!significant)
    return { check, limit, status: breached ? 'fail' : 'pass', message: pointMessage };

  const interval = diff.significance?.delta;
  if (!interval) {
    return {
      check,
      limit,
      status: breached ? 'fail' : 'pass',
      message: `${pointMessage} (no per-example predictions to test significance; point estimate used)`,
    };
  }
  // The interval is of head − base; the check fails only when all of it lies beyond the limit.
  const nearEnd = way === 'decrease' ? -interval.high : interval.low;
  const beyond = nearEnd > allowedDelta + tolerance;
  const ci = `${Math.round(interval.confidence * 100)}% CI ${formatDelta(diff.name, interval.low)} … ${formatDelta(diff.name, interval.high)}`;
  const result: CheckResult = {
    check,
    limit,
    status: beyond ? 'fail' : 'pass',
    message: beyond
      ? `${way}d by ${amount}, more than the allowed ${allowed}, and significantly so (${ci})`
      : breached
        ? `${way}d by ${amount}, more than the allowed ${allowed}, but within noise (${ci})`
        : `${pointMessage} (${ci})`,
    interval: { low: interval.low, high: interval.high, confidence: interval.confidence },
  };
  if (breached && !beyond) result.withinNoise = true;
  return result;
}
