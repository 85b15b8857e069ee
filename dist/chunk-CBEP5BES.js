import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  applyOverrides,
  flatten,
  recoverWhatIf,
  resolveParams,
  toScalar,
  writeTextDurably
} from "./chunk-NHTH2LE3.js";
import {
  ShellPool
} from "./chunk-XNQNLCG4.js";
import {
  buildDag,
  selectStages
} from "./chunk-V4GO7NXQ.js";
import {
  DEFAULT_PARAMS_FILE,
  paramsReader
} from "./chunk-3IFHUBRS.js";
import {
  readTextIfPresent
} from "./chunk-FDRDYCY3.js";
import {
  YamlSource,
  pinpoint
} from "./chunk-G5DQXXPB.js";
import {
  Cd4mlError,
  formatLocation
} from "./chunk-4AXHXC4F.js";
import {
  __commonJS,
  __toESM
} from "./chunk-WARPCWE3.js";

// node_modules/retry/lib/retry_operation.js
var require_retry_operation = __commonJS({
  "node_modules/retry/lib/retry_operation.js"(exports, module) {
    function RetryOperation(timeouts, options) {
      if (typeof options === "boolean") {
        options = { forever: options };
      }
      this._originalTimeouts = JSON.parse(JSON.stringify(timeouts));
      this._timeouts = timeouts;
      this._options = options || {};
      this._maxRetryTime = options && options.maxRetryTime || Infinity;
      this._fn = null;
      this._errors = [];
      this._attempts = 1;
      this._operationTimeout = null;
      this._operationTimeoutCb = null;
      this._timeout = null;
      this._operationStart = null;
      this._timer = null;
      if (this._options.forever) {
        this._cachedTimeouts = this._timeouts.slice(0);
      }
    }
    module.exports = RetryOperation;
    RetryOperation.prototype.reset = function() {
      this._attempts = 1;
      this._timeouts = this._originalTimeouts.slice(0);
    };
    RetryOperation.prototype.stop = function() {
      if (this._timeout) {
        clearTimeout(this._timeout);
      }
      if (this._timer) {
        clearTimeout(this._timer);
      }
      this._timeouts = [];
      this._cachedTimeouts = null;
    };
    RetryOperation.prototype.retry = function(err) {
      if (this._timeout) {
        clearTimeout(this._timeout);
      }
      if (!err) {
        return false;
      }
      var currentTime = (/* @__PURE__ */ new Date()).getTime();
      if (err && currentTime - this._operationStart >= this._maxRetryTime) {
        this._errors.push(err);
        this._errors.unshift(new Error("RetryOperation timeout occurred"));
        return false;
      }
      this._errors.push(err);
      var timeout = this._timeouts.shift();
      if (timeout === void 0) {
        if (this._cachedTimeouts) {
          this._errors.splice(0, this._errors.length - 1);
          timeout = this._cachedTimeouts.slice(-1);
        } else {
          return false;
        }
      }
      var self = this;
      this._timer = setTimeout(function() {
        self._attempts++;
        if (self._operationTimeoutCb) {
          self._timeout = setTimeout(function() {
            self._operationTimeoutCb(self._attempts);
          }, self._operationTimeout);
          if (self._options.unref) {
            self._timeout.unref();
          }
        }
        self._fn(self._attempts);
      }, timeout);
      if (this._options.unref) {
        this._timer.unref();
      }
      return true;
    };
    RetryOperation.prototype.attempt = function(fn, timeoutOps) {
      this._fn = fn;
      if (timeoutOps) {
        if (timeoutOps.timeout) {
          this._operationTimeout = timeoutOps.timeout;
        }
        if (timeoutOps.cb) {
          this._operationTimeoutCb = timeoutOps.cb;
        }
      }
      var self = this;
      if (this._operationTimeoutCb) {
        this._timeout = setTimeout(function() {
          self._operationTimeoutCb();
        }, self._operationTimeout);
      }
      this._operationStart = (/* @__PURE__ */ new Date()).getTime();
      this._fn(this._attempts);
    };
    RetryOperation.prototype.try = function(fn) {
      console.log("Using RetryOperation.try() is deprecated");
      this.attempt(fn);
    };
    RetryOperation.prototype.start = function(fn) {
      console.log("Using RetryOperation.start() is deprecated");
      this.attempt(fn);
    };
    RetryOperation.prototype.start = RetryOperation.prototype.try;
    RetryOperation.prototype.errors = function() {
      return this._errors;
    };
    RetryOperation.prototype.attempts = function() {
      return this._attempts;
    };
    RetryOperation.prototype.mainError = function() {
      if (this._errors.length === 0) {
        return null;
      }
      var counts = {};
      var mainError = null;
      var mainErrorCount = 0;
      for (var i = 0; i < this._errors.length; i++) {
        var error = this._errors[i];
        var message = error.message;
        var count = (counts[message] || 0) + 1;
        counts[message] = count;
        if (count >= mainErrorCount) {
          mainError = error;
          mainErrorCount = count;
        }
      }
      return mainError;
    };
  }
});

