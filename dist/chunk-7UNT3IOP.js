import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  DEFAULT_PARAMS_FILE,
  interpolateDeep,
  lookup,
  paramsReader
} from "./chunk-3IFHUBRS.js";
import {
  YamlSource,
  clip,
  pinpoint,
  suggest
} from "./chunk-G5DQXXPB.js";
import {
  _gte,
  _lte,
  _minLength,
  _positive,
  _regex,
  array,
  boolean,
  describe,
  int,
  nullable,
  number,
  optional,
  record,
  refine,
  strictObject,
  string,
  union,
  unknown
} from "./chunk-QSCNA3LF.js";
import {
  formatPath
} from "./chunk-3QTQQ26Y.js";
import {
  Cd4mlAggregateError,
  Cd4mlError
} from "./chunk-4AXHXC4F.js";

// core/pipeline/load.ts
import { readFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, posix, relative, resolve, sep } from "node:path";

// core/pipeline/schema.ts
var Path = string().check(_minLength(1, "must be a non-empty path"));
var OutFlags = strictObject({
  cache: optional(boolean()).check(describe("Store this out in the cache (default true; metrics default false).")),
  persist: optional(boolean()).check(describe("Keep the out in place before the stage runs (default false).")),
  desc: optional(string()),
  remote: optional(string()),
  push: optional(boolean())
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
  retries: optional(number().check(int(), _gte(0), _lte(10))).check(describe("cd4ml: how many times to retry a failed run.")),
  timeout: optional(Duration).check(describe("cd4ml: kill the stage (and its process tree) after this long.")),
  env: optional(record(string(), union([string(), number(), boolean()]))).check(describe("cd4ml: extra environment variables.")),
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
var MatrixStageDef = strictObject({
  matrix: record(string(), union([array(unknown()).check(_minLength(1)), string()])).check(nonEmpty("name at least one axis, e.g. `matrix: { model: [a, b] }`")),
  ...stageFields
});
var VarsEntry = union([string(), record(string(), unknown())]);
var topFields = {
  $schema: optional(string()),
  vars: optional(array(VarsEntry)).check(describe("Params files or inline values available to ${...} interpolation.")),
  model: optional(Path).check(describe("cd4ml: the deployable ONNX model file the pipeline produces.")),
  predictions: optional(Path).check(
    describe(
      "cd4ml: per-example predictions CSV (id,label,prediction[,score]) for significance tests."
    )
  ),
  stats: optional(array(Path)).check(describe("cd4ml: dataset statistics files (JSON/YAML) shown in the PR report.")),
  metrics: optional(array(Path)),
  plots: optional(array(PlotEntry)),
  params: optional(array(Path)),
  artifacts: optional(record(string(), unknown()))
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

// core/pipeline/load.ts
function loadPipeline(file) {
  const absolute = resolve(file);
  const root = dirname(absolute);
  const display = relative(process.cwd(), absolute) || basename(absolute);
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
  const source = YamlSource.parse(text, display, "E_SPEC");
  if (source.data === null || source.data === void 0) {
    throw new Cd4mlError("E_SPEC", "the pipeline file is empty", {
      location: { file: display, line: 1 },
      hint: "add a `stages:` section"
    });
  }
  const top = source.validate(PipelineTop, source.data, [], "E_SPEC");
  const readParams = paramsReader(root);
  const context = buildContext(root, top.vars ?? [], readParams, source);
  const sources = [
    DEFAULT_PARAMS_FILE,
    ...(top.vars ?? []).filter((v) => typeof v === "string").map((v) => v.split(":")[0] ?? "")
  ].map((f) => join(root, f));
  const errors = [];
  const stages = [];
  const paramChecks = [];
  for (const [name, raw] of Object.entries(top.stages)) {
    try {
      stages.push(...expandStage(name, raw, context, root, source, paramChecks));
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
    predictions: top.predictions === void 0 ? void 0 : normalise(root, "", top.predictions, source, ["predictions"]),
    stats: (top.stats ?? []).map((path, i) => normalise(root, "", path, source, ["stats", i])),
    metrics: (top.metrics ?? []).map(
      (path, i) => normalise(root, "", path, source, ["metrics", i])
    ),
    // Params files that stages name are inputs too: a cached pipeline must see them change.
    sources: [.../* @__PURE__ */ new Set([...sources, ...[...paramFiles].map((f) => join(root, f))])]
  };
  checkOuts(pipeline);
  return pipeline;
}
function buildContext(root, vars, readParams, source) {
  const context = {};
  const defaults = readParams(DEFAULT_PARAMS_FILE);
  if (isRecord(defaults)) Object.assign(context, defaults);
  for (const [i, entry] of vars.entries()) {
    if (typeof entry !== "string") {
      Object.assign(context, entry);
      continue;
    }
    const [file = "", keys] = entry.split(":", 2);
    const data = readParams(file);
    if (data === void 0) {
      throw source.error(
        "E_SPEC",
        ["vars", i],
        `vars file '${file}' does not exist`,
        `create ${file} or remove it from vars`
      );
    }
    if (!isRecord(data))
      throw source.error("E_SPEC", ["vars", i], `vars file '${file}' must hold a mapping`);
    if (keys === void 0) Object.assign(context, data);
    else for (const key of keys.split(",")) context[key.trim()] = data[key.trim()];
  }
  return context;
}
function expandStage(name, raw, context, root, source, paramChecks) {
  const path = ["stages", name];
  if ("foreach" in raw) {
    const def2 = source.validate(ForeachStageDef, raw, path, "E_SPEC");
    const items = resolveIterable(def2.foreach, context, [...path, "foreach"], source);
    return items.map(
      ({ key, item }) => buildStage(
        `${name}@${key}`,
        { name, key, values: asValues(item, "item") },
        def2.do,
        { ...context, item, key },
        root,
        source,
        [...path, "do"],
        paramChecks
      )
    );
  }
  if ("matrix" in raw) {
    const def2 = source.validate(MatrixStageDef, raw, path, "E_SPEC");
    const { matrix, ...body } = def2;
    const axes = Object.entries(matrix).map(([axis, values]) => {
      const list = typeof values === "string" ? resolveIterable(values, context, [...path, "matrix", axis], source).map((x) => x.item) : values;
      return { axis, list };
    });
    return cartesian(axes).map((combo) => {
      const key = axes.map(({ axis, list }) => {
        const value = combo[axis];
        return isScalar(value) ? String(value) : `${axis}${list.indexOf(value)}`;
      });
      return buildStage(
        `${name}@${key.join("-")}`,
        { name, key: key.join("-"), values: combo },
        body,
        { ...context, item: combo },
        root,
        source,
        path,
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
  const def = source.validate(StageDef, raw, path, "E_SPEC");
  return [buildStage(name, void 0, def, context, root, source, path, paramChecks)];
}
function resolveIterable(value, context, path, source) {
  const resolved = interpolateDeep(value, context, [...path], (at2, error) => {
    throw source.error("E_SPEC", at2, error.message, "define it in params.yaml or under vars");
  });
  if (Array.isArray(resolved)) {
    return resolved.map((item, i) => ({
      key: isScalar(item) ? String(item) : String(i),
      item
    }));
  }
  if (isRecord(resolved)) return Object.entries(resolved).map(([key, item]) => ({ key, item }));
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
function buildStage(name, group, def, context, root, source, path, paramChecks) {
  const body = interpolateDeep(def, context, [...path], (at2, error) => {
    throw new Cd4mlError(
      "E_INTERPOLATION",
      `bad interpolation in stage '${name}': ${error.message}`,
      {
        location: { ...source.locate(at2), field: at2.join(".") },
        hint: "define the key in params.yaml (or a vars file) or escape it as \\${...}"
      }
    );
  });
  const wdir = body.wdir === void 0 ? "" : normalise(root, "", body.wdir, source, [...path, "wdir"]);
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
  const params = [];
  for (const [i, entry] of (body.params ?? []).entries()) {
    const refs = [];
    if (typeof entry === "string") refs.push({ file: DEFAULT_PARAMS_FILE, key: entry });
    else
      for (const [file, keys] of Object.entries(entry)) {
        const rel = normalise(root, wdir, file, source, [...path, "params", i]);
        if (keys === null || keys.length === 0) refs.push({ file: rel, key: void 0 });
        else for (const key of keys) refs.push({ file: rel, key });
      }
    for (const ref of refs) paramChecks.push({ ref, field: [...path, "params", i] });
    params.push(...refs);
  }
  checkDepsAndOuts(name, body, wdir, outs, root, source, path);
  return {
    name,
    ...group ? { group } : {},
    cmd: (Array.isArray(body.cmd) ? body.cmd : [body.cmd]).map(String),
    wdir,
    deps: (body.deps ?? []).map(
      (dep, i) => normalise(root, wdir, String(dep), source, [...path, "deps", i])
    ),
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
function checkDepsAndOuts(name, body, wdir, outs, root, source, path) {
  const errors = [];
  for (const [i, dep] of (body.deps ?? []).entries()) {
    const depPath = normalise(root, wdir, String(dep), source, [...path, "deps", i]);
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
  return rel.split(sep).join(posix.sep) || ".";
}
function durationMs(value) {
  if (typeof value === "number") return value * 1e3;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/.exec(value);
  const amount = Number(match?.[1] ?? 0);
  const unit = { ms: 1, s: 1e3, m: 6e4, h: 36e5 }[match?.[2]];
  return amount * unit;
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
function isRecord(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
function isScalar(value) {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

export {
  loadPipeline,
  durationMs
};
//# sourceMappingURL=chunk-7UNT3IOP.js.map
