import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  localRunSource,
  openGit,
  storedRun
} from "./chunk-EIU42FZJ.js";
import {
  buildDag
} from "./chunk-VTY3V4JU.js";
import {
  loadPipeline
} from "./chunk-7RRTFSRZ.js";
import "./chunk-LQ4LQDKK.js";
import "./chunk-D5TB2756.js";
import "./chunk-EXJZSYIG.js";
import {
  knownRuns
} from "./chunk-A5BSMVD6.js";
import "./chunk-ZHNJPGMQ.js";
import "./chunk-QOXXOH7U.js";
import "./chunk-6LDAOXKJ.js";
import "./chunk-IMTQNICV.js";
import "./chunk-ZVUFDLLX.js";
import "./chunk-KNG5AAJO.js";
import {
  findPipelineFile
} from "./chunk-ZC37A67R.js";
import "./chunk-FDRDYCY3.js";
import {
  renderGateReport,
  runGate
} from "./chunk-ZU2X7AGY.js";
import "./chunk-DF5CTIZP.js";
import "./chunk-EQ45VZ7I.js";
import "./chunk-KWKVIQUA.js";
import "./chunk-5ZLPMS4V.js";
import "./chunk-TZI6WE27.js";
import "./chunk-4Q4A4E67.js";
import "./chunk-FFKSSSAM.js";
import "./chunk-MD63NX4Y.js";
import "./chunk-AMI25YWR.js";
import "./chunk-YNU33C6K.js";
import "./chunk-3SVN66WC.js";
import "./chunk-KCQC2NFU.js";
import "./chunk-RPYUKDUK.js";
import "./chunk-LAUS2DL7.js";
import "./chunk-2PHLUHEH.js";
import "./chunk-W3FRIKUD.js";
import "./chunk-2UBMXQPT.js";
import "./chunk-BV3ZQNLS.js";
import "./chunk-WARPCWE3.js";

// core/ui-data/site.ts
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve, sep } from "node:path";

// core/ui-data/detail.ts
function layeredDag(edges) {
  const layer = /* @__PURE__ */ new Map();
  const visit = (name, seen) => {
    const known = layer.get(name);
    if (known !== void 0) return known;
    if (seen.has(name)) return 0;
    seen.add(name);
    const needs = edges.get(name) ?? [];
    const value = needs.length === 0 ? 0 : Math.max(...needs.map((n) => visit(n, seen))) + 1;
    layer.set(name, value);
    return value;
  };
  return [...edges.keys()].map((name) => ({
    name,
    needs: [...edges.get(name) ?? []],
    layer: visit(name, /* @__PURE__ */ new Set())
  }));
}
function runDetail(record, previous, dag, hasPredictions) {
  const movedDeps = [];
  if (previous) {
    const paths = /* @__PURE__ */ new Set([...Object.keys(record.deps), ...Object.keys(previous.deps)]);
    for (const path of [...paths].sort()) {
      const before = previous.deps[path] ?? null;
      const after = record.deps[path] ?? null;
      if (before?.hash !== after?.hash) movedDeps.push({ path, before, after });
    }
  }
  const downloads = [{ name: "cd4ml-run.json", href: `run/${record.id}/cd4ml-run.json` }];
  if (hasPredictions && record.predictions)
    downloads.push({ name: record.predictions.file, href: `run/${record.id}/predictions.csv` });
  return { record, previous: previous?.id ?? null, movedDeps, dag, downloads };
}
function previousOnBranch(records) {
  const last = /* @__PURE__ */ new Map();
  const previous = /* @__PURE__ */ new Map();
  for (const record of records) {
    const key = record.git.branch ?? "";
    const before = last.get(key);
    if (before) previous.set(record.id, before);
    last.set(key, record);
  }
  return previous;
}

// core/ui-data/rows.ts
function runRow(record) {
  return {
    id: record.id,
    commit: record.git.commit,
    branch: record.git.branch,
    event: record.event,
    status: record.status,
    createdAt: record.createdAt,
    durationMs: record.timings.durationMs,
    dirty: record.git.dirty,
    champion: record.champion,
    params: record.params,
    metrics: record.metrics
  };
}
function runsIndex(records) {
  const rows = records.map(runRow).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const names = (pick) => [...new Set(rows.flatMap((row) => Object.keys(pick(row))))].sort();
  const values = (pick) => [...new Set(rows.map(pick).filter((v) => v !== null))].sort();
  return {
    runs: rows,
    params: names((row) => row.params),
    metrics: names((row) => row.metrics),
    branches: values((row) => row.branch),
    events: values((row) => row.event)
  };
}

// core/ui-data/site.ts
async function loadUiData(root) {
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
      if (name === "cd4ml-run.json") return `${JSON.stringify(run.record, null, 2)}
`;
      const path = predictionsPath(run);
      return path ? readFile(path, "utf8") : null;
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
        notes: []
      });
      return { conclusion: result.decision.conclusion, text: renderGateReport(result, "text") };
    }
  };
}
function predictionsPath(run) {
  if (!run.record.predictions) return null;
  const dir = resolve(run.dir);
  const path = resolve(dir, run.record.predictions.file);
  return path.startsWith(dir + sep) && existsSync(path) ? path : null;
}
function workspaceDag(root) {
  try {
    const pipeline = loadPipeline(findPipelineFile(root));
    const dag = buildDag(pipeline, (path) => existsSync(join(root, path)));
    const edges = /* @__PURE__ */ new Map();
    for (const stage of pipeline.stages)
      edges.set(stage.name, [...dag.upstream.get(stage.name) ?? []]);
    return layeredDag(edges);
  } catch {
    return [];
  }
}
var ID = "([A-Za-z0-9][A-Za-z0-9._-]{0,127})";
function parseDataPath(path) {
  if (path === "runs.json") return { kind: "index" };
  let match = new RegExp(`^run/${ID}\\.json$`).exec(path);
  if (match) return { kind: "run", id: match[1] };
  match = new RegExp(`^run/${ID}/(cd4ml-run\\.json|predictions\\.csv)$`).exec(path);
  if (match) return { kind: "file", id: match[1], name: match[2] };
  match = new RegExp(`^compare/${ID}/${ID}\\.json$`).exec(path);
  if (match) return { kind: "compare", head: match[1], base: match[2] };
  return null;
}
export {
  loadUiData,
  parseDataPath
};
//# sourceMappingURL=site-HWSV3XPC.js.map
