import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  isRecord,
  isScalar
} from "./chunk-FUOVACPP.js";
import {
  profileFormat
} from "./chunk-D5TB2756.js";
import {
  DEFAULT_PARAMS_FILE,
  InterpolationError,
  PYTHON_YAML_SCHEMA,
  PyFloat,
  interpolateDeep,
  interpolateString,
  lookup,
  paramsReader,
  pyStr,
  unbox
} from "./chunk-FS7TKNHZ.js";
import {
  YamlSource,
  clip,
  pinpoint,
  suggest
} from "./chunk-MD63NX4Y.js";
import {
  PARSE_LIMITS,
  formatPath
} from "./chunk-YNU33C6K.js";
import {
  Cd4mlAggregateError,
  Cd4mlError
} from "./chunk-3SVN66WC.js";
import {
  _default,
  _enum,
  array,
  boolean,
  describe,
  int,
  literal,
  looseObject,
  nullable,
  number,
  optional,
  record,
  refine,
  strictObject,
  string,
  superRefine,
  union,
  unknown
} from "./chunk-2UBMXQPT.js";
import {
  _gte,
  _lte,
  _minLength,
  _nonnegative,
  _positive,
  _regex
} from "./chunk-BV3ZQNLS.js";

// core/pipeline/load.ts
import { readFileSync } from "node:fs";
import { basename, dirname, join, relative as relative2, resolve as resolve2 } from "node:path";

// core/pipeline/checks.ts
import { posix } from "node:path";
function checkParams(checks, stages, readParams, source) {
  const outs = new Set(stages.flatMap((stage) => stage.outs.map((out) => out.path)));
  const written = (file) => {
    for (let path = file; path !== "." && path !== "/" && path !== ""; path = posix.dirname(path))
      if (outs.has(path)) return true;
    return outs.has(".");
  };
  const errors = [];
  for (const { ref, field } of checks) {
    if (written(ref.file)) continue;
    try {
      checkParam(ref, readParams, source, field);
    } catch (error) {
      if (!(error instanceof Cd4mlError)) throw error;
      errors.push(error);
    }
  }
  return errors;
}
function checkParam(ref, readParams, source, field) {
  const data = readParams(ref.file);
  if (data === void 0) {
    throw source.error(
      "E_PARAMS",
      field,
      `params file '${ref.file}' does not exist`,
      `create ${ref.file}, or remove it from the stage's params`
    );
  }
  if (ref.key === void 0 || lookup(isRecord(data) ? data : {}, ref.key).found) return;
  const known = paramKeys(data);
  const suggestion = suggest(ref.key, known);
  throw source.error(
    "E_PARAMS",
    field,
    `param '${clip(ref.key)}' is not in ${ref.file}`,
    suggestion ? `did you mean '${suggestion}'?` : `add it to ${ref.file}${known.length > 0 ? ` (it has ${known.slice(0, 5).join(", ")}${known.length > 5 ? ", \u2026" : ""})` : ""}`
  );
}
function paramKeys(data, prefix = "", out = []) {
  if (!isRecord(data) || out.length > 1e4) return out;
  for (const [key, value] of Object.entries(data)) {
    const name = prefix ? `${prefix}.${key}` : key;
    out.push(name);
    paramKeys(value, name, out);
  }
  return out;
}
function checkDepsAndOuts(name, deps, outs, source, path) {
  const errors = [];
  for (const [i, depPath] of deps.entries()) {
    const out = outs.find((o) => o.path === depPath || isInside(depPath, o.path));
    if (!out) continue;
    errors.push(
      source.error(
        "E_SPEC",
        [...path, "deps", i],
        out.path === depPath ? `'${depPath}' is both a dep and an out of stage '${name}'` : `dep '${depPath}' of stage '${name}' is inside its out '${out.path}'`,
        "a stage cannot read what it writes (its outs are removed before it runs): write to a new path, or drop the dep"
      )
    );
  }
  if (errors.length > 0) throw new Cd4mlAggregateError(errors);
}
function isInside(path, dir) {
  return dir === "." ? path !== "." : path.startsWith(`${dir}/`);
}
function unique(errors) {
  const seen = /* @__PURE__ */ new Set();
  return errors.filter((e) => !seen.has(e.message) && Boolean(seen.add(e.message)));
}
function checkOuts(pipeline) {
  const owners = /* @__PURE__ */ new Map();
  const errors = [];
  const lineOf = (owner) => pinpoint(owner.stage.outLocations[owner.index] ?? owner.stage.location).line ?? "?";
  for (const stage of pipeline.stages) {
    for (const [index, out] of stage.outs.entries()) {
      const location = () => pinpoint(stage.outLocations[index] ?? stage.location);
      const previous = owners.get(out.path);
      if (previous) {
        errors.push(
          new Cd4mlError(
            "E_SPEC",
            `out '${out.path}' of stage '${stage.name}' is already an out of stage '${previous.stage.name}' (line ${lineOf(previous)})`,
            {
              location: location(),
              hint: "each file is written by one stage: rename one of the outs"
            }
          )
        );
        continue;
      }
      owners.set(out.path, { stage, index });
    }
  }
  for (const [path, owner] of owners) {
    for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
      const outer = owners.get(dir);
      if (outer && outer !== owner) {
        errors.push(
          new Cd4mlError(
            "E_SPEC",
            `out '${path}' of stage '${owner.stage.name}' is inside out '${dir}' of stage '${outer.stage.name}' (line ${lineOf(outer)})`,
            {
              location: pinpoint(owner.stage.outLocations[owner.index] ?? owner.stage.location),
              hint: "outs may not overlap: write the file outside that directory, or make one stage write both"
            }
          )
        );
        break;
      }
      if (dir === "." || dir === "/" || dir === "") break;
    }
  }
  if (errors.length > 0) throw new Cd4mlAggregateError(errors);
}

