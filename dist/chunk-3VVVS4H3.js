import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  HashCache
} from "./chunk-A3HKKEC7.js";
import {
  lockedCmd,
  readLockWithJournal
} from "./chunk-ZOYXCNJS.js";
import {
  stateDirs
} from "./chunk-TEQHPD2R.js";
import {
  isRecord
} from "./chunk-NAJNBSQM.js";
import {
  resolveParams,
  writeTextDurably
} from "./chunk-NNWR7ZNT.js";
import {
  lookup,
  paramsReader
} from "./chunk-OVJAGWQD.js";
import {
  readTextIfPresent
} from "./chunk-FDRDYCY3.js";
import {
  YamlSource,
  positionParser
} from "./chunk-P4FB7NFE.js";

// core/pipeline/cached.ts
import { mkdirSync, renameSync, writeFileSync } from "node:fs";

// core/fs/stamp.ts
import { statSync } from "node:fs";
function fileStamp(path) {
  try {
    const s = statSync(path, { throwIfNoEntry: false });
    return s ? `${s.ino}:${s.size}:${s.mtimeMs}` : void 0;
  } catch {
    return void 0;
  }
}

// core/pipeline/cached.ts
import { join, resolve } from "node:path";
var FORMAT = 4;
async function loadPipelineCached(file, tmpDir) {
  const absolute = resolve(file);
  const cacheFile = join(tmpDir, "pipeline.json");
  try {
    const entry = JSON.parse(readTextIfPresent(cacheFile) ?? "null");
    if (entry && entry.format === FORMAT && entry.cwd === process.cwd() && entry.pipeline.file === absolute && entry.inputs.every((input) => (fileStamp(input.path) ?? null) === input.stamp)) {
      return entry.pipeline;
    }
  } catch {
  }
  const { loadPipeline } = await import("./load-EKOR2ELM.js");
  const pipeline = loadPipeline(absolute);
  const inputs = [absolute, ...pipeline.sources, ...pipeline.scanned ?? []].map((path) => ({
    path,
    stamp: fileStamp(path) ?? null
  }));
  const cwd = process.cwd();
  setImmediate(() => {
    try {
      mkdirSync(tmpDir, { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ format: FORMAT, cwd, inputs, pipeline }));
      renameSync(tmp, cacheFile);
    } catch {
    }
  });
  return pipeline;
}

