import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  readTextIfPresent
} from "./chunk-FDRDYCY3.js";

// core/runner/hash.ts
import { createHash } from "node:crypto";
import {
  closeSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  statSync,
  mkdirSync,
  writeFileSync,
  renameSync
} from "node:fs";
import { dirname, join } from "node:path";
var CHUNK = 1 << 20;
var HashCache = class {
  /**
   * `md5`: hashes as DVC writes them in dvc.lock — md5 of a file's bytes, and for a
   * directory md5 of its `[{"md5": …, "relpath": …}]` listing (dvc-data's tree) + `.dir`.
   */
  constructor(file, algorithm = "sha256") {
    this.file = file;
    this.algorithm = algorithm;
    let saved = {};
    try {
      saved = JSON.parse(readTextIfPresent(file) ?? "{}");
    } catch {
    }
    this.entries = new Map(Object.entries(saved));
  }
  file;
  algorithm;
  entries;
  /** Every directory with remembered files below it; built on the first `forget` that needs it. */
  parents;
  dirty = false;
  buffer = Buffer.allocUnsafe(CHUNK);
  /** Hash of a file or directory at an absolute path, or undefined when it does not exist. */
  hash(path) {
    let stats;
    try {
      stats = statSync(path, { throwIfNoEntry: false });
    } catch {
      return void 0;
    }
    if (!stats) return void 0;
    return stats.isDirectory() ? this.hashDir(path) : { hash: this.hashFile(path, stats), size: stats.size };
  }
  hashFile(path, stats = statSync(path)) {
    const known = this.entries.get(path);
    if (known && known.ino === stats.ino && known.size === stats.size && known.mtimeMs === stats.mtimeMs)
      return known.hash;
    const hash = digestFile(path, this.buffer, this.algorithm);
    if (this.parents && !this.entries.has(path)) addParents(this.parents, path);
    this.entries.set(path, { ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs, hash });
    this.dirty = true;
    return hash;
  }
  hashDir(dir) {
    const files = [];
    let size = 0;
    const walk = (abs, rel) => {
      for (const name of readdirSync(abs).sort()) {
        const childAbs = join(abs, name);
        const childRel = rel ? `${rel}/${name}` : name;
        const stats = lstatSync(childAbs);
        if (stats.isDirectory()) walk(childAbs, childRel);
        else if (stats.isFile()) {
          files.push([childRel, this.hashFile(childAbs, stats)]);
          size += stats.size;
        }
      }
    };
    walk(dir, "");
    const listing = this.algorithm === "md5" ? pythonJson(files.map(([relpath, md5]) => ({ md5, relpath }))) : JSON.stringify(files);
    const hash = createHash(this.algorithm).update(listing).digest("hex");
    return { hash: `${hash}.dir`, size, files };
  }
  /** Drops what is remembered of a path (and, for a directory hashed before, of everything in it). */
  forget(path) {
    if (this.entries.delete(path)) {
      this.dirty = true;
      return;
    }
    if (!this.parents) {
      this.parents = /* @__PURE__ */ new Set();
      for (const key of this.entries.keys()) addParents(this.parents, key);
    }
    if (!this.parents.has(path)) return;
    const prefix = `${path}/`;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
    this.parents = void 0;
    this.dirty = true;
  }
  save() {
    if (!this.dirty) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(Object.fromEntries(this.entries)));
    renameSync(tmp, this.file);
    this.dirty = false;
  }
};
function addParents(parents, path) {
  for (let dir = dirname(path); !parents.has(dir); dir = dirname(dir)) {
    parents.add(dir);
    if (dirname(dir) === dir) break;
  }
}
function pythonJson(records) {
  const str = (text) => JSON.stringify(text).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
  );
  return `[${records.map(
    (record) => `{${Object.keys(record).sort().map((key) => `${str(key)}: ${str(record[key])}`).join(", ")}}`
  ).join(", ")}]`;
}
function sha256File(path, buffer = Buffer.allocUnsafe(CHUNK)) {
  return digestFile(path, buffer, "sha256");
}
function digestFile(path, buffer, algorithm) {
  const hash = createHash(algorithm);
  const fd = openSync(path, "r");
  try {
    for (; ; ) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

export {
  HashCache,
  sha256File
};
//# sourceMappingURL=chunk-A3HKKEC7.js.map
