import { posix } from 'node:path';
import { pinpoint } from '../yaml/source.js';
import { Cd4mlAggregateError, Cd4mlError } from '../errors.js';
import type { Pipeline, Stage } from './model.js';

/** The stage graph: `upstream.get(b)` are the stages whose outs `b` reads. */
export interface Dag {
  stages: Map<string, Stage>;
  upstream: Map<string, Set<string>>;
  downstream: Map<string, Set<string>>;
  /** Stage names in a valid execution order. */
  order: string[];
}

/**
 * Builds the DAG: a stage depends on every stage one of whose outs equals, contains,
 * or sits inside one of its deps. Checks that each dep exists or is produced, and
 * that there is no cycle (the error prints the cycle's path).
 */
export function buildDag(pipeline: Pipeline, exists: (path: string) => boolean): Dag {
  const stages = new Map(pipeline.stages.map((stage) => [stage.name, stage]));
  const upstream = new Map<string, Set<string>>();
  const downstream = new Map<string, Set<string>>();
  for (const name of stages.keys()) {
    upstream.set(name, new Set());
    downstream.set(name, new Set());
  }
  const producers = pipeline.stages.flatMap((stage) =>
    stage.outs.map((out) => ({ stage: stage.name, path: out.path })),
  );
  const related = producerIndex(producers);
  const errors: Cd4mlError[] = [];
  for (const stage of pipeline.stages) {
    for (const [i, dep] of stage.deps.entries()) {
      const from = related(dep);
      for (const producer of from) {
        if (producer.stage === stage.name) continue;
        upstream.get(stage.name)?.add(producer.stage);
        downstream.get(producer.stage)?.add(stage.name);
      }
      if (from.length === 0 && !exists(dep)) {
        errors.push(
          new Cd4mlError(
            'E_SPEC',
            `dep '${dep}' of stage '${stage.name}' is neither a file nor an out of any stage`,
            {
              location: pinpoint(stage.depLocations[i] ?? stage.location),
              hint: 'create the file, fix the path (deps are relative to the stage wdir), or add it to the outs of the stage that writes it',
            },
          ),
        );
      }
    }
  }
  if (errors.length > 0) throw new Cd4mlAggregateError(errors);
  const order = topologicalOrder(stages, upstream, downstream);
  return { stages, upstream, downstream, order };
}

/**
 * For a dep, the producers whose out is it, contains it, or sits inside it, in
 * `producers` order: path lookups instead of comparing every dep with every out, which
 * grew with the square of the pipeline. Also tells the run record which deps are sources.
 */
export function producerIndex<P extends { path: string }>(
  producers: readonly P[],
): (dep: string) => P[] {
  const at = new Map<string, number[]>();
  const below = new Map<string, number[]>();
  const everything: number[] = [];
  const add = (map: Map<string, number[]>, key: string, i: number): void => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  producers.forEach((producer, i) => {
    if (producer.path === '.') everything.push(i);
    add(at, producer.path, i);
    for (
      let slash = producer.path.lastIndexOf('/');
      slash > 0;
      slash = producer.path.lastIndexOf('/', slash - 1)
    ) {
      add(below, producer.path.slice(0, slash), i);
    }
  });
  return (dep) => {
    if (dep === '.') return [...producers];
    const found = new Set<number>([
      ...everything,
      ...(at.get(dep) ?? []),
      ...(below.get(dep) ?? []),
    ]);
    for (let slash = dep.lastIndexOf('/'); slash > 0; slash = dep.lastIndexOf('/', slash - 1)) {
      for (const i of at.get(dep.slice(0, slash)) ?? []) found.add(i);
    }
    return [...found].sort((a, b) => a - b).map((i) => producers[i]!);
  };
}

