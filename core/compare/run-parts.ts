import type { RunRecord } from '../run-record/schema.js';
import { own } from './metrics.js';
import { compareProfiles } from './profiles.js';
import type { Comparison, DepDiff, ParamDiff, StageDiff, StatDiff } from './types.js';

/** Cap on leaves read from one statistics file: stats come from untrusted runs. */
const MAX_STAT_LEAVES = 5000;

export function compareParams(
  base: RunRecord | null,
  head: RunRecord,
): Pick<Comparison, 'params' | 'paramCounts'> {
  const params: ParamDiff[] = [];
  if (!base)
    return {
      params,
      paramCounts: { base: 0, head: Object.keys(head.params).length, unchanged: 0 },
    };
  let unchanged = 0;
  for (const name of sortedKeys(base.params, head.params)) {
    const inBase = Object.hasOwn(base.params, name);
    const inHead = Object.hasOwn(head.params, name);
    const b = inBase ? base.params[name] : undefined;
    const h = inHead ? head.params[name] : undefined;
    if (inBase && inHead && b === h) unchanged++;
    else
      params.push({
        name,
        base: b,
        head: h,
        change: !inBase ? 'added' : !inHead ? 'removed' : 'changed',
      });
  }
  return {
    params,
    paramCounts: {
      base: Object.keys(base.params).length,
      head: Object.keys(head.params).length,
      unchanged,
    },
  };
}

export function compareStages(base: RunRecord | null, head: RunRecord): StageDiff[] {
  const names = [...new Set([...Object.keys(head.stages), ...Object.keys(base?.stages ?? {})])];
  return names.map((name) => {
    const b = base ? own(base.stages, name) : undefined;
    const h = own(head.stages, name);
    return {
      name,
      base: b ? { status: b.status, durationMs: b.durationMs, attempts: b.attempts } : null,
      head: h
        ? {
            status: h.status,
            durationMs: h.durationMs,
            attempts: h.attempts,
            ...(h.reason ? { reason: h.reason } : {}),
          }
        : null,
      deltaMs: b && h ? h.durationMs - b.durationMs : null,
      ...(h?.checks ? { checks: h.checks } : {}),
    };
  });
}

export function compareData(base: RunRecord | null, head: RunRecord): Comparison['data'] {
  const deps: DepDiff[] = [];
  let unchangedDeps = 0;
  const stats: StatDiff[] = [];
  let unchangedStats = 0;
  const profiles = compareProfiles(base ? (base.profiles ?? {}) : null, head.profiles ?? {});
  if (!base) return { deps, unchangedDeps, stats, unchangedStats, profiles };
  for (const path of sortedKeys(base.deps, head.deps)) {
    const b = own(base.deps, path) ?? null;
    const h = own(head.deps, path) ?? null;
    if (b && h && b.hash === h.hash) unchangedDeps++;
    else deps.push({ path, base: b, head: h, change: !b ? 'added' : !h ? 'removed' : 'changed' });
  }
  for (const file of sortedKeys(base.stats, head.stats)) {
    const b = flatten(own(base.stats, file));
    const h = flatten(own(head.stats, file));
    for (const key of [...new Set([...b.keys(), ...h.keys()])].sort()) {
      const bv = b.get(key);
      const hv = h.get(key);
      if (bv === hv) {
        unchangedStats++;
        continue;
      }
      const numeric = typeof bv === 'number' && typeof hv === 'number';
      stats.push({
        file,
        key,
        base: bv,
        head: hv,
        delta: numeric ? hv - bv : null,
        deltaPct: numeric && bv !== 0 ? ((hv - bv) / Math.abs(bv)) * 100 : null,
      });
    }
  }
  return { deps, unchangedDeps, stats, unchangedStats, profiles };
}

/** The keys of two records, each once, sorted. */
function sortedKeys(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

type Leaf = number | string | boolean | null;

/** Leaves of a statistics document as dotted keys (`features.age.mean`), capped. */
function flatten(value: unknown): Map<string, Leaf> {
  const leaves = new Map<string, Leaf>();
  const walk = (node: unknown, prefix: string, depth: number): void => {
    if (leaves.size >= MAX_STAT_LEAVES || depth > 16) return;
    if (
      node === null ||
      typeof node === 'number' ||
      typeof node === 'string' ||
      typeof node === 'boolean'
    ) {
      leaves.set(prefix || '(value)', node);
      return;
    }
    if (typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node))
      walk(child, prefix ? `${prefix}.${key}` : key, depth + 1);
  };
  walk(value, '', 0);
  return leaves;
}