// core/runner/dvc-lock.ts
import { join as join2, posix } from "node:path";
var DVC_LOCK_FILE = "dvc.lock";
function dvcAddress(stage) {
  return stage.dvcfile ?? { file: "dvc.yaml", name: stage.name };
}
function readDvcLocks(root, stages) {
  const locks = /* @__PURE__ */ new Map();
  const entries = {};
  for (const stage of stages) {
    const { file, name } = dvcAddress(stage);
    const dir = posix.dirname(file);
    if (!locks.has(dir)) locks.set(dir, readDvcLock(join2(root, dir)));
    const entry = locks.get(dir)?.[name];
    if (entry) entries[stage.name] = entry;
  }
  return entries;
}
function readDvcLock(dir) {
  try {
    const text = readTextIfPresent(join2(dir, DVC_LOCK_FILE));
    if (text === void 0) return {};
    const data = YamlSource.parse(text, DVC_LOCK_FILE, "E_SPEC").data;
    return data?.stages ?? {};
  } catch {
    return {};
  }
}
function adoptDvcEntry(stage, entry, current) {
  const { root, md5 } = current;
  if (!entry || JSON.stringify(entry.cmd) !== JSON.stringify(lockedCmd(stage))) return void 0;
  const same = (list, paths) => (list ?? []).length === paths.length && paths.every((path) => {
    const recorded = list?.find((o) => posix.join(stage.wdir || ".", o.path) === path);
    return recorded?.md5 !== void 0 && md5.hash(join2(root, path))?.hash === recorded.md5;
  });
  if (!same(entry.deps, stage.deps) || !same(
    entry.outs,
    stage.outs.map((o) => o.path)
  ))
    return void 0;
  for (const [file, values] of Object.entries(current.params)) {
    const recorded = entry.params?.[posix.relative(stage.wdir || ".", file) || file];
    for (const [key, value] of Object.entries(values))
      if (JSON.stringify(recorded?.[key]) !== JSON.stringify(value)) return void 0;
  }
  const outs = stage.outs.map((o) => ({ path: o.path, hashed: current.outs.get(o.path) }));
  if (outs.some((o) => !o.hashed)) return void 0;
  return {
    cmd: lockedCmd(stage),
    ...current.deps.length > 0 ? { deps: current.deps } : {},
    ...Object.keys(current.params).length > 0 ? { params: current.params } : {},
    ...outs.length > 0 ? { outs: outs.map((o) => ({ path: o.path, hash: o.hashed.hash, size: o.hashed.size })) } : {}
  };
}
function writeDvcLock(root, stages, lock, md5, readParams) {
  const byDir = /* @__PURE__ */ new Map();
  for (const stage of stages) {
    const dir = posix.dirname(dvcAddress(stage).file);
    byDir.set(dir, [...byDir.get(dir) ?? [], stage]);
  }
  for (const [dir, those] of byDir)
    writeOne(join2(root, dir), those, (stage) => lockEntryOf(root, stage, lock, md5, readParams));
  md5.save();
}
function writeOne(dir, stages, entryOf) {
  const out = {};
  for (const stage of stages) {
    const entry = entryOf(stage);
    if (entry) out[dvcAddress(stage).name] = entry;
  }
  const path = join2(dir, DVC_LOCK_FILE);
  const current = readTextIfPresent(path);
  if (current === void 0 && Object.keys(out).length === 0) return;
  const text = positionParser().stringify({ schema: "2.0", stages: out }, { lineWidth: 0 });
  if (current !== text) writeTextDurably(path, text);
}
function lockEntryOf(root, stage, lock, md5, readParams) {
  const entry = lock.stages[stage.name];
  if (!entry) return void 0;
  const rel = (path) => posix.relative(stage.wdir || ".", path) || ".";
  const described = (path) => {
    const hashed = md5.hash(join2(root, path));
    if (!hashed) return void 0;
    return {
      path: rel(path),
      hash: "md5",
      md5: hashed.hash,
      size: hashed.size,
      ...hashed.files ? { nfiles: hashed.files.length } : {}
    };
  };
  const deps = stage.deps.map(described).filter(Boolean);
  const outs = stage.outs.map((o) => described(o.path)).filter(Boolean);
  const merged = {};
  for (const [file, values] of Object.entries(entry.params ?? {})) merged[file] = { ...values };
  for (const ref of stage.trackedParams ?? []) {
    if (ref.key === void 0) continue;
    const data = readParams(ref.file);
    const { found, value } = lookup(isRecord(data) ? data : {}, ref.key);
    if (found) (merged[ref.file] ??= {})[ref.key] ??= value;
  }
  const params = Object.fromEntries(
    Object.entries(merged).map(([file, values]) => [rel(file), values])
  );
  return {
    cmd: entry.cmd,
    ...deps.length > 0 ? { deps } : {},
    ...Object.keys(params).length > 0 ? { params } : {},
    ...outs.length > 0 ? { outs } : {}
  };
}

// core/runner/decide.ts
import { join as join4 } from "node:path";

