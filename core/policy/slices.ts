import { formatP, formatValue } from '../compare/format.js';
import type { Comparison } from '../compare/types.js';
import type { SliceMetric, SliceResult } from '../stats/slices.js';
import type { CheckResult, GateReason } from './evaluate.js';
import type { Policy, Rule, RuleCheck } from './schema.js';

const DEFAULT_ALPHA = 0.05;

/** `region=north`: how a slice is named in messages, reports and JSON. */
export function sliceName(slice: Pick<SliceResult, 'column' | 'value'>): string {
  return `${slice.column}=${slice.value}`;
}

interface Breach {
  slice: SliceResult;
  metric: SliceMetric;
  check: RuleCheck;
  limit: number;
  /** The move beyond the limit is significant (or significance was not asked for). */
  counts: boolean;
}

/**
 * A rule such as `{ metric: accuracy, slices: [region], max_decrease: 0.05, significant: true }`:
 * every tested slice of the named columns is checked; a slice fails when its change breaches a
 * limit and, with `significant: true`, its corrected p is below `alpha`. Small slices are
 * never gated. The failing slices are named in the message and in `failing`.
 */
export function evaluateSliceRule(
  rule: Rule & { metric: string; slices: string[] },
  index: number,
  comparison: Comparison,
  policy: Policy,
): GateReason {
  const head = {
    kind: 'rule' as const,
    rule: index,
    metric: rule.metric,
    scope: 'slices' as const,
  };
  const label = `${rule.metric} per ${rule.slices.join(', ')}`;
  const result = comparison.slices;
  if (!result || result.kind === 'skipped') {
    const why = !comparison.base
      ? 'no baseline run'
      : result
        ? result.reason
        : 'the runs have no per-slice predictions (declare `predictions: { file, slices }` in the pipeline)';
    return {
      ...head,
      status: policy.gate.missing_baseline,
      message: `${label}: not checked, ${why} (missing_baseline: ${policy.gate.missing_baseline})`,
      checks: [],
      failing: [],
    };
  }
  const missing = rule.slices.filter((c) => !result.columns.includes(c));
  if (missing.length > 0) {
    return {
      ...head,
      status: 'fail',
      message: `${label}: the predictions have no slice column ${missing.join(', ')} (declared: ${result.columns.join(', ') || 'none'})`,
      checks: [],
      failing: [],
    };
  }
  const alpha = rule.alpha ?? DEFAULT_ALPHA;
  const breaches = result.slices
    .filter((s) => s.tested && rule.slices.includes(s.column))
    .flatMap((slice) => breachesOf(rule, slice, alpha));
  const tested = result.slices.filter((s) => s.tested && rule.slices.includes(s.column)).length;
  const small = result.slices.filter((s) => !s.tested && rule.slices.includes(s.column)).length;
  const failing = breaches.filter((b) => b.counts);
  const checks: CheckResult[] = failing.map((b) => ({
    check: b.check,
    limit: b.limit,
    status: 'fail',
    message: breachWords(b, rule.significant === true),
  }));
  const noisy = breaches.length - failing.length;
  const tail = `${tested} slice${tested === 1 ? '' : 's'} tested${small > 0 ? `, ${small} under ${result.minRows} rows not gated` : ''}${noisy > 0 ? `, ${noisy} drop${noisy === 1 ? '' : 's'} within noise` : ''}`;
  const names = [...new Set(failing.map((b) => sliceName(b.slice)))];
  return {
    ...head,
    status: failing.length > 0 ? 'fail' : 'pass',
    message:
      failing.length > 0
        ? `${label}: ${names.length} slice${names.length === 1 ? '' : 's'} failed: ${checks
            .slice(0, 5)
            .map((c) => c.message)
            .join('; ')}${checks.length > 5 ? '; …' : ''} (${tail})`
        : `${label}: every slice within limits (${tail})`,
    checks,
    failing: names,
  };
}

function breachesOf(rule: Rule, slice: SliceResult, alpha: number): Breach[] {
  const metric = slice.metrics.find((m) => m.name === rule.metric);
  if (!metric) return [];
  const out: Breach[] = [];
  const significant =
    rule.significant !== true || (metric.adjusted !== null && metric.adjusted < alpha);
  const push = (check: RuleCheck, limit: number, breached: boolean, relative: boolean): void => {
    if (breached) out.push({ slice, metric, check, limit, counts: relative ? significant : true });
  };
  const tol = 1e-12 * Math.max(Math.abs(metric.base), 1);
  const pct = (limit: number): number => (limit / 100) * Math.abs(metric.base);
  if (rule.min !== undefined) push('min', rule.min, metric.head < rule.min, false);
  if (rule.max !== undefined) push('max', rule.max, metric.head > rule.max, false);
  if (rule.max_decrease !== undefined)
    push('max_decrease', rule.max_decrease, -metric.delta > rule.max_decrease + tol, true);
  if (rule.max_increase !== undefined)
    push('max_increase', rule.max_increase, metric.delta > rule.max_increase + tol, true);
  if (rule.max_decrease_pct !== undefined)
    push(
      'max_decrease_pct',
      rule.max_decrease_pct,
      -metric.delta > pct(rule.max_decrease_pct) + tol,
      true,
    );
  if (rule.max_increase_pct !== undefined)
    push(
      'max_increase_pct',
      rule.max_increase_pct,
      metric.delta > pct(rule.max_increase_pct) + tol,
      true,
    );
  return out;
}

function breachWords(b: Breach, significant: boolean): string {
  const fmt = (v: number): string => formatValue(b.metric.name, v);
  const p =
    significant && b.metric.adjusted !== null ? `, corrected p ${formatP(b.metric.adjusted)}` : '';
  const moved = `${fmt(b.metric.base)} → ${fmt(b.metric.head)}`;
  const limit = b.check.endsWith('_pct') ? `${b.limit}%` : fmt(b.limit);
  return `${sliceName(b.slice)} ${moved} (${b.check.replace(/_pct$/, ' %')} ${limit}${p})`;
}