// core/pipeline/context.ts
import { posix as posix2 } from "node:path";
function buildContext(vars, opts) {
  const ctx = {
    data: {},
    origins: /* @__PURE__ */ new Map(),
    imports: /* @__PURE__ */ new Map(),
    reserved: /* @__PURE__ */ new Set()
  };
  const where = { ...opts, wdir: "", path: ["vars"] };
  if (opts.readParams(DEFAULT_PARAMS_FILE) !== void 0)
    mergeFile(ctx, DEFAULT_PARAMS_FILE, where, void 0);
  loadVars(ctx, vars, where);
  return ctx;
}
function cloneContext(ctx, extra = {}, reserve = false) {
  const data = copyMappings({ ...ctx.data, ...extra });
  return {
    data,
    origins: new Map(ctx.origins),
    imports: new Map([...ctx.imports].map(([k, v]) => [k, v && [...v]])),
    reserved: /* @__PURE__ */ new Set([...ctx.reserved, ...reserve ? Object.keys(extra) : []])
  };
}
function loadVars(ctx, vars, opts) {
  for (const [i, entry] of vars.entries()) {
    const at2 = [...opts.path, i];
    if (JSON.stringify(entry).includes("${"))
      throw opts.source.error(
        "E_SPEC",
        at2,
        "interpolating is not allowed in vars",
        "vars are what ${...} reads: write the value, or the file name, as it is"
      );
    if (typeof entry !== "string") {
      const origin = `${opts.stageName ? `${opts.stageName}.` : ""}vars[${i}]`;
      mergeInto(ctx, entry, origin, opts, at2);
      continue;
    }
    const colon = entry.indexOf(":");
    const file = colon === -1 ? entry : entry.slice(0, colon);
    const keys = colon === -1 ? void 0 : entry.slice(colon + 1).split(",").map((key) => key.trim()).filter(Boolean);
    mergeFile(ctx, file, { ...opts, path: at2 }, keys && keys.length > 0 ? keys : void 0);
  }
}
function mergeFile(ctx, file, opts, keys) {
  const { source, path } = opts;
  const rel = posix2.normalize(posix2.join(opts.wdir || ".", file));
  const loaded = ctx.imports.get(rel);
  if (loaded !== void 0) {
    if (!keys && loaded === null) return;
    const partly = loaded !== null && (!keys || keys.some((key) => loaded.includes(key)));
    if (partly || keys && loaded === null)
      throw source.error(
        "E_SPEC",
        path,
        partly ? `cannot load '${file}' as it is partially loaded already` : `cannot partially load '${file}' as it is already loaded`,
        "name each file once in vars (or select disjoint keys)"
      );
  }
  const data = opts.readParams(rel);
  if (data === void 0)
    throw source.error(
      "E_SPEC",
      path,
      `vars file '${rel}' does not exist`,
      `create ${rel} or remove it from vars`
    );
  if (!isRecord(data)) throw source.error("E_SPEC", path, `vars file '${rel}' must hold a mapping`);
  let selected = data;
  if (keys) {
    const missing = keys.find((key) => !Object.hasOwn(data, key));
    if (missing !== void 0)
      throw source.error(
        "E_SPEC",
        path,
        `could not find '${missing}' in '${rel}'`,
        `the keys of ${rel} are ${Object.keys(data).slice(0, 8).join(", ") || "(none)"}`
      );
    selected = Object.fromEntries(keys.map((key) => [key, data[key]]));
  }
  mergeInto(ctx, selected, rel, opts, path);
  ctx.imports.set(rel, keys ? [...ctx.imports.get(rel) ?? [], ...keys] : null);
}
function mergeInto(ctx, update, origin, { source }, at2) {
  const reserved = Object.keys(update).filter((key) => ctx.reserved.has(key));
  if (reserved.length > 0)
    throw source.error(
      "E_SPEC",
      at2,
      `attempted to modify reserved key${reserved.length > 1 ? "s" : ""} ${reserved.map((k) => `'${k}'`).join(", ")}`,
      "item and key are set by foreach/matrix: name the variable differently"
    );
  const walk = (into, from, prefix) => {
    for (const [key, value] of Object.entries(from)) {
      const name = prefix ? `${prefix}.${key}` : key;
      const existing = into[key];
      if (isRecord(existing) && isRecord(value)) walk(existing, value, name);
      else if (Object.hasOwn(into, key))
        throw source.error(
          "E_SPEC",
          at2,
          `cannot redefine '${name}' from '${origin}' as it already exists in '${originOf(ctx, name)}'`,
          "each variable is defined once: rename one, or drop it from one of the files (DVC merges vars, it does not override)"
        );
      else {
        into[key] = copyMappings(value);
        ctx.origins.set(name, origin);
      }
    }
  };
  walk(ctx.data, update, "");
}
function originOf(ctx, name) {
  for (let at2 = name; ; at2 = at2.slice(0, at2.lastIndexOf("."))) {
    const origin = ctx.origins.get(at2);
    if (origin !== void 0) return origin;
    if (!at2.includes(".")) return "<local>";
  }
}
function copyMappings(value) {
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyMappings(v)]));
}
function trackedParams(fields, ctx) {
  const refs = /* @__PURE__ */ new Map();
  for (const match of JSON.stringify(fields).matchAll(/(\\\\)?\$\{\s*([^}|]*?)\s*(\|[^}]*)?\}/g)) {
    if (match[1]) continue;
    const key = (match[2] ?? "").replaceAll("[", ".").replaceAll("]", "");
    const { found, value } = lookup(ctx.data, key);
    const file = found ? originOf(ctx, key) : void 0;
    if (file === void 0 || !ctx.imports.has(file)) continue;
    const keys = isRecord(value) ? Object.keys(flattenLeaves(value, key)) : [key];
    for (const k of keys) refs.set(`${file}\0${k}`, { file, key: k });
  }
  return [...refs.values()];
}
function flattenLeaves(value, prefix, out = {}) {
  if (isRecord(value))
    for (const [k, v] of Object.entries(value)) flattenLeaves(v, `${prefix}.${k}`, out);
  else out[prefix] = true;
  return out;
}