// core/runner/cache.ts
import {
  appendFileSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync as mkdirSync2,
  renameSync as renameSync2,
  rmSync,
  statSync as statSync2
} from "node:fs";
import { copyFile, rename } from "node:fs/promises";
import { createHash } from "node:crypto";
import { dirname, join as join3 } from "node:path";
var SMALL_FILE = 256 * 1024;
var ContentCache = class {
  /**
   * @param replace Store objects even when one of the same name exists (`run --force`):
   *   a damaged object is then repaired by the next run that produces its content.
   */
  constructor(dir, replace = false) {
    this.dir = dir;
    this.replace = replace;
  }
  dir;
  replace;
  index;
  pending = [];
  storing = /* @__PURE__ */ new Set();
  objectsDirMade = false;
  objectPath(hash) {
    return join3(this.dir, "files", "sha256", hash);
  }
  /**
   * Stores a successful run's outs (already hashed) and, once they are all in, its
   * run-cache entry. Returns at once; `flush` waits for everything.
   */
  save(key, root, outs) {
    if (!this.objectsDirMade) {
      mkdirSync2(join3(this.dir, "files", "sha256"), { recursive: true });
      this.objectsDirMade = true;
    }
    const copies = outs.flatMap(
      (out) => out.files ? out.files.map(([rel, hash]) => this.storeFile(join3(root, out.path, rel), hash)) : [this.storeFile(join3(root, out.path), out.hash, out.size <= SMALL_FILE)]
    );
    const record = () => {
      appendFileSync(join3(this.dir, "runs.jsonl"), `${JSON.stringify({ key, outs })}
`);
      this.loadIndex().set(key, { outs });
    };
    const waiting = copies.filter((copy) => copy !== void 0);
    if (waiting.length === 0) record();
    else this.pending.push(Promise.all(waiting).then(record));
  }
  /**
   * Copies a file into the store under its hash: copy, then rename, so a crash never
   * leaves a truncated object under its hash. A small file is copied right away, and
   * nothing is returned: the copy costs less than handing it to libuv's pool and back (two
   * promises, two thread wake-ups), and the stage just wrote it, so it is in the page
   * cache. A large one is copied by the pool; the promise settles when it is in.
   */
  storeFile(source, hash, small = false) {
    const target = this.objectPath(hash);
    if (this.storing.has(hash)) return void 0;
    const existing = this.replace ? void 0 : statSync2(target, { throwIfNoEntry: false });
    if (existing && existing.size === statSync2(source).size) return void 0;
    this.storing.add(hash);
    const tmp = `${target}.${process.pid}.tmp`;
    if (small) {
      copyFileSync(source, tmp, constants.COPYFILE_FICLONE);
      renameSync2(tmp, target);
      return void 0;
    }
    return copyFile(source, tmp, constants.COPYFILE_FICLONE).then(() => rename(tmp, target));
  }
  /** Waits for pending stores (each appends its run-cache entry when its objects are in). */
  async flush() {
    await Promise.all(this.pending);
    this.pending.length = 0;
  }
  /** True when every object of these outs is in the cache. */
  has(outs) {
    return outs.every(
      (out) => out.files ? out.files.every(([, hash]) => existsSync(this.objectPath(hash))) : existsSync(this.objectPath(out.hash))
    );
  }
  /** Removes objects found damaged (their bytes no longer hash to their name). */
  drop(hashes) {
    for (const hash of hashes) rmSync(this.objectPath(hash), { force: true });
  }
  /** Puts an out back in the workspace from the cache (a copy, so editing it cannot corrupt the cache). */
  restore(absolute, out) {
    rmSync(absolute, { recursive: true, force: true });
    if (out.files) {
      mkdirSync2(absolute, { recursive: true });
      for (const [rel, hash] of out.files) this.restoreFile(join3(absolute, rel), hash);
    } else {
      this.restoreFile(absolute, out.hash);
    }
  }
  restoreFile(target, hash) {
    mkdirSync2(dirname(target), { recursive: true });
    copyFileSync(this.objectPath(hash), target, constants.COPYFILE_FICLONE);
  }
  loadIndex() {
    if (this.index) return this.index;
    this.index = /* @__PURE__ */ new Map();
    let text;
    try {
      text = readTextIfPresent(join3(this.dir, "runs.jsonl"));
    } catch {
    }
    if (text === void 0) return this.index;
    for (const line of text.split("\n")) {
      try {
        const { key, outs } = JSON.parse(line);
        this.index.set(key, { outs });
      } catch {
      }
    }
    return this.index;
  }
  getRun(key) {
    return this.loadIndex().get(key);
  }
};
function runCacheKey(input) {
  return createHash("sha256").update(JSON.stringify(input)).digest("hex");
}

