import type { ColumnProfile, ColumnType, ProfileEntry } from '../profile/schema.js';
import { categoricalPsi, numericPsi, sketchKs } from '../stats/drift.js';

/** How one column of a tabular file moved between base and head. */
export interface ColumnDiff {
  name: string;
  change: 'added' | 'removed' | 'retyped' | 'same';
  baseType: ColumnType | null;
  headType: ColumnType | null;
  baseNullRate: number | null;
  headNullRate: number | null;
  /** Population stability index over the base's bins; null when not comparable. */
  psi: number | null;
  /** Two-sample KS from the quantile sketches, for numeric columns. */
  ks: { statistic: number; pValue: number } | null;
}

/** How a profiled data file moved: rows, columns, drift; `error` when a side has no profile. */
export interface ProfileDiff {
  path: string;
  baseRows: number | null;
  headRows: number | null;
  /** Worst first: schema changes, then by PSI, then by null-rate change. */
  columns: ColumnDiff[];
  /** Why the head (or base) file could not be profiled. */
  error: string | null;
}

const NUMERIC: ReadonlySet<ColumnType> = new Set(['integer', 'number']);

/** Compares every file profiled in the head with the base's profile of it. */
export function compareProfiles(
  base: Readonly<Record<string, ProfileEntry>> | null,
  head: Readonly<Record<string, ProfileEntry>>,
): ProfileDiff[] {
  return Object.entries(head)
    .map(([path, entry]) => profileDiff(path, base?.[path] ?? null, entry))
    .sort((a, b) => worstPsi(b) - worstPsi(a) || (a.path < b.path ? -1 : 1));
}

function profileDiff(path: string, base: ProfileEntry | null, head: ProfileEntry): ProfileDiff {
  if ('error' in head)
    return { path, baseRows: null, headRows: null, columns: [], error: `head: ${head.error}` };
  if (base && 'error' in base)
    return { path, baseRows: null, headRows: head.rows, columns: [], error: `base: ${base.error}` };
  const baseColumns = new Map((base?.columns ?? []).map((c) => [c.name, c]));
  const columns: ColumnDiff[] = head.columns.map((h) =>
    columnDiff(base ? (baseColumns.get(h.name) ?? null) : h, h, base?.rows ?? 0, head.rows, !base),
  );
  for (const b of base?.columns ?? []) {
    if (!head.columns.some((h) => h.name === b.name))
      columns.push(columnDiff(b, null, base!.rows, head.rows, false));
  }
  columns.sort((a, b) => rank(b) - rank(a));
  return { path, baseRows: base?.rows ?? null, headRows: head.rows, columns, error: null };
}

function columnDiff(
  b: ColumnProfile | null,
  h: ColumnProfile | null,
  baseRows: number,
  headRows: number,
  noBase: boolean,
): ColumnDiff {
  const rate = (c: ColumnProfile | null, rows: number): number | null =>
    c && rows > 0 ? c.nulls / rows : null;
  const change = !b ? 'added' : !h ? 'removed' : b.type !== h.type ? 'retyped' : 'same';
  const diff: ColumnDiff = {
    name: (h ?? b)!.name,
    change,
    baseType: noBase ? null : (b?.type ?? null),
    headType: h?.type ?? null,
    baseNullRate: noBase ? null : rate(b, baseRows),
    headNullRate: rate(h, headRows),
    psi: null,
    ks: null,
  };
  if (noBase || !b || !h || change !== 'same') return diff;
  diff.psi = drift(b, h, baseRows, headRows);
  if (NUMERIC.has(h.type) && b.quantiles && h.quantiles)
    diff.ks = sketchKs(
      { quantiles: b.quantiles, n: baseRows - b.nulls },
      { quantiles: h.quantiles, n: headRows - h.nulls },
    );
  return diff;
}

/** PSI over exact value counts when the base has them all, else over quantile bins. */
function drift(
  b: ColumnProfile,
  h: ColumnProfile,
  baseRows: number,
  headRows: number,
): number | null {
  const baseTotal = baseRows - b.nulls;
  const headTotal = headRows - h.nulls;
  if (baseTotal <= 0 || headTotal <= 0) return null;
  if (b.top && h.top && (b.other === 0 || !NUMERIC.has(b.type)))
    return categoricalPsi(
      { top: b.top, total: baseTotal },
      { top: h.top, total: headTotal, complete: h.other === 0 },
    );
  if (b.quantiles && h.quantiles) return numericPsi(b.quantiles, h.quantiles);
  return null;
}

function rank(c: ColumnDiff): number {
  if (c.change !== 'same') return 1e9;
  const nullMove = Math.abs((c.headNullRate ?? 0) - (c.baseNullRate ?? 0));
  return (c.psi ?? 0) * 1000 + nullMove;
}

function worstPsi(d: ProfileDiff): number {
  if (d.error) return 1e12;
  return Math.max(0, ...d.columns.map(rank));
}