// core/pipeline/normalise.ts
import { isAbsolute, posix as posix3, relative, resolve, sep } from "node:path";

// core/pipeline/check-schema.ts
var FILE_CHECKS = ["min_rows", "max_null_rate"];
var COLUMN_CHECKS = ["type", "min", "max", "allowed", "unique"];
var CheckType = _enum(["integer", "number", "boolean", "date", "string"]);
var Scalar = union([string(), number(), boolean()]);
var StageCheckDef = strictObject({
  data: string().check(
    _minLength(1, "must be a non-empty path"),
    describe(
      "One of this stage's outs (CSV, TSV, JSON Lines or Parquet), or a file inside a directory out, relative to wdir."
    )
  ),
  column: optional(string().check(_minLength(1))).check(describe("The column checked (for max_null_rate: default every column).")),
  min_rows: optional(int().check(_nonnegative())).check(describe("The file must have at least this many rows.")),
  max_null_rate: optional(number().check(_gte(0), _lte(1))).check(describe("Largest allowed share of empty values, 0 to 1.")),
  type: optional(CheckType).check(
    describe("Every non-empty value must be of this type (an integer is also a number).")
  ),
  min: optional(number()).check(describe("Every non-empty value must be a number at least this.")),
  max: optional(number()).check(describe("Every non-empty value must be a number at most this.")),
  allowed: optional(array(Scalar).check(_minLength(1))).check(describe("Every non-empty value must be one of these.")),
  unique: optional(literal(true)).check(describe("No non-empty value may appear twice."))
}).check(superRefine(checkShape));
function checkShape(check, ctx) {
  const has = (keys) => keys.filter((k) => check[k] !== void 0);
  const all = [...FILE_CHECKS, ...COLUMN_CHECKS];
  if (has(all).length === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["data"],
      message: `check on "${check.data}" tests nothing: add one of ${all.join(", ")}`
    });
    return;
  }
  const needColumn = has(COLUMN_CHECKS);
  if (needColumn.length > 0 && check.column === void 0)
    ctx.addIssue({
      code: "custom",
      path: [needColumn[0]],
      message: `${needColumn[0]} checks one column: add \`column: <name>\``
    });
  if (check.min !== void 0 && check.max !== void 0 && check.min > check.max)
    ctx.addIssue({ code: "custom", path: ["max"], message: `max is below min (${check.min})` });
}

