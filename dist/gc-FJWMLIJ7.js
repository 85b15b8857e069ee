import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  acquireWorkspaceLock,
  describeHolder
} from "./chunk-FMHL2UT7.js";
import {
  readLockWithJournal
} from "./chunk-ZOYXCNJS.js";
import {
  stateDirs
} from "./chunk-TEQHPD2R.js";
import {
  recoverWhatIf
} from "./chunk-NNWR7ZNT.js";
import "./chunk-OVJAGWQD.js";
import {
  listRuns
} from "./chunk-X46WCV4H.js";
import {
  readTextIfPresent
} from "./chunk-FDRDYCY3.js";
import "./chunk-P4FB7NFE.js";
import "./chunk-AMI25YWR.js";
import "./chunk-GLCB3FVJ.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-WARPCWE3.js";

// core/runner/gc.ts
import { execFile } from "node:child_process";
import { readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
async function collectGarbage(root, opts = {}) {
  const lock = await acquireWorkspaceLock(root, {
    command: `cd4ml gc${opts.dryRun ? " --dry-run" : ""}`,
    wait: opts.wait,
    onWait: (holder) => opts.onNotice?.(`waiting for another run to finish (${describeHolder(holder)})`)
  });
  try {
    for (const note of recoverWhatIf(root)) opts.onNotice?.(note);
    return await collect(root, opts);
  } finally {
    lock.release();
  }
}
async function collect(root, opts) {
  const cacheDir = stateDirs(root).cache;
  const wanted = /* @__PURE__ */ new Set();
  let lockOuts = 0;
  for (const entry of Object.values(readLockWithJournal(root).stages)) {
    for (const out of entry.outs ?? []) {
      wanted.add(out.hash);
      lockOuts += 1;
    }
  }
  const runs = await listRuns(root);
  const heads = await branchHeads(root);
  const keptRuns = new Set(runs.slice(Math.max(0, runs.length - (opts.keepRuns ?? 10))));
  for (const run of runs)
    if (run.record.git.commit && heads.has(run.record.git.commit)) keptRuns.add(run);
  for (const run of keptRuns)
    for (const stage of Object.values(run.record.stages))
      for (const hash of Object.values(stage.outs ?? {})) wanted.add(hash);
  const index = /* @__PURE__ */ new Map();
  const text = readTextIfPresent(join(cacheDir, "runs.jsonl")) ?? "";
  for (const line of text.split("\n")) {
    try {
      const { key, outs } = JSON.parse(line);
      if (typeof key === "string" && Array.isArray(outs)) index.set(key, { outs });
    } catch {
    }
  }
  const keepObjects = /* @__PURE__ */ new Set();
  const keptLines = [];
  for (const [key, entry] of index) {
    if (!entry.outs.some((out) => wanted.has(out.hash))) continue;
    keptLines.push(`${JSON.stringify({ key, outs: entry.outs })}
`);
    for (const out of entry.outs) {
      if (out.files) for (const [, hash] of out.files) keepObjects.add(hash);
      else keepObjects.add(out.hash);
    }
  }
  for (const hash of wanted) if (!hash.endsWith(".dir")) keepObjects.add(hash);
  const objectsDir = join(cacheDir, "files", "sha256");
  let names = [];
  try {
    names = readdirSync(objectsDir);
  } catch {
  }
  const result = {
    removed: { objects: 0, bytes: 0 },
    kept: { objects: 0, bytes: 0 },
    entriesRemoved: index.size - keptLines.length,
    entriesKept: keptLines.length,
    references: { lockOuts, runs: keptRuns.size, branchHeads: heads.size }
  };
  for (const name of names) {
    const path = join(objectsDir, name);
    const size = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
    if (keepObjects.has(name) && !name.endsWith(".tmp")) {
      result.kept.objects += 1;
      result.kept.bytes += size;
      continue;
    }
    result.removed.objects += 1;
    result.removed.bytes += size;
    if (!opts.dryRun) rmSync(path, { force: true });
  }
  if (!opts.dryRun && result.entriesRemoved > 0) {
    const indexFile = join(cacheDir, "runs.jsonl");
    const tmp = `${indexFile}.${process.pid}.tmp`;
    writeFileSync(tmp, keptLines.join(""));
    renameSync(tmp, indexFile);
  }
  return result;
}
async function branchHeads(root) {
  try {
    const { stdout } = await promisify(execFile)(
      "git",
      ["for-each-ref", "--format=%(objectname)", "refs/heads"],
      { cwd: root }
    );
    return new Set(stdout.split("\n").filter(Boolean));
  } catch {
    return /* @__PURE__ */ new Set();
  }
}
export {
  collectGarbage
};
//# sourceMappingURL=gc-FJWMLIJ7.js.map
