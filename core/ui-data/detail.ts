import type { RunRecord } from '../run-record/schema.js';

/** A stage of the pipeline's DAG as the run view draws it: its layer and what it needs. */
export interface DagNode {
  name: string;
  needs: string[];
  layer: number;
}

/** A source dep whose hash differs from the previous run's on the same branch. */
export interface MovedDep {
  path: string;
  before: { hash: string; bytes: number } | null;
  after: { hash: string; bytes: number } | null;
}

/** `run/<id>.json`: the record plus what the run view derives from its neighbours. */
export interface RunDetail {
  record: RunRecord;
  /** The run before it on its branch (what "moved" is measured against), when there is one. */
  previous: string | null;
  movedDeps: MovedDep[];
  dag: DagNode[];
  /** Files the record points to that can be downloaded, by name. */
  downloads: { name: string; href: string }[];
}

/** Layers from the stages' needs (longest path from a source), for a left-to-right DAG. */
export function layeredDag(edges: ReadonlyMap<string, readonly string[]>): DagNode[] {
  const layer = new Map<string, number>();
  const visit = (name: string, seen: Set<string>): number => {
    const known = layer.get(name);
    if (known !== undefined) return known;
    if (seen.has(name)) return 0;
    seen.add(name);
    const needs = edges.get(name) ?? [];
    const value = needs.length === 0 ? 0 : Math.max(...needs.map((n) => visit(n, seen))) + 1;
    layer.set(name, value);
    return value;
  };
  return [...edges.keys()].map((name) => ({
    name,
    needs: [...(edges.get(name) ?? [])],
    layer: visit(name, new Set()),
  }));
}

/** What a run view shows for `record`; `previous` is the run before it on its branch. */
export function runDetail(
  record: RunRecord,
  previous: RunRecord | null,
  dag: DagNode[],
  hasPredictions: boolean,
): RunDetail {
  const movedDeps: MovedDep[] = [];
  if (previous) {
    const paths = new Set([...Object.keys(record.deps), ...Object.keys(previous.deps)]);
    for (const path of [...paths].sort()) {
      const before = previous.deps[path] ?? null;
      const after = record.deps[path] ?? null;
      if (before?.hash !== after?.hash) movedDeps.push({ path, before, after });
    }
  }
  const downloads = [{ name: 'cd4ml-run.json', href: `run/${record.id}/cd4ml-run.json` }];
  if (hasPredictions && record.predictions)
    downloads.push({ name: record.predictions.file, href: `run/${record.id}/predictions.csv` });
  return { record, previous: previous?.id ?? null, movedDeps, dag, downloads };
}

/** For each run, the id of the run before it on the same branch (runs oldest first). */
export function previousOnBranch(
  runs: readonly { id: string; branch: string | null }[],
): Map<string, string> {
  const last = new Map<string, string>();
  const previous = new Map<string, string>();
  for (const run of runs) {
    const key = run.branch ?? '';
    const before = last.get(key);
    if (before) previous.set(run.id, before);
    last.set(key, run.id);
  }
  return previous;
}