// core/pipeline/schema.ts
var Path = string().check(_minLength(1, "must be a non-empty path"));
var OutFlags = strictObject({
  cache: optional(boolean()).check(describe("Store this out in the cache (default true; metrics default false).")),
  persist: optional(boolean()).check(describe("Keep the out in place before the stage runs (default false).")),
  // DVC's annotations and remote settings: accepted, kept out of cd4ml's behaviour.
  desc: optional(string()),
  type: optional(string()),
  labels: optional(array(string())),
  meta: optional(unknown()),
  remote: optional(string()),
  push: optional(boolean()),
  checkpoint: optional(boolean())
});
var OutEntry = union([Path, record(Path, nullable(OutFlags))]);
var ParamsEntry = union([
  string().check(_minLength(1)),
  record(Path, nullable(array(string())))
]);
var PlotEntry = union([Path, record(string(), unknown())]);
var Cmd = union([
  string().check(_minLength(1, "must not be empty")),
  array(string().check(_minLength(1))).check(_minLength(1, "must list at least one command"))
]);
var Duration = union([
  number().check(_positive()),
  string().check(
    _regex(
      /^\d+(\.\d+)?\s*(ms|s|m|h)$/,
      "must be a number of seconds or a duration like 90s, 15m, 2h"
    )
  )
]);
var VarsEntry = union([string(), record(string(), unknown())]);
var VarsList = array(VarsEntry);
var stageFields = {
  cmd: Cmd.check(describe("Shell command(s) the stage runs, from `wdir`.")),
  wdir: optional(string()).check(describe("Directory the command runs in, relative to the pipeline file.")),
  deps: optional(array(Path)).check(describe("Files or directories the stage reads.")),
  params: optional(array(ParamsEntry)).check(describe("Parameter keys the stage depends on.")),
  outs: optional(array(OutEntry)).check(describe("Files or directories the stage writes.")),
  metrics: optional(array(OutEntry)).check(describe("Metrics files (JSON or YAML) the stage writes.")),
  plots: optional(array(PlotEntry)),
  frozen: optional(boolean()).check(describe("Never run this stage; use its outs as they are.")),
  always_changed: optional(boolean()).check(describe("Run this stage every time.")),
  desc: optional(string()),
  meta: optional(unknown()),
  vars: optional(array(VarsEntry)).check(
    describe("This stage's own vars, merged into the pipeline's (files relative to wdir).")
  ),
  retries: optional(number().check(int(), _gte(0), _lte(10))).check(describe("cd4ml: how many times to retry a failed run.")),
  timeout: optional(Duration).check(describe("cd4ml: kill the stage (and its process tree) after this long.")),
  env: optional(record(string(), union([string(), number(), boolean()]))).check(describe("cd4ml: extra environment variables.")),
  checks: optional(array(StageCheckDef)).check(
    describe(
      "cd4ml: checks on the tabular outs after the command (min_rows, max_null_rate, type, min, max, allowed, unique); a failing check fails the stage."
    )
  ),
  "runs-on": optional(union([string(), array(string())])).check(
    describe("cd4ml: GitHub Actions runner labels for this stage when compiled to a workflow.")
  )
};
var StageDef = strictObject(stageFields);
var DoDef = strictObject(stageFields);
var ForeachStageDef = strictObject({
  foreach: union([
    array(unknown()).check(_minLength(1)),
    record(string(), unknown()).check(nonEmpty("list at least one item")),
    string()
  ]),
  do: DoDef
});
function nonEmpty(what) {
  return refine((value) => Object.keys(value).length > 0, `must ${what}`);
}
var ForeachShape = strictObject({
  foreach: ForeachStageDef.shape.foreach,
  do: record(string(), unknown())
});
var MatrixStageDef = strictObject({
  matrix: record(string(), union([array(unknown()).check(_minLength(1)), string()])).check(nonEmpty("name at least one axis, e.g. `matrix: { model: [a, b] }`")),
  ...stageFields
});
var topFields = {
  $schema: optional(string()),
  vars: optional(array(VarsEntry)).check(describe("Params files or inline values available to ${...} interpolation.")),
  model: optional(Path).check(describe("cd4ml: the deployable ONNX model file the pipeline produces.")),
  predictions: optional(
    union([
      Path,
      strictObject({
        file: Path.check(describe("The predictions CSV, relative to the pipeline file.")),
        slices: _default(array(string().check(_minLength(1))), []).check(
          describe(
            "Columns of the predictions CSV whose values are slices (region, device): compare computes each metric per slice value."
          )
        )
      })
    ])
  ).check(
    describe(
      "cd4ml: per-example predictions CSV (id,label,prediction[,score] and any slice columns) for significance tests; a path, or { file, slices }."
    )
  ),
  stats: optional(array(Path)).check(describe("cd4ml: dataset statistics files (JSON/YAML) shown in the PR report.")),
  environment: optional(
    strictObject({
      files: optional(array(Path)).check(
        describe(
          "Files that define the environment (conda.yaml, requirements.txt, a lockfile); their hashes go in the run record."
        )
      ),
      image: optional(string().check(_minLength(1))).check(
        describe(
          "The container image the stages run in; pin it by digest (name@sha256:\u2026) so reproduce can compare it."
        )
      )
    })
  ).check(
    describe(
      "cd4ml: what defines the environment (MLproject conda_env / docker_env); a reproduction of a run compares it."
    )
  ),
  metrics: optional(array(Path)),
  plots: optional(array(PlotEntry)),
  params: optional(array(Path)),
  artifacts: optional(record(string(), unknown())),
  datasets: optional(unknown())
};
var StageName = string().check(
  _regex(
    /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/,
    "stage names use ASCII letters, digits, _, - and . only (no spaces), and start with a letter, digit or _"
  )
);
var PipelineTop = strictObject({
  ...topFields,
  stages: record(
    StageName,
    record(string(), unknown()),
    "must be a mapping of stage name \u2192 stage"
  )
});
var PipelineFile = strictObject({
  ...topFields,
  stages: record(StageName, union([StageDef, ForeachStageDef, MatrixStageDef]))
});

