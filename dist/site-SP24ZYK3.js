import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  knownRunDirs
} from "./chunk-OJK3754G.js";
import "./chunk-JION7JJ2.js";
import "./chunk-5TAVDTXP.js";
import "./chunk-W6QAYBEP.js";
import {
  RECORD_FILE
} from "./chunk-X46WCV4H.js";
import {
  RUN_RECORD_LIMITS,
  RunRecord,
  parseRunRecord
} from "./chunk-3IRWCR3G.js";
import "./chunk-YELAXUXB.js";
import "./chunk-KWKVIQUA.js";
import {
  parseJson
} from "./chunk-GLCB3FVJ.js";
import "./chunk-VA77YMJ5.js";
import {
  pick
} from "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import "./chunk-WARPCWE3.js";

// core/ui-data/site.ts
import { existsSync } from "node:fs";
import { readFile as readFile2 } from "node:fs/promises";
import { join as join2, resolve, sep } from "node:path";

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
function previousOnBranch(runs) {
  const last = /* @__PURE__ */ new Map();
  const previous = /* @__PURE__ */ new Map();
  for (const run of runs) {
    const key = run.branch ?? "";
    const before = last.get(key);
    if (before) previous.set(run.id, before);
    last.set(key, run.id);
  }
  return previous;
}

// core/ui-data/load-rows.ts
import { readFile } from "node:fs/promises";
import { join } from "node:path";

// core/ui-data/rows.ts
var PAGE_SIZE = 50;
function firstPage(index) {
  return { index: { ...index, runs: index.runs.slice(0, PAGE_SIZE) }, total: index.runs.length };
}
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
var natural = (a, b) => a.localeCompare(b, "en", { numeric: true });
function runsIndex(all) {
  const rows = [...all].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const names = (pick2) => [...new Set(rows.flatMap((row) => Object.keys(pick2(row))))].sort(natural);
  const values = (pick2) => [...new Set(rows.map(pick2).filter((v) => v !== null))].sort();
  return {
    runs: rows,
    params: names((row) => row.params),
    metrics: names((row) => row.metrics),
    branches: values((row) => row.branch),
    events: values((row) => row.event)
  };
}

// core/ui-data/load-rows.ts
var RowFields = pick(RunRecord, {
  schema: true,
  id: true,
  git: true,
  event: true,
  status: true,
  createdAt: true,
  timings: true,
  champion: true,
  params: true,
  metrics: true
});
var CONCURRENCY = 64;
async function loadRows(root) {
  const dirs = await knownRunDirs(root);
  const rows = new Array(dirs.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < dirs.length) {
      const at = next++;
      rows[at] = await readRow(dirs[at]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, dirs.length) }, worker));
  const byId = /* @__PURE__ */ new Map();
  const skipped = [];
  for (const entry of rows) {
    if (entry && "row" in entry) byId.set(entry.row.id, entry);
    else if (entry) skipped.push(entry);
  }
  const entries = [...byId.values()].sort((a, b) => a.row.createdAt.localeCompare(b.row.createdAt));
  return { entries, skipped };
}
async function readRow(dir) {
  const path = join(dir, RECORD_FILE);
  try {
    const data = parseJson(await readFile(path, "utf8"), path, "E_RUN_RECORD", RUN_RECORD_LIMITS);
    const parsed = RowFields.safeParse(data);
    if (parsed.success) return { dir, row: runRow(parsed.data) };
    const [issue] = parsed.error.issues;
    return { path, reason: `${issue?.path.join(".") || "record"}: ${issue?.message ?? "invalid"}` };
  } catch (error) {
    return { path, reason: error instanceof Error ? error.message : String(error) };
  }
}

// core/ui-data/site.ts
async function loadUiData(root) {
  const { entries, skipped } = await loadRows(root);
  const dirs = new Map(entries.map((entry) => [entry.row.id, entry.dir]));
  const previous = previousOnBranch(entries.map((entry) => entry.row));
  const index = runsIndex(entries.map((entry) => entry.row));
  const first = firstPage(index);
  const records = /* @__PURE__ */ new Map();
  const stored = (id) => {
    let run = records.get(id);
    if (!run) records.set(id, run = readStored(dirs.get(id)));
    return run;
  };
  let dag;
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
        predictionsPath(run) !== null
      );
    },
    async file(id, name) {
      const run = await stored(id);
      if (!run) return null;
      if (name === "cd4ml-run.json") return `${JSON.stringify(run.record, null, 2)}
`;
      const path = predictionsPath(run);
      return path ? readFile2(path, "utf8") : null;
    },
    async compare(headId, baseId) {
      const [head, base] = await Promise.all([stored(headId), stored(baseId)]);
      return head && base ? compareRuns(root, head, base) : null;
    }
  };
}
async function readStored(dir) {
  if (!dir) return null;
  const path = join2(dir, RECORD_FILE);
  try {
    const record = parseRunRecord(await readFile2(path, "utf8"), path);
    return { dir, record };
  } catch {
    return null;
  }
}
async function compareRuns(root, head, base) {
  const [{ renderGateReport, runGate }, { localRunSource, openGit, storedRun }] = await Promise.all(
    [import("./gate-H4N4P6SM.js"), import("./local-source-Z2IMBQHT.js")]
  );
  const source = localRunSource({ root, git: await openGit(root) });
  const result = await runGate(source, {
    head: storedRun(head),
    base: storedRun(base),
    baseCommit: base.record.git.commit,
    notes: []
  });
  return { conclusion: result.decision.conclusion, text: renderGateReport(result, "text") };
}
function predictionsPath(run) {
  if (!run.record.predictions) return null;
  const dir = resolve(run.dir);
  const path = resolve(dir, run.record.predictions.file);
  return path.startsWith(dir + sep) && existsSync(path) ? path : null;
}
async function workspaceDag(root) {
  try {
    const [{ buildDag }, { findPipelineFile }, { loadPipeline }] = await Promise.all([
      import("./dag-ZAXSWD2C.js"),
      import("./find-DP5GTSFD.js"),
      import("./load-EKOR2ELM.js")
    ]);
    const pipeline = loadPipeline(findPipelineFile(root));
    const dag = buildDag(pipeline, (path) => existsSync(join2(root, path)));
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
//# sourceMappingURL=site-SP24ZYK3.js.map
