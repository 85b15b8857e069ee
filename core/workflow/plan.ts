import type { Dag } from '../pipeline/dag.js';
import type { Stage } from '../pipeline/model.js';
import { jobIdFor, uniqueNames } from './ids.js';
import { RECORD_JOB, type JobPlan } from './model.js';

/** The jobs a pipeline compiles to, and which job runs each stage. */
export interface JobGraph {
  plans: JobPlan[];
  /** Index into `plans` of the job that runs each stage. */
  unitOf: ReadonlyMap<string, number>;
}

/**
 * Plans the stage jobs: the members of a foreach/matrix stage share one matrix job when
 * they can, every other stage is a job of its own, and each job needs the jobs of its
 * stages' direct parents only. Jobs are ordered by their first stage in execution order.
 */
export function planJobs(stages: readonly Stage[], dag: Dag): JobGraph {
  const units = planUnits(stages, dag);
  const ids = uniqueNames(
    units.map((u) => jobIdFor(u.matrix ? u.stages[0]!.group!.name : u.stages[0]!.name)),
    [RECORD_JOB],
  );
  const unitOf = new Map<string, number>();
  units.forEach((unit, i) => unit.stages.forEach((s) => unitOf.set(s.name, i)));
  const plans = units.map((unit, i) => {
    const parents = new Set<number>();
    for (const stage of unit.stages)
      for (const up of dag.upstream.get(stage.name) ?? []) {
        const u = unitOf.get(up)!;
        if (u !== i) parents.add(u);
      }
    return {
      id: ids[i]!,
      stages: unit.stages,
      matrix: unit.matrix,
      needs: [...parents].sort((a, b) => a - b).map((u) => ids[u]!),
    };
  });
  return { plans, unitOf };
}

interface Unit {
  stages: Stage[];
  matrix: boolean;
}

/**
 * Groups the members of each foreach/matrix stage into one matrix job when they run on
 * the same runner, none of them depends on another, and the jobs stay acyclic; everything
 * else is one job per stage. Units are ordered by their first stage in execution order.
 */
function planUnits(stages: readonly Stage[], dag: Dag): Unit[] {
  const groups = new Map<string, Stage[]>();
  for (const stage of stages) {
    if (!stage.group) continue;
    const list = groups.get(stage.group.name);
    if (list) list.push(stage);
    else groups.set(stage.group.name, [stage]);
  }
  const shared = new Set<string>();
  for (const [group, members] of groups) {
    const labels = JSON.stringify(members[0]!.runsOn ?? null);
    if (members.length < 2) continue;
    if (members.some((m) => JSON.stringify(m.runsOn ?? null) !== labels)) continue;
    shared.add(group);
  }
  // Dissolve groups, latest first, until the job graph has no cycle.
  for (;;) {
    const units = buildUnits(stages, shared);
    const cyclic = cyclicGroup(units, dag);
    if (cyclic === undefined) return units;
    shared.delete(cyclic);
  }
}

function buildUnits(stages: readonly Stage[], shared: ReadonlySet<string>): Unit[] {
  const units: Unit[] = [];
  const byGroup = new Map<string, Unit>();
  for (const stage of stages) {
    const group = stage.group?.name;
    if (group !== undefined && shared.has(group)) {
      const existing = byGroup.get(group);
      if (existing) {
        existing.stages.push(stage);
        continue;
      }
      const unit = { stages: [stage], matrix: true };
      byGroup.set(group, unit);
      units.push(unit);
    } else {
      units.push({ stages: [stage], matrix: false });
    }
  }
  return units;
}

/** A shared group that sits on a cycle of the job graph (the last such in order), if any. */
function cyclicGroup(units: readonly Unit[], dag: Dag): string | undefined {
  const unitOf = new Map<string, number>();
  units.forEach((unit, i) => unit.stages.forEach((s) => unitOf.set(s.name, i)));
  const edges = units.map(() => new Set<number>());
  units.forEach((unit, i) => {
    for (const stage of unit.stages)
      for (const down of dag.downstream.get(stage.name) ?? []) edges[i]!.add(unitOf.get(down)!);
  });
  // A unit on a cycle reaches itself; only matrix units can (stages alone form a DAG).
  for (let i = units.length - 1; i >= 0; i -= 1) {
    const unit = units[i]!;
    if (!unit.matrix) continue;
    const seen = new Set<number>();
    const stack = [...edges[i]!];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (next === i) return unit.stages[0]!.group!.name;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...edges[next]!);
    }
  }
  return undefined;
}