// core/runner/decide.ts
function openChecker(root, force, dvcStages) {
  const dirs = stateDirs(root);
  return {
    root,
    hashes: new HashCache(join4(dirs.tmp, "hashes.json")),
    cache: new ContentCache(dirs.cache, force),
    lock: readLockWithJournal(root),
    readParams: paramsReader(root),
    force,
    dvc: dvcStages ? {
      lock: readDvcLocks(root, dvcStages),
      md5: new HashCache(join4(dirs.tmp, "md5.json"), "md5")
    } : void 0
  };
}
function decide(stage, checker) {
  if (stage.frozen) return { action: "unchanged", reasons: ["frozen"] };
  const entry = checker.lock.stages[stage.name];
  let reasons = [];
  if (checker.force) reasons.push("forced");
  if (!entry) reasons.push("never ran");
  else if (JSON.stringify(entry.cmd) !== JSON.stringify(lockedCmd(stage)))
    reasons.push("cmd changed");
  const deps = [];
  for (const dep of stage.deps) {
    const hashed = checker.hashes.hash(join4(checker.root, dep));
    if (!hashed) {
      reasons.push(`dep missing: ${dep}`);
      continue;
    }
    deps.push({ path: dep, hash: hashed.hash, size: hashed.size });
    const locked = entry?.deps?.find((d) => d.path === dep);
    if (entry && locked?.hash !== hashed.hash) reasons.push(`dep changed: ${dep}`);
  }
  const params = resolveParams(stage.params, checker.readParams);
  if (entry) {
    for (const [file, values] of Object.entries(params)) {
      for (const [key2, value] of Object.entries(values)) {
        if (JSON.stringify(entry.params?.[file]?.[key2]) !== JSON.stringify(value))
          reasons.push(`param changed: ${key2}`);
      }
    }
  }
  const outs = /* @__PURE__ */ new Map();
  for (const out of stage.outs) {
    const hashed = checker.hashes.hash(join4(checker.root, out.path));
    const locked = entry?.outs?.find((o) => o.path === out.path);
    if (hashed) outs.set(out.path, hashed);
    if (!hashed) reasons.push(`out missing: ${out.path}`);
    else if (entry && locked?.hash !== hashed.hash) reasons.push(`out changed: ${out.path}`);
  }
  if (stage.alwaysChanged) reasons.push("always changed");
  else if (stage.deps.length === 0 && stage.params.length === 0 && stage.outs.length === 0)
    reasons.push("always changed (no deps or outs)");
  if (!entry && checker.dvc && !checker.force && !stage.alwaysChanged) {
    const adopted = adoptDvcEntry(stage, checker.dvc.lock[stage.name], {
      root: checker.root,
      md5: checker.dvc.md5,
      deps,
      params,
      outs
    });
    if (adopted) return { action: "unchanged", reasons: ["up to date by dvc.lock"], adopted };
  }
  if (!entry) reasons = reasons.filter((reason) => !reason.startsWith("out missing: "));
  if (reasons.length === 0) return { action: "unchanged", reasons: [] };
  const key = runCacheKey({
    cmd: stage.cmd,
    deps: deps.map((d) => [d.path, d.hash]),
    params,
    outs: stage.outs.map((o) => o.path),
    env: stage.env
  });
  const restorable = !checker.force && runCacheable(stage);
  const cached = restorable ? checker.cache.getRun(key) : void 0;
  const usable = cached !== void 0 && cached.outs.length === stage.outs.length && checker.cache.has(cached.outs);
  return {
    action: usable ? "restore" : "run",
    reasons,
    key,
    deps,
    params,
    cached: usable ? cached : void 0
  };
}
function runCacheable(stage) {
  const deps = stage.deps.length + stage.params.length + (stage.trackedParams?.length ?? 0);
  return !stage.alwaysChanged && deps > 0 && stage.outs.length > 0 && stage.outs.every((o) => !o.persist);
}

export {
  loadPipelineCached,
  writeDvcLock,
  openChecker,
  decide
};
//# sourceMappingURL=chunk-3VVVS4H3.js.map