function topologicalOrder(
  stages: Map<string, Stage>,
  upstream: Map<string, Set<string>>,
  downstream: Map<string, Set<string>>,
): string[] {
  const remaining = new Map([...upstream].map(([name, ups]) => [name, ups.size]));
  const queue = [...stages.keys()].filter((name) => remaining.get(name) === 0);
  const order: string[] = [];
  while (queue.length > 0) {
    const name = queue.shift()!;
    order.push(name);
    for (const next of downstream.get(name) ?? []) {
      const left = (remaining.get(next) ?? 0) - 1;
      remaining.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  if (order.length < stages.size) {
    const cycle = findCycle(
      new Set([...stages.keys()].filter((name) => !order.includes(name))),
      upstream,
    );
    const first = stages.get(cycle[0] ?? '');
    throw new Cd4mlError('E_DAG_CYCLE', `the pipeline has a cycle: ${cycle.join(' -> ')}`, {
      location: first ? pinpoint(first.location, { key: true }) : undefined,
      hint: 'a stage cannot depend, directly or through others, on its own outs: remove one of these deps',
    });
  }
  return order;
}

/** A cycle among `nodes`, as a path that starts and ends at the same stage (`a -> b -> a`). */
function findCycle(nodes: Set<string>, upstream: Map<string, Set<string>>): string[] {
  // Every node left after Kahn's algorithm has an upstream inside the set: walk until one repeats.
  const start = [...nodes][0] ?? '';
  const seen = new Map<string, number>();
  const path: string[] = [];
  let current = start;
  while (!seen.has(current)) {
    seen.set(current, path.length);
    path.push(current);
    current = [...(upstream.get(current) ?? [])].find((up) => nodes.has(up)) ?? start;
  }
  // `path` follows upstream edges; reverse it so it reads in the direction data flows.
  return [...path.slice(seen.get(current)), current].reverse();
}

/** Stages that must run for `targets` (and the targets themselves), in order. */
export function selectStages(dag: Dag, targets: readonly string[]): string[] {
  if (targets.length === 0) return dag.order;
  const wanted = new Set<string>();
  const visit = (name: string): void => {
    if (wanted.has(name)) return;
    wanted.add(name);
    // As in DVC (repo/reproduce.py), a frozen stage is cut off from its upstream: what it
    // depends on is not run for it.
    if (dag.stages.get(name)?.frozen) return;
    for (const up of dag.upstream.get(name) ?? []) visit(up);
  };
  for (const target of targets) {
    const matches = targetStages(dag, target);
    if (matches.length === 0) {
      throw new Cd4mlError('E_USAGE', `no stage named '${target}'`, {
        hint: `stages are: ${[...dag.stages.keys()].join(', ')}`,
      });
    }
    matches.forEach(visit);
  }
  return dag.order.filter((name) => wanted.has(name));
}

/**
 * The stages a target names, as DVC parses it (dvc/utils `parse_target`): `train`, a
 * foreach/matrix group (`train` for every `train@…`), `sub/dvc.yaml:train`, or a
 * `dvc.yaml` path for every stage of that file.
 */
function targetStages(dag: Dag, target: string): string[] {
  const colon = target.lastIndexOf(':', target.includes('@') ? target.indexOf('@') : undefined);
  const file = colon > 0 ? posix.normalize(target.slice(0, colon)) : posix.normalize(target);
  if (colon <= 0 && posix.basename(file) === 'dvc.yaml')
    return [...dag.stages.values()]
      .filter((stage) => (stage.dvcfile?.file ?? 'dvc.yaml') === file)
      .map((stage) => stage.name);
  const name =
    colon > 0 && file !== 'dvc.yaml'
      ? `${file}:${target.slice(colon + 1)}`
      : target.slice(colon + 1);
  return dag.stages.has(name)
    ? [name]
    : [...dag.stages.keys()].filter((stage) => stage.startsWith(`${name}@`));
}

/** Mermaid flowchart of the DAG (what GitHub renders in markdown). */
export function dagToMermaid(dag: Dag): string {
  const id = new Map([...dag.stages.keys()].map((name, i) => [name, `s${i}`]));
  const lines = ['flowchart TD'];
  for (const name of dag.order) lines.push(`  ${id.get(name)}["${name.replace(/"/g, '#quot;')}"]`);
  for (const name of dag.order)
    for (const down of dag.downstream.get(name) ?? [])
      lines.push(`  ${id.get(name)} --> ${id.get(down)}`);
  return lines.join('\n');
}

/** Plain text: one line per stage in execution order with what it waits for. */
export function dagToText(dag: Dag): string {
  return dag.order
    .map((name) => {
      const ups = [...(dag.upstream.get(name) ?? [])];
      return ups.length === 0 ? `${name}` : `${name}  <- ${ups.join(', ')}`;
    })
    .join('\n');
}
