import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { renderGateReport, runGate } from '../gate/gate.js';
import { localRunSource, openGit, storedRun } from '../gate/local-source.js';
import { buildDag } from '../pipeline/dag.js';
import { findPipelineFile } from '../pipeline/find.js';
import { loadPipeline } from '../pipeline/load.js';
import type { StoredRun } from '../store/local-store.js';
import { knownRuns } from '../store/known-runs.js';
import { layeredDag, previousOnBranch, runDetail, type DagNode, type RunDetail } from './detail.js';
import { runsIndex, type RunsIndex } from './rows.js';

/** The UI's data, computed from the workspace's runs: what the server answers and the export writes. */
export interface UiData {
  index(): RunsIndex;
  run(id: string): RunDetail | null;
  /** A run's file: its record, or its predictions CSV (never a path of the caller's choosing). */
  file(id: string, name: 'cd4ml-run.json' | 'predictions.csv'): Promise<string | null>;
  /** `cd4ml compare` of two runs (head, base): the text it prints and its verdict. */
  compare(headId: string, baseId: string): Promise<CompareResult | null>;
  ids(): string[];
}

export interface CompareResult {
  conclusion: string;
  text: string;
}

/** Reads every known run (local store and pulled history branch) once. */
export async function loadUiData(root: string): Promise<UiData> {
  const runs = await knownRuns(root);
  const byId = new Map(runs.map((run) => [run.record.id, run]));
  const previous = previousOnBranch(runs.map((run) => run.record));
  const dag = workspaceDag(root);
  const index = runsIndex(runs.map((run) => run.record));
  const git = await openGit(root);
  return {
    index: () => index,
    ids: () => [...byId.keys()],
    run(id) {
      const run = byId.get(id);
      if (!run) return null;
      return runDetail(run.record, previous.get(id) ?? null, dag, predictionsPath(run) !== null);
    },
    async file(id, name) {
      const run = byId.get(id);
      if (!run) return null;
      if (name === 'cd4ml-run.json') return `${JSON.stringify(run.record, null, 2)}\n`;
      const path = predictionsPath(run);
      return path ? readFile(path, 'utf8') : null;
    },
    async compare(headId, baseId) {
      const head = byId.get(headId);
      const base = byId.get(baseId);
      if (!head || !base) return null;
      const source = localRunSource({ root, git });
      const result = await runGate(source, {
        head: storedRun(head),
        base: storedRun(base),
        baseCommit: base.record.git.commit,
        notes: [],
      });
      return { conclusion: result.decision.conclusion, text: renderGateReport(result, 'text') };
    },
  };
}

/** The record's predictions file, when it sits inside the run's directory. */
function predictionsPath(run: StoredRun): string | null {
  if (!run.record.predictions) return null;
  const dir = resolve(run.dir);
  const path = resolve(dir, run.record.predictions.file);
  return path.startsWith(dir + sep) && existsSync(path) ? path : null;
}

/** The current pipeline's DAG (the records hold no edges); empty when there is no pipeline. */
function workspaceDag(root: string): DagNode[] {
  try {
    const pipeline = loadPipeline(findPipelineFile(root));
    const dag = buildDag(pipeline, (path) => existsSync(join(root, path)));
    const edges = new Map<string, string[]>();
    for (const stage of pipeline.stages)
      edges.set(stage.name, [...(dag.upstream.get(stage.name) ?? [])]);
    return layeredDag(edges);
  } catch {
    return [];
  }
}

/** A request path → the data it names; null for anything else (the server answers 404). */
export type DataRequest =
  | { kind: 'index' }
  | { kind: 'run'; id: string }
  | { kind: 'file'; id: string; name: 'cd4ml-run.json' | 'predictions.csv' }
  | { kind: 'compare'; head: string; base: string };

const ID = '([A-Za-z0-9][A-Za-z0-9._-]{0,127})';

export function parseDataPath(path: string): DataRequest | null {
  if (path === 'runs.json') return { kind: 'index' };
  let match = new RegExp(`^run/${ID}\\.json$`).exec(path);
  if (match) return { kind: 'run', id: match[1] as string };
  match = new RegExp(`^run/${ID}/(cd4ml-run\\.json|predictions\\.csv)$`).exec(path);
  if (match) return { kind: 'file', id: match[1] as string, name: match[2] as 'cd4ml-run.json' };
  match = new RegExp(`^compare/${ID}/${ID}\\.json$`).exec(path);
  if (match) return { kind: 'compare', head: match[1] as string, base: match[2] as string };
  return null;
}
