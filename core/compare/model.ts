import type { Policy } from '../policy/schema.js';
import type { RunRecord, TensorInfo } from '../run-record/schema.js';
import { metricDirection } from './direction.js';
import { own } from './metrics.js';
import type { Leaderboard, ModelDiff, SignatureChange } from './types.js';

export function compareModel(base: RunRecord | null, head: RunRecord): ModelDiff | null {
  const b = base?.model ?? null;
  const h = head.model;
  if (!b && !h) return null;
  const signature =
    b && h
      ? [
          ...signatureChanges('input', b.inputs, h.inputs),
          ...signatureChanges('output', b.outputs, h.outputs),
        ]
      : [];
  return {
    base: b,
    head: h,
    changed: b?.sha256 !== h?.sha256,
    signature,
    breaking: signature.some((change) => change.breaking),
  };
}

function signatureChanges(
  side: 'input' | 'output',
  base: readonly TensorInfo[],
  head: readonly TensorInfo[],
): SignatureChange[] {
  const changes: SignatureChange[] = [];
  const headByName = new Map(head.map((t) => [t.name, t]));
  const baseByName = new Map(base.map((t) => [t.name, t]));
  for (const b of base) {
    const h = headByName.get(b.name);
    if (!h)
      changes.push({ side, name: b.name, kind: 'removed', base: b, head: null, breaking: true });
    else if (b.type !== h.type)
      changes.push({ side, name: b.name, kind: 'type', base: b, head: h, breaking: true });
    else if (JSON.stringify(b.shape) !== JSON.stringify(h.shape))
      changes.push({ side, name: b.name, kind: 'shape', base: b, head: h, breaking: true });
  }
  for (const h of head) {
    // A new input breaks every existing client (it must now be sent); a new output breaks none.
    if (!baseByName.has(h.name))
      changes.push({
        side,
        name: h.name,
        kind: 'added',
        base: null,
        head: h,
        breaking: side === 'input',
      });
  }
  return changes;
}

/**
 * The candidates' own name for the primary metric: the same key, else the same last
 * segment (`eval.accuracy` ~ `accuracy`), else a prefixed variant (`val_accuracy`) —
 * train stages usually score candidates on a validation split under such a name.
 */
function candidateMetricKey(
  candidates: Record<string, { metrics: Record<string, number> }>,
  name: string,
): string | null {
  const keys = [
    ...new Set(Object.values(candidates).flatMap((c) => Object.keys(c.metrics))),
  ].sort();
  const last = name.split('.').at(-1)!;
  return (
    keys.find((key) => key === name) ??
    keys.find((key) => key.split('.').at(-1) === last) ??
    keys.find((key) => {
      const tail = key.split('.').at(-1)!;
      return tail.endsWith(last) && /^[._-]$/.test(tail.charAt(tail.length - last.length - 1));
    }) ??
    null
  );
}

export function leaderboard(
  base: RunRecord | null,
  head: RunRecord,
  primary: string | null,
  policy: Policy,
): Leaderboard | null {
  const entries = Object.entries(head.candidates);
  if (entries.length === 0) return null;
  const metric = primary ? (candidateMetricKey(head.candidates, primary) ?? primary) : null;
  const direction = metric ? metricDirection(metric, policy).direction : 'higher';
  const rows = entries.map(([name, candidate]) => {
    const baseCandidate = base ? own(base.candidates, name) : undefined;
    return {
      name,
      stage: candidate.stage,
      value: metric ? (own(candidate.metrics, metric) ?? null) : null,
      baseValue: metric && baseCandidate ? (own(baseCandidate.metrics, metric) ?? null) : null,
      champion: head.champion === name,
      baseChampion: base?.champion === name,
      metrics: candidate.metrics,
      params: candidate.params,
    };
  });
  rows.sort((a, b) => {
    if (a.value === null || b.value === null)
      return a.value === null ? (b.value === null ? 0 : 1) : -1;
    return direction === 'higher' ? b.value - a.value : a.value - b.value;
  });
  return { metric, direction, rows };
}