// node_modules/retry/lib/retry.js
var require_retry = __commonJS({
  "node_modules/retry/lib/retry.js"(exports) {
    var RetryOperation = require_retry_operation();
    exports.operation = function(options) {
      var timeouts = exports.timeouts(options);
      return new RetryOperation(timeouts, {
        forever: options && (options.forever || options.retries === Infinity),
        unref: options && options.unref,
        maxRetryTime: options && options.maxRetryTime
      });
    };
    exports.timeouts = function(options) {
      if (options instanceof Array) {
        return [].concat(options);
      }
      var opts = {
        retries: 10,
        factor: 2,
        minTimeout: 1 * 1e3,
        maxTimeout: Infinity,
        randomize: false
      };
      for (var key in options) {
        opts[key] = options[key];
      }
      if (opts.minTimeout > opts.maxTimeout) {
        throw new Error("minTimeout is greater than maxTimeout");
      }
      var timeouts = [];
      for (var i = 0; i < opts.retries; i++) {
        timeouts.push(this.createTimeout(i, opts));
      }
      if (options && options.forever && !timeouts.length) {
        timeouts.push(this.createTimeout(i, opts));
      }
      timeouts.sort(function(a, b) {
        return a - b;
      });
      return timeouts;
    };
    exports.createTimeout = function(attempt, opts) {
      var random = opts.randomize ? Math.random() + 1 : 1;
      var timeout = Math.round(random * Math.max(opts.minTimeout, 1) * Math.pow(opts.factor, attempt));
      timeout = Math.min(timeout, opts.maxTimeout);
      return timeout;
    };
    exports.wrap = function(obj, options, methods) {
      if (options instanceof Array) {
        methods = options;
        options = null;
      }
      if (!methods) {
        methods = [];
        for (var key in obj) {
          if (typeof obj[key] === "function") {
            methods.push(key);
          }
        }
      }
      for (var i = 0; i < methods.length; i++) {
        var method = methods[i];
        var original = obj[method];
        obj[method] = function retryWrapper(original2) {
          var op = exports.operation(options);
          var args = Array.prototype.slice.call(arguments, 1);
          var callback = args.pop();
          args.push(function(err) {
            if (op.retry(err)) {
              return;
            }
            if (err) {
              arguments[0] = op.mainError();
            }
            callback.apply(this, arguments);
          });
          op.attempt(function() {
            original2.apply(obj, args);
          });
        }.bind(obj, original);
        obj[method].options = options;
      }
    };
  }
});

// node_modules/retry/index.js
var require_retry2 = __commonJS({
  "node_modules/retry/index.js"(exports, module) {
    module.exports = require_retry();
  }
});

// core/runner/run.ts
import { existsSync as existsSync3, lstatSync as lstatSync2, mkdirSync as mkdirSync6, readFileSync as readFileSync2, rmSync as rmSync4, writeFileSync as writeFileSync4 } from "node:fs";
import { basename, dirname as dirname4, join as join6, resolve as resolve2 } from "node:path";

// node_modules/p-retry/index.js
var import_retry = __toESM(require_retry2(), 1);

// node_modules/is-network-error/index.js
var objectToString = Object.prototype.toString;
var isError = (value) => objectToString.call(value) === "[object Error]";
var errorMessages = /* @__PURE__ */ new Set([
  "network error",
  // Chrome
  "NetworkError when attempting to fetch resource.",
  // Firefox
  "The Internet connection appears to be offline.",
  // Safari 16
  "Network request failed",
  // `cross-fetch`
  "fetch failed",
  // Undici (Node.js)
  "terminated",
  // Undici (Node.js)
  " A network error occurred.",
  // Bun (WebKit)
  "Network connection lost"
  // Cloudflare Workers (fetch)
]);
function isNetworkError(error) {
  const isValid = error && isError(error) && error.name === "TypeError" && typeof error.message === "string";
  if (!isValid) {
    return false;
  }
  const { message, stack } = error;
  if (message === "Load failed" || message.startsWith("Load failed (") && message.endsWith(")")) {
    return stack === void 0 || "__sentry_captured__" in error;
  }
  if (message.startsWith("error sending request for url")) {
    return true;
  }
  if (message === "Failed to fetch" || message.startsWith("Failed to fetch (") && message.endsWith(")")) {
    return true;
  }
  return errorMessages.has(message);
}

