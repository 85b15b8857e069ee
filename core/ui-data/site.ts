import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { parseRunRecord } from '../run-record/parse.js';
import type { RunRecord } from '../run-record/schema.js';
import { RECORD_FILE, type StoredRun } from '../store/local-store.js';
import { layeredDag, previousOnBranch, runDetail, type DagNode, type RunDetail } from './detail.js';
import { loadRows, type SkippedRecord } from './load-rows.js';
import { firstPage, runsIndex, type FirstPage, type RunsIndex } from './rows.js';

/** The UI's data, computed from the workspace's runs: what the server answers and the export writes. */
export interface UiData {
  index(): RunsIndex;
  /** The newest page of the runs table, which the page's HTML carries. */
  firstPage(): FirstPage;
  run(id: string): Promise<RunDetail | null>;
  /** A run's file: its record, or its predictions CSV (never a path of the caller's choosing). */
  file(id: string, name: 'cd4ml-run.json' | 'predictions.csv'): Promise<string | null>;
  /** `cd4ml compare` of two runs (head, base): the text it prints and its verdict. */
  compare(headId: string, baseId: string): Promise<CompareResult | null>;
  ids(): string[];
  /** Record files left out: unreadable, over the caps, or not run records. */
  skipped(): readonly SkippedRecord[];
}

export interface CompareResult {
  conclusion: string;
  text: string;
}

/**
 * Reads every known run's row (local store and pulled history branch) once; a run's full
 * record, the pipeline's DAG and the gate's code are read when first asked for, so the
 * runs page does not wait for them.
 */
export async function loadUiData(root: string): Promise<UiData> {
  const { entries, skipped } = await loadRows(root);
  const dirs = new Map(entries.map((entry) => [entry.row.id, entry.dir]));
  const previous = previousOnBranch(entries.map((entry) => entry.row));
  const index = runsIndex(entries.map((entry) => entry.row));
  const first = firstPage(index);
  const records = new Map<string, Promise<StoredRun | null>>();
  const stored = (id: string): Promise<StoredRun | null> => {
    let run = records.get(id);
    if (!run) records.set(id, (run = readStored(dirs.get(id))));
    return run;
  };
  let dag: Promise<DagNode[]> | undefined;
  return {
    index: () => index,
    firstPage: () => first,
    ids: () => [...dirs.keys()],
    skipped: () => skipped,
    async run(id) {
      const run = await stored(id);
      if (!run) return null;
      const before = previous.get(id);
      const prior = before ? await stored(before) : null;
      return runDetail(
        run.record,
        prior?.record ?? null,
        await (dag ??= workspaceDag(root)),
        predictionsPath(run) !== null,
      );
    },
    async file(id, name) {
      const run = await stored(id);
      if (!run) return null;
      if (name === 'cd4ml-run.json') return `${JSON.stringify(run.record, null, 2)}\n`;
      const path = predictionsPath(run);
      return path ? readFile(path, 'utf8') : null;
    },
    async compare(headId, baseId) {
      const [head, base] = await Promise.all([stored(headId), stored(baseId)]);
      return head && base ? compareRuns(root, head, base) : null;
    },
  };
}

/** A run's full record, validated; null when it is gone or not a run record. */
async function readStored(dir: string | undefined): Promise<StoredRun | null> {
  if (!dir) return null;
  const path = join(dir, RECORD_FILE);
  try {
    const record: RunRecord = parseRunRecord(await readFile(path, 'utf8'), path);
    return { dir, record };
  } catch {
    return null;
  }
}

/** `cd4ml compare`'s gate of two stored runs (its code loaded on first use). */
async function compareRuns(root: string, head: StoredRun, base: StoredRun): Promise<CompareResult> {
  const [{ renderGateReport, runGate }, { localRunSource, openGit, storedRun }] = await Promise.all(
    [import('../gate/gate.js'), import('../gate/local-source.js')],
  );
  const source = localRunSource({ root, git: await openGit(root) });
  const result = await runGate(source, {
    head: storedRun(head),
    base: storedRun(base),
    baseCommit: base.record.git.commit,
    notes: [],
  });
  return { conclusion: result.decision.conclusion, text: renderGateReport(result, 'text') };
}

/** The record's predictions file, when it sits inside the run's directory. */
function predictionsPath(run: StoredRun): string | null {
  if (!run.record.predictions) return null;
  const dir = resolve(run.dir);
  const path = resolve(dir, run.record.predictions.file);
  return path.startsWith(dir + sep) && existsSync(path) ? path : null;
}

/** The current pipeline's DAG (the records hold no edges); empty when there is no pipeline. */
async function workspaceDag(root: string): Promise<DagNode[]> {
  try {
    const [{ buildDag }, { findPipelineFile }, { loadPipeline }] = await Promise.all([
      import('../pipeline/dag.js'),
      import('../pipeline/find.js'),
      import('../pipeline/load.js'),
    ]);
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