// core/pipeline/normalise.ts
function buildStage(name, group, raw, outer, site, paramChecks) {
  const { root, source, path } = site;
  const { wdir, body, tracked } = resolveStage(name, raw, outer, site);
  const where = { root, wdir, source, path };
  const { outs, outLocations } = stageOuts(body, where);
  const params = stageParams(body, where, paramChecks);
  const deps = (body.deps ?? []).map(
    (dep, i) => normalise(root, wdir, String(dep), source, [...path, "deps", i])
  );
  checkDepsAndOuts(name, deps, outs, source, path);
  const checks = stageChecks(body, outs, where);
  return {
    name,
    ...group ? { group: { ...group, values: unbox(group.values) } } : {},
    // As DVC runs it (dvc/stage/run.py): a list item is one command; a string is split
    // into lines, each its own command, run in order, each of which must succeed.
    cmd: Array.isArray(body.cmd) ? body.cmd : body.cmd.split(/\r?\n/).filter((line) => line.trim() !== ""),
    lockCmd: body.cmd,
    ...tracked.length > 0 ? { trackedParams: tracked } : {},
    wdir,
    deps,
    outs,
    // DVC's stage plots: `path` or `{path: {x, y, template…}}`.
    plots: (body.plots ?? []).flatMap(
      (entry, i) => (typeof entry === "string" ? [entry] : Object.keys(entry)).map(
        (plot) => normalise(root, wdir, plot, source, [...path, "plots", i])
      )
    ),
    params,
    frozen: body.frozen ?? false,
    alwaysChanged: body.always_changed ?? false,
    checks,
    retries: body.retries ?? 0,
    timeoutMs: body.timeout === void 0 ? void 0 : durationMs(body.timeout),
    env: Object.fromEntries(Object.entries(body.env ?? {}).map(([k, v]) => [k, String(v)])),
    runsOn: body["runs-on"] === void 0 ? void 0 : [body["runs-on"]].flat(),
    desc: body.desc,
    location: at(source, path.at(-1) === "do" ? path.slice(0, -1) : path),
    timeoutLocation: body.timeout === void 0 ? void 0 : at(source, [...path, "timeout"]),
    depLocations: (body.deps ?? []).map((_, i) => at(source, [...path, "deps", i])),
    outLocations
  };
}
function resolveStage(name, raw, outer, site) {
  const { root, source, path } = site;
  const onError = (at2, error) => {
    throw new Cd4mlError(
      "E_INTERPOLATION",
      `bad interpolation in stage '${name}': ${error.message}`,
      {
        location: { ...source.locate(at2), field: at2.join(".") },
        hint: "define the key in params.yaml (or a vars file) or escape it as \\${...}"
      }
    );
  };
  const rawWdir = raw.wdir === void 0 ? void 0 : interpolateDeep(raw.wdir, outer.data, [...path, "wdir"], onError);
  const wdir = isScalar(rawWdir) && typeof rawWdir !== "boolean" ? normalise(root, "", pyStr(rawWdir), source, [...path, "wdir"]) : "";
  const { vars, ...fields } = raw;
  let ctx = outer;
  if (vars !== void 0) {
    const list = source.validate(VarsList, vars, [...path, "vars"], "E_SPEC");
    ctx = cloneContext(outer);
    loadVars(ctx, list, {
      wdir,
      readParams: site.readVars,
      source,
      path: [...path, "vars"],
      stageName: name
    });
  }
  const resolved = {};
  for (const [key, value] of Object.entries(fields)) {
    const at2 = [...path, key];
    const out = key === "wdir" ? rawWdir : interpolateDeep(value, ctx.data, at2, onError, key === "cmd");
    checkWhole(value, out, key, at2, onError);
    resolved[key] = out;
  }
  const body = source.validate(StageDef, unbox(resolved), path, "E_SPEC");
  return { wdir, body, tracked: trackedParams(fields, ctx) };
}
function checkWhole(before, after, key, at2, onError) {
  const walk = (b, a, where) => {
    if (typeof b === "string") {
      if (b.includes("${") && a !== b && typeof a === "object" && a !== null && !(a instanceof PyFloat)) {
        if (key === "cmd" && isRecord(a)) return;
        onError(
          where,
          new InterpolationError(
            `cannot interpolate data of type '${Array.isArray(a) ? "list" : "dict"}' into ${key}`,
            b
          )
        );
      }
      return;
    }
    if (Array.isArray(b) && Array.isArray(a))
      b.forEach((item, i) => walk(item, a[i], [...where, i]));
    else if (isRecord(b) && isRecord(a)) {
      const values = Object.values(a);
      Object.values(b).forEach((item, i) => walk(item, values[i], where));
    }
  };
  walk(before, after, at2);
}
function stageOuts(body, { root, wdir, source, path }) {
  const outs = [];
  const outLocations = [];
  for (const [field, metric] of [
    ["outs", false],
    ["metrics", true],
    ["plots", false]
  ]) {
    for (const [i, entry] of (body[field] ?? []).entries()) {
      const [rawPath, value] = typeof entry === "string" ? [entry, null] : Object.entries(entry)[0] ?? ["", null];
      const flags = new Map(
        typeof value === "object" && value !== null ? Object.entries(value) : []
      );
      const outPath = normalise(root, wdir, String(rawPath), source, [...path, field, i]);
      if (field === "plots" && outs.some((out) => out.path === outPath)) continue;
      outs.push({
        path: outPath,
        cache: typeof flags.get("cache") === "boolean" ? flags.get("cache") === true : !metric,
        persist: flags.get("persist") === true,
        metric
      });
      outLocations.push(at(source, [...path, field, i]));
    }
  }
  return { outs, outLocations };
}
function stageChecks(body, outs, { root, wdir, source, path }) {
  return (body.checks ?? []).map(({ data, ...rest }, i) => {
    const field = [...path, "checks", i, "data"];
    const file = normalise(root, wdir, data, source, field);
    const owner = outs.find(
      (out) => !out.metric && (out.path === file || file.startsWith(`${out.path}/`))
    );
    if (!owner) {
      const listed = outs.filter((o) => !o.metric).map((o) => o.path);
      throw source.error(
        "E_SPEC",
        field,
        `check on '${data}': it is not an out of this stage`,
        listed.length > 0 ? `check one of its outs (${listed.join(", ")}), or add '${data}' to its outs` : `add '${data}' to the stage's outs`
      );
    }
    if (!profileFormat(file))
      throw source.error(
        "E_SPEC",
        field,
        `check on '${data}': only tabular files are checked`,
        "name a .csv, .tsv, .jsonl or .parquet file"
      );
    return { ...rest, data: file, location: at(source, [...path, "checks", i]) };
  });
}
function stageParams(body, { root, wdir, source, path }, paramChecks) {
  const params = [];
  for (const [i, entry] of (body.params ?? []).entries()) {
    const refs = [];
    const defaultFile = normalise(root, wdir, DEFAULT_PARAMS_FILE, source, [...path, "params", i]);
    if (typeof entry === "string") refs.push({ file: defaultFile, key: entry });
    else
      for (const [file, keys] of Object.entries(entry)) {
        const rel = normalise(root, wdir, file, source, [...path, "params", i]);
        if (keys === null || keys.length === 0) refs.push({ file: rel, key: void 0 });
        else for (const key of keys) refs.push({ file: rel, key });
      }
    for (const ref of refs) paramChecks.push({ ref, field: [...path, "params", i] });
    params.push(...refs);
  }
  return params;
}
function at(source, path) {
  return { file: source.file, field: formatPath(path), path: [...path] };
}
function normalise(root, wdir, path, source, field) {
  const absolute = isAbsolute(path) ? path : resolve(root, wdir, path);
  const rel = relative(root, absolute);
  if (rel.startsWith("..") || isAbsolute(rel)) {
    throw source.error(
      "E_SPEC",
      field,
      `path '${path}' is outside the repository`,
      "stages may only read and write inside the pipeline directory"
    );
  }
  return rel.split(sep).join(posix3.sep) || ".";
}
function durationMs(value) {
  if (typeof value === "number") return value * 1e3;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/.exec(value);
  const amount = Number(match?.[1] ?? 0);
  const unit = { ms: 1, s: 1e3, m: 6e4, h: 36e5 }[match?.[2]];
  return amount * unit;
}

