import { formatNumber } from '../compare/format.js';
import type { ColumnDiff, ProfileDiff } from '../compare/profiles.js';
import type { Comparison } from '../compare/types.js';
import type { CheckResult, GateReason } from './evaluate.js';
import type { DataCheck, Policy, Rule } from './schema.js';

const pct = (rate: number): string => `${formatNumber(rate * 100)}%`;

/**
 * A rule on a data file's profile: `max_drift` (PSI of any column, or `column`),
 * `max_null_rate`, `min_rows`, `schema: unchanged`. The failing columns are named in the
 * message and in `failing`. A file the head could not profile fails the rule (the gate
 * still concludes); a missing base makes the relative checks `missing_baseline`.
 */
export function evaluateDataRule(
  rule: Rule & { data: string },
  index: number,
  comparison: Comparison,
  policy: Policy,
): GateReason {
  const head = { kind: 'rule' as const, rule: index, metric: null, scope: 'data' as const };
  const at = `${rule.data}${rule.column ? ` column ${rule.column}` : ''}`;
  const diff = comparison.data.profiles.find((p) => p.path === rule.data);
  const fail = (message: string): GateReason => ({
    ...head,
    data: rule.data,
    status: 'fail',
    message: `${at}: ${message}`,
    checks: [],
    failing: [],
  });
  if (!diff)
    return fail(
      'not profiled in the head run (is it a CSV, TSV, JSON Lines or Parquet dep or out of a stage?)',
    );
  if (diff.error && (diff.headRows === null || diff.error.startsWith('head')))
    return fail(`no profile: ${diff.error}`);
  let columns = diff.columns;
  if (rule.column) {
    columns = columns.filter((c) => c.name === rule.column);
    if (columns.length === 0)
      return fail(
        `no column ${rule.column} (columns: ${diff.columns.map((c) => c.name).join(', ')})`,
      );
  }
  const { checks, failing } = runChecks(rule, diff, columns, policy);
  const rank = { pass: 0, neutral: 1, fail: 2 } as const;
  const status = checks.reduce<GateReason['status']>(
    (w, c) => (rank[c.status] > rank[w] ? c.status : w),
    'pass',
  );
  const deciding = status === 'pass' ? checks : checks.filter((c) => c.status === status);
  return {
    ...head,
    data: rule.data,
    status,
    message: `${at}: ${deciding.map((c) => c.message).join('; ')}`,
    checks,
    failing,
  };
}

/** The rule's checks on the file's (or the one column's) diff, and the columns that failed. */
function runChecks(
  rule: Rule & { data: string },
  diff: ProfileDiff,
  columns: readonly ColumnDiff[],
  policy: Policy,
): { checks: CheckResult[]; failing: string[] } {
  const checks: CheckResult[] = [];
  const failing = new Set<string>();
  const add = (
    check: DataCheck,
    limit: number,
    bad: ColumnDiff[] | null,
    message: string,
  ): void => {
    const status = bad === null ? policy.gate.missing_baseline : bad.length > 0 ? 'fail' : 'pass';
    for (const c of bad ?? []) failing.add(c.name);
    // CheckResult's `check` names metric checks; data checks share its shape.
    checks.push({ check: check, limit, status, message });
  };
  const noBase = diff.baseRows === null;
  if (rule.min_rows !== undefined) {
    const rows = diff.headRows ?? 0;
    const ok = rows >= rule.min_rows;
    checks.push({
      check: 'min_rows',
      limit: rule.min_rows,
      status: ok ? 'pass' : 'fail',
      message: ok
        ? `${formatNumber(rows)} rows ≥ min_rows ${formatNumber(rule.min_rows)}`
        : `${formatNumber(rows)} rows, fewer than min_rows ${formatNumber(rule.min_rows)}`,
    });
  }
  if (rule.max_null_rate !== undefined) {
    const limit = rule.max_null_rate;
    const bad = columns.filter((c) => (c.headNullRate ?? 0) > limit);
    add(
      'max_null_rate',
      limit,
      bad,
      bad.length > 0
        ? `null rate over ${pct(limit)} in ${bad.map((c) => `${c.name} (${pct(c.headNullRate ?? 0)})`).join(', ')}`
        : `null rate ≤ ${pct(limit)} in ${columns.length === 1 ? columns[0]!.name : `all ${columns.length} columns`}`,
    );
  }
  if (rule.max_drift !== undefined) {
    const limit = rule.max_drift;
    const bad = columns.filter((c) => (c.psi ?? 0) > limit).sort((a, b) => b.psi! - a.psi!);
    const worst = columns.reduce<ColumnDiff | null>(
      (w, c) => (c.psi !== null && (w === null || c.psi > w.psi!) ? c : w),
      null,
    );
    add(
      'max_drift',
      limit,
      noBase ? null : bad,
      noBase
        ? `no base profile, max_drift not checked (missing_baseline: ${policy.gate.missing_baseline})`
        : bad.length > 0
          ? `drift (PSI) over ${formatNumber(limit)} in ${bad.map((c) => `${c.name} (${formatNumber(c.psi!)})`).join(', ')}`
          : `drift (PSI) ≤ ${formatNumber(limit)}${worst ? ` (largest: ${worst.name} ${formatNumber(worst.psi!)})` : ''}`,
    );
  }
  if (rule.schema === 'unchanged') {
    const bad = columns.filter((c) => c.change !== 'same');
    add(
      'schema',
      0,
      noBase ? null : bad,
      noBase
        ? `no base profile, schema not checked (missing_baseline: ${policy.gate.missing_baseline})`
        : bad.length > 0
          ? `schema changed: ${bad.map((c) => `${c.name} ${c.change === 'retyped' ? `retyped ${c.baseType} → ${c.headType}` : c.change}`).join(', ')}`
          : 'schema unchanged',
    );
  }
  return { checks, failing: [...failing] };
}