// node_modules/p-retry/index.js
var AbortError = class extends Error {
  constructor(message) {
    super();
    if (message instanceof Error) {
      this.originalError = message;
      ({ message } = message);
    } else {
      this.originalError = new Error(message);
      this.originalError.stack = this.stack;
    }
    this.name = "AbortError";
    this.message = message;
  }
};
var decorateErrorWithCounts = (error, attemptNumber, options) => {
  const retriesLeft = options.retries - (attemptNumber - 1);
  error.attemptNumber = attemptNumber;
  error.retriesLeft = retriesLeft;
  return error;
};
async function pRetry(input, options) {
  return new Promise((resolve3, reject) => {
    options = { ...options };
    options.onFailedAttempt ??= () => {
    };
    options.shouldRetry ??= () => true;
    options.retries ??= 10;
    const operation = import_retry.default.operation(options);
    const abortHandler = () => {
      operation.stop();
      reject(options.signal?.reason);
    };
    if (options.signal && !options.signal.aborted) {
      options.signal.addEventListener("abort", abortHandler, { once: true });
    }
    const cleanUp = () => {
      options.signal?.removeEventListener("abort", abortHandler);
      operation.stop();
    };
    operation.attempt(async (attemptNumber) => {
      try {
        const result = await input(attemptNumber);
        cleanUp();
        resolve3(result);
      } catch (error) {
        try {
          if (!(error instanceof Error)) {
            throw new TypeError(`Non-error was thrown: "${error}". You should only throw errors.`);
          }
          if (error instanceof AbortError) {
            throw error.originalError;
          }
          if (error instanceof TypeError && !isNetworkError(error)) {
            throw error;
          }
          decorateErrorWithCounts(error, attemptNumber, options);
          if (!await options.shouldRetry(error)) {
            operation.stop();
            reject(error);
          }
          await options.onFailedAttempt(error);
          if (!operation.retry(error)) {
            throw operation.mainError();
          }
        } catch (finalError) {
          decorateErrorWithCounts(finalError, attemptNumber, options);
          cleanUp();
          reject(finalError);
        }
      }
    });
  });
}

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
var FORMAT = 2;
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
  const { loadPipeline } = await import("./load-AC5ZVT7Z.js");
  const pipeline = loadPipeline(absolute);
  const inputs = [absolute, ...pipeline.sources].map((path) => ({
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
import { dirname, join as join2 } from "node:path";
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
    return join2(this.dir, "files", "sha256", hash);
  }
  /**
   * Stores a successful run's outs (already hashed) and, once they are all in, its
   * run-cache entry. Returns at once; `flush` waits for everything.
   */
  save(key, root, outs) {
    if (!this.objectsDirMade) {
      mkdirSync2(join2(this.dir, "files", "sha256"), { recursive: true });
      this.objectsDirMade = true;
    }
    const copies = outs.flatMap(
      (out) => out.files ? out.files.map(([rel, hash]) => this.storeFile(join2(root, out.path, rel), hash)) : [this.storeFile(join2(root, out.path), out.hash, out.size <= SMALL_FILE)]
    );
    const record = () => {
      appendFileSync(join2(this.dir, "runs.jsonl"), `${JSON.stringify({ key, outs })}
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
      for (const [rel, hash] of out.files) this.restoreFile(join2(absolute, rel), hash);
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
      text = readTextIfPresent(join2(this.dir, "runs.jsonl"));
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

// core/runner/hash.ts
import { createHash as createHash2 } from "node:crypto";
import {
  closeSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  statSync as statSync3,
  mkdirSync as mkdirSync3,
  writeFileSync as writeFileSync2,
  renameSync as renameSync3
} from "node:fs";
import { dirname as dirname2, join as join3 } from "node:path";
var CHUNK = 1 << 20;
var HashCache = class {
  constructor(file) {
    this.file = file;
    let saved = {};
    try {
      saved = JSON.parse(readTextIfPresent(file) ?? "{}");
    } catch {
    }
    this.entries = new Map(Object.entries(saved));
  }
  file;
  entries;
  /** Every directory with remembered files below it; built on the first `forget` that needs it. */
  parents;
  dirty = false;
  buffer = Buffer.allocUnsafe(CHUNK);
  /** Hash of a file or directory at an absolute path, or undefined when it does not exist. */
  hash(path) {
    let stats;
    try {
      stats = statSync3(path, { throwIfNoEntry: false });
    } catch {
      return void 0;
    }
    if (!stats) return void 0;
    return stats.isDirectory() ? this.hashDir(path) : { hash: this.hashFile(path, stats), size: stats.size };
  }
  hashFile(path, stats = statSync3(path)) {
    const known = this.entries.get(path);
    if (known && known.ino === stats.ino && known.size === stats.size && known.mtimeMs === stats.mtimeMs)
      return known.hash;
    const hash = sha256File(path, this.buffer);
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
        const childAbs = join3(abs, name);
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
    const hash = createHash2("sha256").update(JSON.stringify(files)).digest("hex");
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
    mkdirSync3(dirname2(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync2(tmp, JSON.stringify(Object.fromEntries(this.entries)));
    renameSync3(tmp, this.file);
    this.dirty = false;
  }
};
function addParents(parents, path) {
  for (let dir = dirname2(path); !parents.has(dir); dir = dirname2(dir)) {
    parents.add(dir);
    if (dirname2(dir) === dir) break;
  }
}
function sha256File(path, buffer = Buffer.allocUnsafe(CHUNK)) {
  const hash = createHash2("sha256");
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

// core/runner/lock.ts
import { appendFileSync as appendFileSync2, existsSync as existsSync2, mkdirSync as mkdirSync4, rmSync as rmSync2 } from "node:fs";
import { dirname as dirname3, join as join4 } from "node:path";
var LOCK_FILE = "cd4ml.lock";
var LOCK_JOURNAL = join4(".cd4ml", "lock-journal.jsonl");
function readLockWithJournal(root) {
  const lock = readLock(join4(root, LOCK_FILE));
  let text;
  try {
    text = readTextIfPresent(join4(root, LOCK_JOURNAL));
  } catch {
    text = void 0;
  }
  if (text === void 0) return lock;
  for (const line of text.split("\n")) {
    if (!line) continue;
    try {
      const { stage, entry } = JSON.parse(line);
      if (typeof stage === "string" && entry && typeof entry === "object")
        lock.stages[stage] = entry;
    } catch {
    }
  }
  return lock;
}
function journalLockEntry(root, stage, entry) {
  const path = join4(root, LOCK_JOURNAL);
  try {
    appendFileSync2(path, `${JSON.stringify({ stage, entry })}
`);
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
    mkdirSync4(dirname3(path), { recursive: true });
    appendFileSync2(path, `${JSON.stringify({ stage, entry })}
`);
  }
}
function clearLockJournal(root) {
  const path = join4(root, LOCK_JOURNAL);
  if (existsSync2(path)) rmSync2(path, { force: true });
}
function readLock(path) {
  let text;
  try {
    text = readTextIfPresent(path);
  } catch {
  }
  if (text === void 0) return { schema: "2.0", stages: {} };
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    try {
      data = YamlSource.parse(text, path, "E_IO").data;
    } catch (error) {
      throw new Cd4mlError(
        "E_IO",
        `the lock file is neither JSON nor YAML: ${error.message.split("\n")[0] ?? ""}`,
        {
          location: { file: path },
          hint: "delete it to rebuild it: every stage will then be checked against the run-cache"
        }
      );
    }
  }
  return { schema: "2.0", stages: data?.stages ?? {} };
}
function writeLock(path, lock) {
  const text = `${JSON.stringify(lock, null, 2)}
`;
  let current;
  try {
    current = readTextIfPresent(path);
  } catch {
    current = void 0;
  }
  if (current === text) return false;
  writeTextDurably(path, text);
  return true;
}

// core/runner/workspace-lock.ts
import { randomUUID } from "node:crypto";
import {
  closeSync as closeSync2,
  linkSync,
  mkdirSync as mkdirSync5,
  openSync as openSync2,
  readFileSync,
  rmSync as rmSync3,
  statSync as statSync4,
  unlinkSync,
  writeFileSync as writeFileSync3
} from "node:fs";
import { hostname } from "node:os";
import { join as join5 } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
var WORKSPACE_LOCK = join5(".cd4ml", "run.lock");
var BREAKER_STALE_MS = 1e4;
var WAIT_POLL_MS = 200;
function processStart(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return void 0;
  }
}
function holderAlive(holder) {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if (error.code !== "EPERM") return false;
  }
  if (holder.procStart === void 0) return true;
  const now = processStart(holder.pid);
  return now === void 0 || now === holder.procStart;
}
function readHolder(path) {
  const text = readTextIfPresent(path);
  if (text === void 0) return void 0;
  try {
    const holder = JSON.parse(text);
    return { text, holder: typeof holder.pid === "number" ? holder : void 0 };
  } catch {
    return { text, holder: void 0 };
  }
}
function workspaceHolder(root) {
  const seen = readHolder(join5(root, WORKSPACE_LOCK));
  return seen?.holder && holderAlive(seen.holder) ? seen.holder : void 0;
}
function describeHolder(holder) {
  return `pid ${holder.pid}${holder.host !== hostname() ? ` on ${holder.host}` : ""}, started ${holder.startedAt}: ${holder.command}`;
}
async function acquireWorkspaceLock(root, opts) {
  const dir = join5(root, ".cd4ml");
  mkdirSync5(dir, { recursive: true });
  const path = join5(root, WORKSPACE_LOCK);
  const procStart = processStart(process.pid);
  const holder = {
    pid: process.pid,
    ...procStart !== void 0 ? { procStart } : {},
    host: hostname(),
    startedAt: (/* @__PURE__ */ new Date()).toISOString(),
    command: opts.command,
    token: randomUUID()
  };
  const text = `${JSON.stringify(holder)}
`;
  const tmp = `${path}.${process.pid}.${holder.token.slice(0, 8)}.tmp`;
  writeFileSync3(tmp, text);
  const dropTmp = () => unlinkQuietly(tmp);
  process.once("exit", dropTmp);
  let waitingFor;
  try {
    for (; ; ) {
      try {
        linkSync(tmp, path);
        break;
      } catch (error) {
        if (error.code !== "EEXIST") throw error;
      }
      const seen = readHolder(path);
      if (!seen) continue;
      if (!seen.holder || !holderAlive(seen.holder)) {
        if (breakStale(path, seen.text) && seen.holder) opts.onStale?.(seen.holder);
        continue;
      }
      if (!opts.wait) {
        throw new Cd4mlError(
          "E_USAGE",
          `another cd4ml run holds this workspace (${describeHolder(seen.holder)})`,
          {
            location: { file: path },
            hint: "wait for it to finish, or pass --wait to queue behind it; if that process is gone, the lock is taken over automatically"
          }
        );
      }
      if (waitingFor !== seen.holder.token) {
        waitingFor = seen.holder.token;
        opts.onWait?.(seen.holder);
      }
      await delay(WAIT_POLL_MS);
    }
  } finally {
    process.off("exit", dropTmp);
    dropTmp();
  }
  let released = false;
  return {
    holder,
    release() {
      if (released) return;
      released = true;
      const current = readHolder(path);
      if (current?.holder?.token === holder.token) unlinkQuietly(path);
    }
  };
}
function breakStale(path, staleText) {
  const breaker = `${path}.break`;
  let fd;
  try {
    fd = openSync2(breaker, "wx");
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
    try {
      if (Date.now() - statSync4(breaker).mtimeMs > BREAKER_STALE_MS)
        rmSync3(breaker, { force: true });
    } catch {
    }
    return false;
  }
  closeSync2(fd);
  try {
    if (readHolder(path)?.text !== staleText) return false;
    unlinkSync(path);
    return true;
  } finally {
    rmSync3(breaker, { force: true });
  }
}
function unlinkQuietly(path) {
  try {
    unlinkSync(path);
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
}

// core/runner/run.ts
function stateDirs(root) {
  return {
    cache: join6(root, ".cd4ml", "cache"),
    tmp: join6(root, ".cd4ml", "tmp"),
    logs: join6(root, ".cd4ml", "logs")
  };
}
function openChecker(root, force) {
  const dirs = stateDirs(root);
  return {
    root,
    hashes: new HashCache(join6(dirs.tmp, "hashes.json")),
    cache: new ContentCache(dirs.cache, force),
    lock: readLockWithJournal(root),
    readParams: paramsReader(root),
    force
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
    const hashed = checker.hashes.hash(join6(checker.root, dep));
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
  for (const out of stage.outs) {
    const hashed = checker.hashes.hash(join6(checker.root, out.path));
    const locked = entry?.outs?.find((o) => o.path === out.path);
    if (!hashed) reasons.push(`out missing: ${out.path}`);
    else if (entry && locked?.hash !== hashed.hash) reasons.push(`out changed: ${out.path}`);
  }
  if (stage.alwaysChanged) reasons.push("always changed");
  if (!entry) reasons = reasons.filter((reason) => !reason.startsWith("out missing: "));
  if (reasons.length === 0) return { action: "unchanged", reasons: [] };
  const key = runCacheKey({
    cmd: stage.cmd,
    deps: deps.map((d) => [d.path, d.hash]),
    params,
    outs: stage.outs.map((o) => o.path),
    env: stage.env
  });
  const restorable = !checker.force && !stage.alwaysChanged && stage.outs.length > 0 && stage.outs.every((o) => !o.persist);
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
async function runPipeline(opts) {
  const startedAt = /* @__PURE__ */ new Date();
  const root = dirname4(resolve2(opts.pipelineFile));
  const lock = await acquireWorkspaceLock(root, {
    command: opts.command ?? commandLine(),
    wait: opts.wait,
    onWait: (holder) => opts.onNotice?.(`waiting for another run to finish (${describeHolder(holder)})`),
    onStale: (holder) => opts.onNotice?.(
      `took over the workspace lock of a run that is gone (${describeHolder(holder)})`
    )
  });
  let restoreParams = () => void 0;
  const onExit = () => {
    restoreParams();
    lock.release();
  };
  process.on("exit", onExit);
  try {
    for (const note of recoverWhatIf(root)) opts.onNotice?.(note);
    restoreParams = applyOverrides(root, opts.overrides ?? []);
    return await runLoaded(opts, startedAt);
  } finally {
    process.off("exit", onExit);
    onExit();
  }
}
function commandLine() {
  const [, script, ...args] = process.argv;
  return [script ? basename(script).replace(/\.js$/, "") : "node", ...args].join(" ");
}
async function runLoaded(opts, startedAt) {
  const pipeline = await loadPipelineCached(
    opts.pipelineFile,
    stateDirs(dirname4(resolve2(opts.pipelineFile))).tmp
  );
  const { root } = pipeline;
  const dag = buildDag(pipeline, (path) => existsSync3(join6(root, path)));
  const targets = opts.targets ?? [];
  const selected = selectStages(dag, targets).filter(
    (name) => !opts.single || targets.some((t) => name === t || name.startsWith(`${t}@`))
  );
  const dirs = stateDirs(root);
  mkdirSync6(dirs.logs, { recursive: true });
  const ignore = join6(root, ".cd4ml", ".gitignore");
  if (!existsSync3(ignore))
    writeFileSync4(ignore, "# Written by cd4ml: local state, not for git.\n*\n");
  const checker = openChecker(root, opts.force ?? false);
  const shells = opts.shells ?? new ShellPool();
  const madeDirs = /* @__PURE__ */ new Set();
  const emit = opts.onEvent ?? (() => void 0);
  const jobs = Math.max(1, opts.jobs);
  emit({ type: "plan", stages: selected, jobs });
  const results = {};
  const failures = [];
  const newLock = { schema: "2.0", stages: { ...checker.lock.stages } };
  const selectedSet = new Set(selected);
  const state = new Map(
    selected.map((name) => [name, "pending"])
  );
  const position = new Map(selected.map((name, i) => [name, i]));
  const waitingFor = new Map(
    selected.map((name) => [
      name,
      [...dag.upstream.get(name) ?? []].filter((up) => selectedSet.has(up)).length
    ])
  );
  const ready = selected.filter((name) => waitingFor.get(name) === 0);
  let running = 0;
  let firstFailure;
  try {
    await new Promise((resolveAll) => {
      const schedule = () => {
        while (running < jobs && ready.length > 0 && (firstFailure === void 0 || opts.keepGoing)) {
          const name = ready.shift();
          state.set(name, "running");
          running += 1;
          void execute(dag.stages.get(name));
        }
        if (running === 0) {
          for (const name of selected)
            if (state.get(name) === "pending")
              finishSkipped(
                name,
                `not started: the run stopped after '${firstFailure ?? "?"}' failed`
              );
          resolveAll();
        }
      };
      const release = (name) => {
        for (const down of dag.downstream.get(name) ?? []) {
          if (!selectedSet.has(down)) continue;
          const left = (waitingFor.get(down) ?? 0) - 1;
          waitingFor.set(down, left);
          if (left === 0 && state.get(down) === "pending") {
            ready.push(down);
            ready.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
          }
        }
      };
      const skipDownstream = (name) => {
        for (const down of dag.downstream.get(name) ?? []) {
          if (!selectedSet.has(down) || state.get(down) !== "pending") continue;
          finishSkipped(down, `upstream stage '${name}' did not succeed`);
          skipDownstream(down);
        }
      };
      const finishSkipped = (name, reason) => {
        state.set(name, "bad");
        results[name] = { status: "skipped", attempts: 0, durationMs: 0, reason };
        emit({ type: "finish", stage: name, result: results[name], logFile: void 0 });
      };
      const execute = async (stage) => {
        let outcome = await executeStage(
          stage,
          checker,
          { shells, madeDirs },
          dirs.logs,
          emit
        ).catch((error) => ({
          result: {
            status: "failed",
            attempts: 0,
            durationMs: 0,
            reason: error instanceof Error ? error.message : String(error)
          },
          lock: void 0,
          logFile: join6(dirs.logs, logName(stage.name))
        }));
        if (outcome.result.status === "failed") {
          state.set(stage.name, "bad");
          firstFailure ??= stage.name;
          failures.push({
            stage: stage.name,
            message: outcome.result.reason ?? "failed",
            logFile: outcome.logFile
          });
          skipDownstream(stage.name);
        } else {
          state.set(stage.name, "ok");
          release(stage.name);
        }
        running -= 1;
        schedule();
        if (outcome.finish) {
          try {
            outcome = { ...outcome, ...outcome.finish() };
          } catch (error) {
            state.set(stage.name, "bad");
            outcome = {
              ...outcome,
              result: { ...outcome.result, status: "failed", reason: error.message }
            };
            failures.push({
              stage: stage.name,
              message: error.message,
              logFile: outcome.logFile
            });
          }
        }
        results[stage.name] = outcome.result;
        if (outcome.lock) {
          newLock.stages[stage.name] = outcome.lock;
          if (outcome.result.status === "ran" || outcome.result.status === "cached")
            journalLockEntry(root, stage.name, outcome.lock);
        }
        emit({
          type: "finish",
          stage: stage.name,
          result: outcome.result,
          logFile: outcome.logFile
        });
      };
      schedule();
    });
  } finally {
    shells.close();
    await checker.cache.flush();
  }
  writeLock(join6(root, LOCK_FILE), newLock);
  clearLockJournal(root);
  checker.hashes.save();
  const params = {};
  for (const file of /* @__PURE__ */ new Set([
    DEFAULT_PARAMS_FILE,
    ...pipeline.stages.flatMap((s) => s.params.map((p) => p.file))
  ])) {
    const prefix = file === DEFAULT_PARAMS_FILE ? "" : `${file}:`;
    for (const [key, value] of Object.entries(flatten(checker.readParams(file) ?? {})))
      params[`${prefix}${key}`] = toScalar(value);
  }
  return {
    pipeline,
    dag,
    stages: Object.fromEntries(selected.map((name) => [name, results[name]])),
    failures,
    startedAt,
    finishedAt: /* @__PURE__ */ new Date(),
    hashes: checker.hashes,
    params
  };
}
function ensureParent(path, made) {
  const parent = dirname4(path);
  if (made.has(parent)) return;
  mkdirSync6(parent, { recursive: true });
  made.add(parent);
}
function logName(stage) {
  return `${stage.replace(/[^\w.@-]/g, "_")}.log`;
}
async function executeStage(stage, checker, { shells, madeDirs }, logs, emit) {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const logFile = join6(logs, logName(stage.name));
  const decision = decide(stage, checker);
  const lockCmd = lockedCmd(stage);
  if (decision.action === "unchanged") {
    return {
      result: {
        status: "unchanged",
        attempts: 0,
        durationMs: Date.now() - started,
        startedAt,
        ...decision.reasons.length > 0 ? { reason: decision.reasons.join(", ") } : {}
      },
      lock: checker.lock.stages[stage.name],
      logFile
    };
  }
  const missing = decision.reasons.find((reason) => reason.startsWith("dep missing: "));
  if (missing) {
    return {
      result: {
        status: "failed",
        attempts: 0,
        durationMs: 0,
        startedAt,
        reason: `stage '${stage.name}' cannot start: ${missing.replace("dep missing: ", "its dep ")} is missing (${formatLocation(pinpoint(stage.location, { key: true }))})`
      },
      lock: void 0,
      logFile
    };
  }
  let reasons = decision.reasons;
  if (decision.action === "restore" && decision.cached) {
    const restored = restoreVerified(stage, checker, decision.cached);
    if ("outs" in restored) {
      return {
        result: {
          status: "cached",
          attempts: 0,
          durationMs: Date.now() - started,
          startedAt,
          reason: reasons.join(", "),
          outs: Object.fromEntries(restored.outs.map((o) => [o.path, o.hash]))
        },
        lock: lockEntry(lockCmd, decision, restored.outs),
        logFile
      };
    }
    reasons = [...reasons, ...restored.damaged.map((path) => `run-cache copy damaged: ${path}`)];
  }
  const env = { ...stage.env, CD4ML_ROOT: checker.root, CD4ML_STAGE: stage.name };
  const cwd = join6(checker.root, stage.wdir);
  const attempts = stage.retries + 1;
  let attempt = 0;
  let lastExit = null;
  try {
    await pRetry(
      async () => {
        attempt += 1;
        emit({ type: "start", stage: stage.name, attempt, reasons });
        for (const out of stage.outs) {
          const abs = join6(checker.root, out.path);
          checker.hashes.forget(abs);
          if (!out.persist && lstatSync2(abs, { throwIfNoEntry: false }))
            rmSync4(abs, { recursive: true, force: true });
          ensureParent(abs, madeDirs);
        }
        for (const cmd of stage.cmd) {
          const header = `$ ${cmd}${attempt > 1 ? `    # attempt ${attempt} of ${attempts}` : ""}
`;
          const outcome = await shells.run({
            cmd,
            cwd,
            env,
            logFile,
            timeoutMs: stage.timeoutMs,
            append: attempt > 1 || cmd !== stage.cmd[0],
            header
          });
          lastExit = outcome.exitCode;
          if (outcome.timedOut)
            throw new Error(
              `timed out after ${formatDuration(stage.timeoutMs ?? 0)} (timeout set at ${formatLocation(pinpoint(stage.timeoutLocation ?? stage.location))}); its process tree was killed`
            );
          if (outcome.exitCode !== 0) {
            throw new Error(
              outcome.signal ? `was killed by ${outcome.signal}` : `exited with code ${outcome.exitCode ?? "?"}: ${cmd}`
            );
          }
        }
        const absent = stage.outs.filter((out) => !existsSync3(join6(checker.root, out.path)));
        if (absent.length > 0)
          throw new Error(
            `finished but did not write its out${absent.length > 1 ? "s" : ""} ${absent.map((o) => `'${o.path}'`).join(", ")}`
          );
      },
      {
        retries: stage.retries,
        minTimeout: 100,
        factor: 2,
        onFailedAttempt: (error) => {
          if (error.retriesLeft > 0)
            emit({
              type: "retry",
              stage: stage.name,
              attempt: error.attemptNumber,
              message: error.message
            });
        }
      }
    );
  } catch (error) {
    const message = `stage '${stage.name}' ${error.message}${attempts > 1 ? ` (attempt ${attempt} of ${attempts})` : ""}`;
    return {
      result: {
        status: "failed",
        attempts: attempt,
        durationMs: Date.now() - started,
        startedAt,
        exitCode: lastExit,
        reason: message
      },
      lock: void 0,
      logFile
    };
  }
  const durationMs = Date.now() - started;
  const finish = () => {
    const outs = hashOuts(stage, checker);
    checker.cache.save(decision.key, checker.root, outs);
    return {
      result: {
        status: "ran",
        attempts: attempt,
        durationMs,
        startedAt,
        exitCode: 0,
        reason: reasons.join(", "),
        outs: Object.fromEntries(outs.map((o) => [o.path, o.hash]))
      },
      lock: lockEntry(lockCmd, decision, outs)
    };
  };
  return {
    result: { status: "ran", attempts: attempt, durationMs, startedAt, exitCode: 0 },
    lock: void 0,
    logFile,
    finish
  };
}
function restoreVerified(stage, checker, cached) {
  const damaged = [];
  const badObjects = /* @__PURE__ */ new Set();
  for (const out of cached.outs) {
    const abs = join6(checker.root, out.path);
    checker.hashes.forget(abs);
    try {
      checker.cache.restore(abs, out);
    } catch {
      damaged.push(out.path);
      continue;
    }
    const hashed = checker.hashes.hash(abs);
    if (hashed?.hash === out.hash) continue;
    damaged.push(out.path);
    if (!out.files) badObjects.add(out.hash);
    else {
      const got = new Map(hashed?.files ?? []);
      for (const [rel, hash] of out.files) if (got.get(rel) !== hash) badObjects.add(hash);
    }
  }
  if (damaged.length === 0) return { outs: hashOuts(stage, checker) };
  checker.cache.drop(badObjects);
  return { damaged };
}
function hashOuts(stage, checker) {
  return stage.outs.map((out) => {
    const hashed = checker.hashes.hash(join6(checker.root, out.path));
    if (!hashed)
      throw new Cd4mlError(
        "E_IO",
        `out '${out.path}' of stage '${stage.name}' vanished after the stage ran`
      );
    return {
      path: out.path,
      hash: hashed.hash,
      size: hashed.size,
      ...hashed.files ? { files: hashed.files } : {}
    };
  });
}
function lockedCmd(stage) {
  return stage.cmd.length === 1 ? stage.cmd[0] : stage.cmd;
}
function lockEntry(cmd, decision, outs) {
  return {
    cmd,
    ...decision.deps.length > 0 ? { deps: decision.deps } : {},
    ...Object.keys(decision.params).length > 0 ? { params: decision.params } : {},
    ...outs.length > 0 ? { outs: outs.map(({ path, hash, size }) => ({ path, hash, size })) } : {}
  };
}
function formatDuration(ms) {
  if (ms < 1e3) return `${Math.round(ms)}ms`;
  if (ms < 6e4) return `${(ms / 1e3).toFixed(ms < 1e4 ? 1 : 0).replace(/\.0$/, "")}s`;
  const minutes = Math.floor(ms / 6e4);
  return `${minutes}m${Math.round(ms % 6e4 / 1e3)}s`;
}
function logTail(logFile, lines = 20) {
  try {
    const text = readFileSync2(logFile, "utf8").trimEnd();
    return text.split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

export {
  LOCK_FILE,
  readLockWithJournal,
  readLock,
  writeLock,
  loadPipelineCached,
  HashCache,
  sha256File,
  workspaceHolder,
  describeHolder,
  acquireWorkspaceLock,
  stateDirs,
  openChecker,
  decide,
  runPipeline,
  logName,
  formatDuration,
  logTail
};
//# sourceMappingURL=chunk-CBEP5BES.js.map