// core/pipeline/expand.ts
var MatrixShape = looseObject({ matrix: MatrixStageDef.shape.matrix });
function expandStage(name, raw, ctx, site, paramChecks) {
  const { source } = site;
  const path = ["stages", name];
  if ("foreach" in raw) {
    const def = source.validate(ForeachShape, raw, path, "E_SPEC");
    const resolved = resolveIterable(def.foreach, ctx, [...path, "foreach"], source);
    return resolved.items.map(
      ({ key, item }) => buildStage(
        `${name}@${key}`,
        { name, key, values: asValues(item, "item") },
        def.do,
        cloneContext(ctx, resolved.mapping ? { item, key } : { item }, true),
        { ...site, path: [...path, "do"] },
        paramChecks
      )
    );
  }
  if ("matrix" in raw) {
    const { matrix, ...body } = source.validate(MatrixShape, raw, path, "E_SPEC");
    const axes = Object.entries(matrix).map(([axis, values]) => {
      const list = typeof values === "string" ? resolveIterable(values, ctx, [...path, "matrix", axis], source).items.map((x) => x.item) : values;
      return { axis, list };
    });
    return cartesian(axes).map((combo) => {
      const key = axes.map(({ axis, list }) => {
        const value = combo[axis];
        return isScalar(value) || value === null ? pyStr(value) : `${axis}${list.indexOf(value)}`;
      }).join("-");
      return buildStage(
        `${name}@${key}`,
        { name, key, values: combo },
        body,
        cloneContext(ctx, { item: combo, key }, true),
        { ...site, path },
        paramChecks
      );
    });
  }
  if (!("cmd" in raw) && !StageDef.safeParse(raw).error?.issues.some((issue) => issue.code === "unrecognized_keys")) {
    throw source.error(
      "E_SPEC",
      path,
      `stage '${name}' has no cmd`,
      "add `cmd: <shell command>` (or `foreach`/`matrix` with `do`)",
      { key: true }
    );
  }
  return [buildStage(name, void 0, raw, ctx, { ...site, path }, paramChecks)];
}
function resolveIterable(value, ctx, path, source) {
  const resolved = interpolateDeep(value, ctx.data, [...path], (at2, error) => {
    throw source.error("E_SPEC", at2, error.message, "define it in params.yaml or under vars");
  });
  if (Array.isArray(resolved)) {
    const list = resolved;
    const byIndex = list.some((item) => Array.isArray(item) || isRecord(item));
    return {
      items: list.map((item, i) => ({ key: byIndex ? String(i) : pyStr(item), item })),
      mapping: false
    };
  }
  if (isRecord(resolved))
    return { items: Object.entries(resolved).map(([key, item]) => ({ key, item })), mapping: true };
  throw source.error("E_SPEC", path, "foreach must be a list, a mapping, or ${...} naming one");
}
function cartesian(axes) {
  let combos = [{}];
  for (const { axis, list } of axes)
    combos = combos.flatMap((combo) => list.map((value) => ({ ...combo, [axis]: value })));
  return combos;
}
function asValues(item, name) {
  return isRecord(item) ? item : { [name]: item };
}

