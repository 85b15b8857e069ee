import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  decide,
  loadPipelineCached,
  openChecker,
  writeDvcLock
} from "./chunk-3VVVS4H3.js";
import {
  ShellPool
} from "./chunk-XNQNLCG4.js";
import {
  acquireWorkspaceLock,
  describeHolder
} from "./chunk-FMHL2UT7.js";
import {
  LOCK_FILE,
  clearLockJournal,
  journalLockEntry,
  lockedCmd,
  writeLock
} from "./chunk-ZOYXCNJS.js";
import {
  logName,
  stateDirs
} from "./chunk-TEQHPD2R.js";
import {
  buildDag,
  selectStages
} from "./chunk-5Z3I24KP.js";
import {
  asyncBufferFromFile,
  parquetMetadataAsync,
  parquetReadObjects
} from "./chunk-LPYQMSSN.js";
import {
  DATE,
  NULLS,
  lines,
  profileFormat,
  readDelimited
} from "./chunk-OE7PDYP2.js";
import {
  applyOverrides,
  flattenParams,
  recoverWhatIf,
  toScalar
} from "./chunk-NNWR7ZNT.js";
import {
  DEFAULT_PARAMS_FILE
} from "./chunk-OVJAGWQD.js";
import {
  formatDuration
} from "./chunk-XVQGURII.js";
import {
  pinpoint
} from "./chunk-P4FB7NFE.js";
import {
  Cd4mlError,
  formatLocation
} from "./chunk-VA77YMJ5.js";
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
import { existsSync as existsSync2, mkdirSync as mkdirSync2, writeFileSync } from "node:fs";
import { basename, dirname as dirname2, join as join5, resolve } from "node:path";

// core/runner/execute-stage.ts
import { join as join4 } from "node:path";

