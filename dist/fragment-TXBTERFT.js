import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  STAGE_ARTIFACT_PREFIX
} from "./chunk-TSBXPDKR.js";
import {
  buildRunRecord,
  saveRunRecord,
  startContext
} from "./chunk-7RG2SZ4P.js";
import {
  HashCache
} from "./chunk-A3HKKEC7.js";
import {
  LOCK_FILE,
  readLock,
  writeLock
} from "./chunk-ZOYXCNJS.js";
import {
  stateDirs
} from "./chunk-TEQHPD2R.js";
import {
  buildDag
} from "./chunk-5Z3I24KP.js";
import {
  loadPipeline
} from "./chunk-4B5GQXXT.js";
import "./chunk-NAJNBSQM.js";
import "./chunk-OE7PDYP2.js";
import "./chunk-NNWR7ZNT.js";
import "./chunk-OVJAGWQD.js";
import {
  RECORD_FILE
} from "./chunk-X46WCV4H.js";
import "./chunk-MWFTLBHP.js";
import {
  RunRecord,
  Scalar,
  StageResult,
  parseRunRecord
} from "./chunk-3IRWCR3G.js";
import "./chunk-YELAXUXB.js";
import "./chunk-FDRDYCY3.js";
import "./chunk-TZI6WE27.js";
import "./chunk-KWKVIQUA.js";
import "./chunk-P4FB7NFE.js";
import "./chunk-AMI25YWR.js";
import {
  parseJson
} from "./chunk-GLCB3FVJ.js";
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";
import {
  array,
  literal,
  nullable,
  number,
  object,
  optional,
  record,
  string,
  union,
  unknown
} from "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import "./chunk-WARPCWE3.js";

// core/workflow/fragment.ts
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

// core/workflow/schema.ts
var FRAGMENT_FORMAT = "cd4ml/workflow-fragment@1";
var LockEntry = object({
  cmd: union([string(), array(string())]),
  deps: optional(array(object({ path: string(), hash: string(), size: number() }))),
  params: optional(record(string(), record(string(), unknown()))),
  outs: optional(array(object({ path: string(), hash: string(), size: number() })))
});
var Fragment = object({
  format: literal(FRAGMENT_FORMAT),
  stage: string(),
  result: StageResult,
  lock: nullable(LockEntry),
  run: object({
    startedAt: string(),
    finishedAt: string(),
    params: record(string(), Scalar),
    event: optional(string()),
    ci: RunRecord.shape.ci
  })
});

// core/workflow/fragment.ts
var FRAGMENT_LIMITS = {
  bytes: 4 * 1024 * 1024,
  depth: 16,
  values: 2e5,
  chars: 16 * 1024 * 1024
};
function buildFragment(root, stage) {
  let record2;
  try {
    record2 = parseRunRecord(readFileSync(join(root, RECORD_FILE), "utf8"), RECORD_FILE);
  } catch {
    record2 = void 0;
  }
  const result = record2?.stages[stage];
  const now = (/* @__PURE__ */ new Date()).toISOString();
  if (!record2 || !result) {
    return {
      format: FRAGMENT_FORMAT,
      stage,
      result: {
        status: "failed",
        attempts: 0,
        durationMs: 0,
        reason: `its job ended before cd4ml recorded the stage: see the log of the job that ran '${stage}'`
      },
      lock: null,
      run: { startedAt: now, finishedAt: now, params: {} }
    };
  }
  const ok = result.status !== "failed" && result.status !== "skipped";
  return {
    format: FRAGMENT_FORMAT,
    stage,
    result,
    lock: ok ? readLock(join(root, LOCK_FILE)).stages[stage] ?? null : null,
    run: {
      startedAt: record2.timings.startedAt,
      finishedAt: record2.timings.finishedAt,
      params: record2.params,
      event: record2.event,
      ...record2.ci ? { ci: record2.ci } : {}
    }
  };
}
function writeFragment(path, fragment) {
  writeFileSync(path, `${JSON.stringify(fragment, null, 2)}
`);
}
function readFragments(root) {
  const names = readdirSync(root).filter((name) => name.startsWith(STAGE_ARTIFACT_PREFIX) && name.endsWith(".json")).sort();
  return names.map((name) => {
    const data = parseJson(readFileSync(join(root, name), "utf8"), name, "E_IO", FRAGMENT_LIMITS);
    const parsed = Fragment.safeParse(data);
    if (!parsed.success)
      throw new Cd4mlError(
        "E_IO",
        `not a cd4ml workflow fragment: ${parsed.error.issues[0]?.message ?? ""}`,
        {
          location: { file: name, field: parsed.error.issues[0]?.path.join(".") },
          hint: `the stage jobs write these with \`cd4ml workflow fragment\` (${FRAGMENT_FORMAT}); was the workflow compiled by another cd4ml version? Regenerate it`
        }
      );
    return parsed.data;
  });
}
async function assembleRun(pipelineFile, recordedGit = (git) => git, overrides = []) {
  const root = dirname(pipelineFile);
  const pipeline = loadPipeline(pipelineFile);
  const fragments = new Map(readFragments(root).map((f) => [f.stage, f]));
  const unknown2 = [...fragments.keys()].filter((s) => !pipeline.stages.some((p) => p.name === s));
  if (unknown2.length > 0)
    throw new Cd4mlError(
      "E_USAGE",
      `fragments for stages the pipeline does not have: ${unknown2.join(", ")}`,
      {
        location: { file: relative(process.cwd(), pipelineFile) || pipelineFile },
        hint: "the workflow is stale: regenerate it with cd4ml workflow, and commit it"
      }
    );
  const dag = buildDag(pipeline, () => true);
  const context = startContext(pipelineFile);
  await context.git.catch(() => void 0);
  const lock = readLock(join(root, LOCK_FILE));
  const stages = {};
  const failures = [];
  const missing = [];
  for (const name of dag.order) {
    const fragment = fragments.get(name);
    if (!fragment) {
      missing.push(name);
      stages[name] = {
        status: "skipped",
        attempts: 0,
        durationMs: 0,
        reason: "its job did not run: an upstream job failed or the run was cancelled"
      };
      continue;
    }
    stages[name] = fragment.result;
    if (fragment.lock) lock.stages[name] = fragment.lock;
    if (fragment.result.status === "failed")
      failures.push({ stage: name, message: fragment.result.reason ?? "failed", logFile: "" });
  }
  writeLock(join(root, LOCK_FILE), lock);
  const runs = [...fragments.values()].map((f) => f.run);
  const first = runs[0];
  const times = runs.flatMap((r) => [Date.parse(r.startedAt), Date.parse(r.finishedAt)]);
  const now = Date.now();
  const result = {
    pipeline,
    dag,
    stages,
    failures,
    startedAt: new Date(times.length > 0 ? Math.min(...times) : now),
    finishedAt: new Date(times.length > 0 ? Math.max(...times) : now),
    hashes: new HashCache(join(stateDirs(root).tmp, "hashes.json")),
    params: first?.params ?? {}
  };
  const record2 = await buildRunRecord(result, {
    overrides,
    ...context,
    git: recordedGit(context.git),
    ...first?.event ? { event: first.event } : {},
    ...first?.ci ? { ci: first.ci } : {}
  });
  const stored = await saveRunRecord(root, record2);
  return { record: record2, stored: stored.dir, missing };
}
export {
  assembleRun,
  buildFragment,
  readFragments,
  writeFragment
};
//# sourceMappingURL=fragment-TXBTERFT.js.map