// core/pipeline/load.ts
function loadPipeline(file) {
  const absolute = resolve2(file);
  const root = dirname(absolute);
  const display = relative2(process.cwd(), absolute) || basename(absolute);
  let text;
  try {
    text = readFileSync(absolute, "utf8");
  } catch (error) {
    throw new Cd4mlError(
      "E_SPEC",
      `cannot read the pipeline file (${error.code ?? "error"})`,
      {
        location: { file: display },
        hint: "run cd4ml from the directory holding cd4ml.yaml, or pass -f path/to/cd4ml.yaml"
      }
    );
  }
  const source = YamlSource.parse(text, display, "E_SPEC", PARSE_LIMITS, PYTHON_YAML_SCHEMA);
  if (source.data === null || source.data === void 0) {
    throw new Cd4mlError("E_SPEC", "the pipeline file is empty", {
      location: { file: display, line: 1 },
      hint: "add a `stages:` section"
    });
  }
  const top = source.validate(PipelineTop, source.data, [], "E_SPEC");
  const readParams = paramsReader(root);
  const varsFiles = /* @__PURE__ */ new Set([DEFAULT_PARAMS_FILE]);
  const readPython = paramsReader(root, void 0, PYTHON_YAML_SCHEMA);
  const readVars = (f) => {
    varsFiles.add(f);
    return readPython(f);
  };
  const context = buildContext(top.vars ?? [], { readParams: readVars, source });
  const errors = [];
  const stages = [];
  const paramChecks = [];
  for (const [name, raw] of Object.entries(top.stages)) {
    try {
      stages.push(...expandStage(name, raw, context, { root, source, readVars }, paramChecks));
    } catch (error) {
      if (error instanceof Cd4mlAggregateError) errors.push(...error.errors);
      else if (error instanceof Cd4mlError) errors.push(error);
      else throw error;
    }
  }
  if (errors.length === 0) errors.push(...checkParams(paramChecks, stages, readParams, source));
  if (errors.length > 0) throw new Cd4mlAggregateError(unique(errors));
  const paramFiles = new Set(stages.flatMap((stage) => stage.params.map((ref) => ref.file)));
  const pipeline = {
    file: absolute,
    root,
    stages,
    model: top.model === void 0 ? void 0 : normalise(root, "", top.model, source, ["model"]),
    ...predictionsOf(top.predictions, root, source),
    stats: (top.stats ?? []).map((path, i) => normalise(root, "", path, source, ["stats", i])),
    environment: {
      files: (top.environment?.files ?? []).map(
        (path, i) => normalise(root, "", path, source, ["environment", "files", i])
      ),
      image: top.environment?.image
    },
    // Top-level metrics are interpolated too, as in DVC.
    metrics: (top.metrics ?? []).map(
      (path, i) => normalise(root, "", topLevel(path, context, source, ["metrics", i]), source, ["metrics", i])
    ),
    // Params files that stages name are inputs too: a cached pipeline must see them change.
    sources: [.../* @__PURE__ */ new Set([...varsFiles, ...paramFiles])].map((f) => join(root, f))
  };
  checkOuts(pipeline);
  return pipeline;
}
function predictionsOf(entry, root, source) {
  if (entry === void 0) return { predictions: void 0, predictionSlices: [] };
  if (typeof entry === "string")
    return {
      predictions: normalise(root, "", entry, source, ["predictions"]),
      predictionSlices: []
    };
  return {
    predictions: normalise(root, "", entry.file, source, ["predictions", "file"]),
    predictionSlices: [...new Set(entry.slices)]
  };
}
function topLevel(path, ctx, source, field) {
  try {
    return pyStr(interpolateString(path, ctx.data));
  } catch (error) {
    throw source.error(
      "E_INTERPOLATION",
      field,
      error.message,
      "define the key in params.yaml or under vars"
    );
  }
}

export {
  loadPipeline
};
//# sourceMappingURL=chunk-Z7G62K3E.js.map