// core/runner/attempts.ts
import { existsSync, lstatSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";

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
  return new Promise((resolve2, reject) => {
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
        resolve2(result);
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

// core/runner/attempts.ts
async function runAttempts(stage, ctx, reasons, logFile) {
  const attempts = stage.retries + 1;
  let attempt = 0;
  let lastExit = null;
  try {
    await pRetry(
      async () => {
        attempt += 1;
        ctx.emit({ type: "start", stage: stage.name, attempt, reasons });
        lastExit = await runAttempt(stage, ctx, attempt, logFile);
      },
      {
        retries: stage.retries,
        minTimeout: 100,
        factor: 2,
        onFailedAttempt: (error) => {
          if (error.retriesLeft > 0)
            ctx.emit({
              type: "retry",
              stage: stage.name,
              attempt: error.attemptNumber,
              message: error.message
            });
        }
      }
    );
  } catch (error) {
    if (error instanceof AttemptError) lastExit = error.exitCode;
    const failure = `stage '${stage.name}' ${error.message}${attempts > 1 ? ` (attempt ${attempt} of ${attempts})` : ""}`;
    return { attempts: attempt, exitCode: lastExit, failure };
  }
  return { attempts: attempt, exitCode: lastExit };
}
var AttemptError = class extends Error {
  constructor(message, exitCode) {
    super(message);
    this.exitCode = exitCode;
  }
  exitCode;
};
async function runAttempt(stage, ctx, attempt, logFile) {
  const { checker, shells } = ctx;
  const env = {
    DVC_ROOT: process.env.DVC_ROOT ?? checker.root,
    ...stage.env,
    CD4ML_ROOT: checker.root,
    CD4ML_STAGE: stage.name,
    DVC_STAGE: stage.name
  };
  const cwd = join(checker.root, stage.wdir);
  const attempts = stage.retries + 1;
  for (const out of stage.outs) {
    const abs = join(checker.root, out.path);
    checker.hashes.forget(abs);
    if (!out.persist && lstatSync(abs, { throwIfNoEntry: false }))
      rmSync(abs, { recursive: true, force: true });
    ensureParent(abs, ctx.madeDirs);
  }
  let exitCode = null;
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
    exitCode = outcome.exitCode;
    if (outcome.timedOut)
      throw new AttemptError(
        `timed out after ${formatDuration(stage.timeoutMs ?? 0)} (timeout set at ${formatLocation(pinpoint(stage.timeoutLocation ?? stage.location))}); its process tree was killed`,
        exitCode
      );
    if (outcome.exitCode !== 0) {
      throw new AttemptError(
        outcome.signal ? `was killed by ${outcome.signal}` : `exited with code ${outcome.exitCode ?? "?"}: ${cmd}`,
        exitCode
      );
    }
  }
  const absent = stage.outs.filter((out) => !existsSync(join(checker.root, out.path)));
  if (absent.length > 0)
    throw new AttemptError(
      `finished but did not write its out${absent.length > 1 ? "s" : ""} ${absent.map((o) => `'${o.path}'`).join(", ")}`,
      exitCode
    );
  return exitCode;
}
function ensureParent(path, made) {
  const parent = dirname(path);
  if (made.has(parent)) return;
  mkdirSync(parent, { recursive: true });
  made.add(parent);
}

// core/checks/evaluate.ts
import { join as join2 } from "node:path";

// core/checks/rows.ts
import { createReadStream } from "node:fs";
async function visitRows(absolute, label, visit) {
  const format = profileFormat(absolute);
  if (format === "csv" || format === "tsv") {
    await readDelimited(absolute, format === "csv" ? "," : "	", {
      header: (names) => visit.columns(names.map((n) => n.trim())),
      row: (fields, line) => visit.row(fields, `line ${line}`)
    });
  } else if (format === "jsonl") await visitJsonLines(absolute, label, visit);
  else if (format === "parquet") await visitParquet(absolute, visit);
  else throw new Cd4mlError("E_IO", `${label}: not a CSV, TSV, JSON Lines or Parquet file`);
}
async function visitJsonLines(path, label, visit) {
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 });
  let names = null;
  let line = 0;
  try {
    for await (const chunk of lines(stream)) {
      line++;
      const raw = chunk.endsWith("\r") ? chunk.slice(0, -1) : chunk;
      const text = line === 1 && raw.charCodeAt(0) === 65279 ? raw.slice(1) : raw;
      if (text.trim() === "") continue;
      const fail = (message) => {
        throw new Cd4mlError("E_IO", message, { location: { file: label, line } });
      };
      let value;
      try {
        value = JSON.parse(text);
      } catch (error) {
        fail(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (value === null || typeof value !== "object" || Array.isArray(value))
        fail('each line must be a JSON object ({"column": value, \u2026})');
      const record2 = value;
      if (names === null) {
        names = Object.keys(record2);
        visit.columns(names);
      }
      const extra = Object.keys(record2).find((k) => !names.includes(k));
      if (extra !== void 0) fail(`key "${extra}" is not in the first line's columns`);
      visit.row(
        names.map((n) => record2[n]),
        `line ${line}`
      );
    }
  } finally {
    stream.destroy();
  }
  if (names === null) visit.columns([]);
}
async function visitParquet(path, visit) {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  let names = null;
  let start = 0;
  for (const group of metadata.row_groups) {
    const end = start + Number(group.num_rows);
    const rows = await parquetReadObjects({ file, metadata, rowStart: start, rowEnd: end });
    for (const [i, record2] of rows.entries()) {
      if (names === null) {
        names = Object.keys(record2);
        visit.columns(names);
      }
      visit.row(
        names.map((n) => record2[n]),
        `row ${start + i + 1}`
      );
    }
    start = end;
  }
  if (names === null) visit.columns([]);
}

// core/checks/evaluate.ts
var MAX_UNIQUE_VALUES = 5e6;
async function runStageChecks(root, checks) {
  const results = [];
  const files = [...new Set(checks.map((c) => c.data))];
  for (const file of files) {
    const mine = checks.filter((c) => c.data === file);
    results.push(...await checkFile(root, file, mine));
  }
  return results;
}
async function checkFile(root, file, checks) {
  const testers = checks.flatMap((check) => testersOf(file, check));
  let rows = 0;
  try {
    await visitRows(join2(root, file), file, {
      columns(names) {
        for (const t of testers) t.bind(names);
      },
      row(cells, where) {
        rows++;
        for (const t of testers) t.test(cells, where);
      }
    });
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return testers.map((t) => ({ ...t.head, status: "fail", message: `${file}: ${message}` }));
  }
  return testers.map((t) => t.result(rows));
}
function readCell(value) {
  if (value === null || value === void 0) return { kind: "null" };
  if (typeof value === "number" || typeof value === "bigint") {
    const n2 = Number(value);
    if (Number.isNaN(n2)) return { kind: "null" };
    return { kind: Number.isInteger(n2) ? "integer" : "number", text: String(value), number: n2 };
  }
  if (typeof value === "boolean") return { kind: "boolean", text: String(value) };
  if (value instanceof Date) return { kind: "date", text: value.toISOString() };
  if (typeof value !== "string") return { kind: "string", text: JSON.stringify(value) ?? "" };
  if (NULLS.has(value)) return { kind: "null" };
  if (DATE.test(value)) return { kind: "date", text: value };
  const n = value.trim() === value ? Number(value) : Number.NaN;
  if (!Number.isNaN(n))
    return { kind: Number.isInteger(n) ? "integer" : "number", text: value, number: n };
  const lower = value.toLowerCase();
  if (lower === "true" || lower === "false") return { kind: "boolean", text: lower };
  return { kind: "string", text: value };
}
var show = (text) => JSON.stringify(text.length > 60 ? `${text.slice(0, 59)}\u2026` : text);
function testersOf(file, check) {
  const out = [];
  if (check.min_rows !== void 0) out.push(minRows(file, check.min_rows));
  if (check.max_null_rate !== void 0)
    out.push(nullRate(file, check.column, check.max_null_rate));
  const column = check.column;
  if (column === void 0) return out;
  if (check.type !== void 0) {
    const want = check.type;
    out.push(
      valueTest(
        file,
        column,
        "type",
        (cell) => cell.kind === want || want === "number" && cell.kind === "integer" ? null : `${show(cell.text)} is ${cell.kind === "integer" ? "an" : "a"} ${cell.kind}, not ${want === "integer" ? "an" : "a"} ${want}`
      )
    );
  }
  if (check.min !== void 0 || check.max !== void 0) {
    const { min, max } = check;
    const name = min !== void 0 && max !== void 0 ? "range" : min !== void 0 ? "min" : "max";
    out.push(
      valueTest(file, column, name, (cell) => {
        if (cell.number === void 0) return `${show(cell.text)} is not a number`;
        if (min !== void 0 && cell.number < min) return `${cell.text} is below min ${min}`;
        if (max !== void 0 && cell.number > max) return `${cell.text} is above max ${max}`;
        return null;
      })
    );
  }
  if (check.allowed !== void 0) {
    const allowed = new Set(check.allowed.map(String));
    const list = [...allowed].slice(0, 8).join(", ") + (allowed.size > 8 ? ", \u2026" : "");
    out.push(
      valueTest(
        file,
        column,
        "allowed",
        (cell) => allowed.has(cell.text) ? null : `${show(cell.text)} is not allowed (allowed: ${list})`
      )
    );
  }
  if (check.unique) out.push(unique(file, column));
  return out;
}
function minRows(file, limit) {
  const head = { data: file, check: "min_rows" };
  return {
    head,
    bind() {
    },
    test() {
    },
    result: (rows) => ({
      ...head,
      status: rows >= limit ? "pass" : "fail",
      message: rows >= limit ? `${file}: ${rows} rows \u2265 min_rows ${limit}` : `${file}: ${rows} rows, fewer than min_rows ${limit}`
    })
  };
}
function nullRate(file, column, limit) {
  const head = { data: file, ...column !== void 0 ? { column } : {}, check: "max_null_rate" };
  let names = [];
  let indexes = [];
  let nulls = [];
  let first = [];
  return {
    head,
    bind(all) {
      names = all;
      indexes = column === void 0 ? all.map((_, i) => i) : [all.indexOf(column)];
      nulls = indexes.map(() => 0);
      first = indexes.map(() => null);
    },
    test(cells, where) {
      indexes.forEach((index, k) => {
        if (index >= 0 && readCell(cells[index]).kind === "null") {
          nulls[k]++;
          first[k] ??= where;
        }
      });
    },
    result(rows) {
      if (indexes[0] === -1) return missingColumn(head, file, column, names);
      const pct = (rate) => `${Number((rate * 100).toPrecision(3))}%`;
      const bad = indexes.map((index, k) => ({ name: names[index], nulls: nulls[k], first: first[k] })).filter((c) => rows > 0 && c.nulls / rows > limit);
      if (bad.length === 0)
        return {
          ...head,
          status: "pass",
          message: `${file}: null rate \u2264 ${pct(limit)} in ${column ?? `all ${indexes.length} columns`}`
        };
      return {
        ...head,
        status: "fail",
        message: `${file}: null rate over max_null_rate ${pct(limit)} in ${bad.map((c) => `column ${c.name} (${pct(c.nulls / rows)}, first empty at ${c.first})`).join(", ")}`
      };
    }
  };
}
function missingColumn(head, file, column, names) {
  return {
    ...head,
    status: "fail",
    message: `${file}: no column ${column} (columns: ${names.slice(0, 20).join(", ")}${names.length > 20 ? ", \u2026" : ""})`
  };
}
function valueTest(file, column, check, fails) {
  const head = { data: file, column, check };
  let index = -1;
  let names = [];
  let firstFailure = null;
  let failures = 0;
  let checked = 0;
  return {
    head,
    bind(all) {
      names = all;
      index = all.indexOf(column);
    },
    test(cells, where) {
      if (index < 0) return;
      const cell = readCell(cells[index]);
      if (cell.kind === "null") return;
      checked++;
      const why = fails(cell, where);
      if (why === null) return;
      failures++;
      firstFailure ??= `${file} ${where}, column ${column}: ${why}`;
    },
    result() {
      if (index < 0) return missingColumn(head, file, column, names);
      if (firstFailure === null)
        return {
          ...head,
          status: "pass",
          message: `${file} column ${column}: ${checked} values pass ${check}`
        };
      return {
        ...head,
        status: "fail",
        message: failures > 1 ? `${firstFailure} (and ${failures - 1} more)` : firstFailure
      };
    }
  };
}
function unique(file, column) {
  const seen = /* @__PURE__ */ new Map();
  let overflow = false;
  return valueTest(file, column, "unique", (cell, where) => {
    if (overflow) return null;
    const before = seen.get(cell.text);
    if (before !== void 0) return `${show(cell.text)} repeats ${before}`;
    if (seen.size >= MAX_UNIQUE_VALUES) {
      overflow = true;
      seen.clear();
      return `over ${MAX_UNIQUE_VALUES.toLocaleString("en-US")} values: uniqueness is not checked beyond that`;
    }
    seen.set(cell.text, where);
    return null;
  });
}

// core/runner/check-outs.ts
async function checkOuts(stage, root) {
  if (stage.checks.length === 0) return { recorded: {} };
  const checks = await runStageChecks(root, stage.checks);
  const failed = checks.filter((c) => c.status === "fail");
  if (failed.length === 0) return { recorded: { checks } };
  return {
    recorded: { checks },
    failure: {
      checks,
      reason: `stage '${stage.name}' failed ${failed.length} check${failed.length > 1 ? "s" : ""} on its outs (checks at ${formatLocation(pinpoint(stage.checks[0].location))}): ${failed.map((c) => c.message).join("; ")}`
    }
  };
}

// core/runner/restore.ts
import { join as join3 } from "node:path";
function restoreVerified(stage, checker, cached) {
  const damaged = [];
  const badObjects = /* @__PURE__ */ new Set();
  for (const out of cached.outs) {
    const abs = join3(checker.root, out.path);
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
    const hashed = checker.hashes.hash(join3(checker.root, out.path));
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

// core/runner/stage-outcome.ts
function failedOutcome(logFile, result) {
  return { result: { status: "failed", ...result }, lock: void 0, logFile };
}
function lockEntry(cmd, decision, outs) {
  return {
    cmd,
    ...decision.deps.length > 0 ? { deps: decision.deps } : {},
    ...Object.keys(decision.params).length > 0 ? { params: decision.params } : {},
    ...outs.length > 0 ? { outs: outs.map(({ path, hash, size }) => ({ path, hash, size })) } : {}
  };
}

// core/runner/execute-stage.ts
async function executeStage(stage, ctx) {
  const { checker } = ctx;
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const logFile = join4(ctx.logs, logName(stage.name));
  const start = { started, startedAt, logFile };
  const decision = decide(stage, checker);
  if (decision.action === "unchanged") {
    return {
      result: {
        status: "unchanged",
        attempts: 0,
        durationMs: Date.now() - started,
        startedAt,
        ...decision.reasons.length > 0 ? { reason: decision.reasons.join(", ") } : {}
      },
      lock: decision.adopted ?? checker.lock.stages[stage.name],
      logFile
    };
  }
  const missing = decision.reasons.find((reason) => reason.startsWith("dep missing: "));
  if (missing) {
    const where = formatLocation(pinpoint(stage.location, { key: true }));
    const reason = `stage '${stage.name}' cannot start: ${missing.replace("dep missing: ", "its dep ")} is missing (${where})`;
    return failedOutcome(logFile, { attempts: 0, durationMs: 0, startedAt, reason });
  }
  let reasons = decision.reasons;
  if (decision.action === "restore" && decision.cached) {
    const restored = restoreVerified(stage, checker, decision.cached);
    if ("outs" in restored) return restoredOutcome(stage, checker, decision, restored.outs, start);
    reasons = [...reasons, ...restored.damaged.map((path) => `run-cache copy damaged: ${path}`)];
  }
  return runStage(stage, ctx, decision, reasons, start);
}
async function restoredOutcome(stage, checker, decision, outs, { started, startedAt, logFile }) {
  const checked = await checkOuts(stage, checker.root);
  const durationMs = Date.now() - started;
  if (checked.failure)
    return failedOutcome(logFile, { attempts: 0, durationMs, startedAt, ...checked.failure });
  return {
    result: {
      status: "cached",
      attempts: 0,
      durationMs,
      startedAt,
      reason: decision.reasons.join(", "),
      outs: Object.fromEntries(outs.map((o) => [o.path, o.hash])),
      ...checked.recorded
    },
    lock: lockEntry(lockedCmd(stage), decision, outs),
    logFile
  };
}
async function runStage(stage, ctx, decision, reasons, { started, startedAt, logFile }) {
  const { checker } = ctx;
  const run = await runAttempts(stage, ctx, reasons, logFile);
  const { attempts, exitCode } = run;
  if (run.failure !== void 0) {
    const durationMs2 = Date.now() - started;
    return failedOutcome(logFile, {
      attempts,
      durationMs: durationMs2,
      startedAt,
      exitCode,
      reason: run.failure
    });
  }
  const checked = await checkOuts(stage, checker.root);
  const durationMs = Date.now() - started;
  if (checked.failure)
    return failedOutcome(logFile, {
      attempts,
      durationMs,
      startedAt,
      exitCode,
      ...checked.failure
    });
  const ran = { status: "ran", attempts, durationMs, startedAt, exitCode: 0 };
  const finish = () => {
    const outs = hashOuts(stage, checker);
    checker.cache.save(decision.key, checker.root, outs);
    return {
      result: {
        ...ran,
        reason: reasons.join(", "),
        outs: Object.fromEntries(outs.map((o) => [o.path, o.hash])),
        ...checked.recorded
      },
      lock: lockEntry(lockedCmd(stage), decision, outs)
    };
  };
  return { result: { ...ran, ...checked.recorded }, lock: void 0, logFile, finish };
}

// core/runner/scheduler.ts
async function schedule(opts) {
  const { dag, selected, jobs } = opts;
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
  await new Promise((resolveAll) => {
    const skip = (name, reason) => {
      state.set(name, "bad");
      opts.skip(name, reason);
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
        skip(down, `upstream stage '${name}' did not succeed`);
        skipDownstream(down);
      }
    };
    const settle = (name, how) => {
      state.set(name, how);
      if (how === "bad") {
        firstFailure ??= name;
        skipDownstream(name);
      } else release(name);
      running -= 1;
      next();
    };
    const next = () => {
      while (running < jobs && ready.length > 0 && (firstFailure === void 0 || opts.keepGoing)) {
        const name = ready.shift();
        state.set(name, "running");
        running += 1;
        let settled = false;
        void opts.execute(dag.stages.get(name), (how) => {
          if (settled) return;
          settled = true;
          settle(name, how);
        });
      }
      if (running === 0) {
        for (const name of selected)
          if (state.get(name) === "pending")
            skip(name, `not started: the run stopped after '${firstFailure ?? "?"}' failed`);
        resolveAll();
      }
    };
    next();
  });
}

// core/runner/run.ts
async function runPipeline(opts) {
  const startedAt = /* @__PURE__ */ new Date();
  const root = dirname2(resolve(opts.pipelineFile));
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
    stateDirs(dirname2(resolve(opts.pipelineFile))).tmp
  );
  const { root } = pipeline;
  const dag = buildDag(pipeline, (path) => existsSync2(join5(root, path)));
  const targets = opts.targets ?? [];
  const selected = selectStages(dag, targets).filter(
    (name) => !opts.single || targets.some((t) => name === t || name.startsWith(`${t}@`))
  );
  const dirs = prepareState(root);
  const dvcYaml = basename(pipeline.file) === "dvc.yaml";
  const checker = openChecker(root, opts.force ?? false, dvcYaml ? pipeline.stages : void 0);
  const shells = opts.shells ?? new ShellPool();
  const emit = opts.onEvent ?? (() => void 0);
  const jobs = Math.max(1, opts.jobs);
  emit({ type: "plan", stages: selected, jobs });
  const results = {};
  const failures = [];
  const newLock = { schema: "2.0", stages: { ...checker.lock.stages } };
  const ctx = { checker, shells, madeDirs: /* @__PURE__ */ new Set(), logs: dirs.logs, emit };
  try {
    await schedule({
      dag,
      selected,
      jobs,
      keepGoing: opts.keepGoing ?? false,
      skip: (name, reason) => {
        results[name] = { status: "skipped", attempts: 0, durationMs: 0, reason };
        emit({ type: "finish", stage: name, result: results[name], logFile: void 0 });
      },
      execute: async (stage, settle) => {
        const outcome = await executeStage(stage, ctx).catch(
          (error) => failedOutcome(join5(dirs.logs, logName(stage.name)), {
            attempts: 0,
            durationMs: 0,
            reason: error instanceof Error ? error.message : String(error)
          })
        );
        if (outcome.result.status === "failed")
          failures.push({
            stage: stage.name,
            message: outcome.result.reason ?? "failed",
            logFile: outcome.logFile
          });
        settle(outcome.result.status === "failed" ? "bad" : "ok");
        record(stage, finishOutcome(stage, outcome, failures), { root, results, newLock, emit });
      }
    });
  } finally {
    shells.close();
    await checker.cache.flush();
  }
  writeLock(join5(root, LOCK_FILE), newLock);
  if (checker.dvc)
    writeDvcLock(root, pipeline.stages, newLock, checker.dvc.md5, checker.readParams);
  clearLockJournal(root);
  checker.hashes.save();
  return {
    pipeline,
    dag,
    stages: Object.fromEntries(selected.map((name) => [name, results[name]])),
    failures,
    startedAt,
    finishedAt: /* @__PURE__ */ new Date(),
    hashes: checker.hashes,
    params: paramsSeen(pipeline, checker)
  };
}
function prepareState(root) {
  const dirs = stateDirs(root);
  mkdirSync2(dirs.logs, { recursive: true });
  const ignore = join5(root, ".cd4ml", ".gitignore");
  if (!existsSync2(ignore))
    writeFileSync(ignore, "# Written by cd4ml: local state, not for git.\n*\n");
  return dirs;
}
function finishOutcome(stage, outcome, failures) {
  if (!outcome.finish) return outcome;
  try {
    return { ...outcome, ...outcome.finish() };
  } catch (error) {
    failures.push({
      stage: stage.name,
      message: error.message,
      logFile: outcome.logFile
    });
    return {
      ...outcome,
      result: { ...outcome.result, status: "failed", reason: error.message }
    };
  }
}
function record(stage, outcome, {
  root,
  results,
  newLock,
  emit
}) {
  results[stage.name] = outcome.result;
  if (outcome.lock) {
    newLock.stages[stage.name] = outcome.lock;
    if (outcome.result.status === "ran" || outcome.result.status === "cached")
      journalLockEntry(root, stage.name, outcome.lock);
  }
  emit({ type: "finish", stage: stage.name, result: outcome.result, logFile: outcome.logFile });
}
function paramsSeen(pipeline, checker) {
  const params = {};
  for (const file of /* @__PURE__ */ new Set([
    DEFAULT_PARAMS_FILE,
    ...pipeline.stages.flatMap((s) => s.params.map((p) => p.file))
  ])) {
    const prefix = file === DEFAULT_PARAMS_FILE ? "" : `${file}:`;
    for (const [key, value] of Object.entries(flattenParams(checker.readParams(file) ?? {})))
      params[`${prefix}${key}`] = toScalar(value);
  }
  return params;
}

export {
  runPipeline
};
//# sourceMappingURL=chunk-3EVHP6CB.js.map
