import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  sha256File
} from "./chunk-A3HKKEC7.js";
import {
  stateDirs
} from "./chunk-TEQHPD2R.js";
import {
  producerIndex
} from "./chunk-5Z3I24KP.js";
import {
  profileFile,
  profileFormat
} from "./chunk-OE7PDYP2.js";
import {
  flattenParams,
  toScalar
} from "./chunk-NNWR7ZNT.js";
import {
  DEFAULT_PARAMS_FILE
} from "./chunk-OVJAGWQD.js";
import {
  RECORD_FILE,
  saveRun
} from "./chunk-X46WCV4H.js";
import {
  wo
} from "./chunk-MWFTLBHP.js";
import {
  ProfileEntry
} from "./chunk-YELAXUXB.js";
import {
  readTextIfPresent
} from "./chunk-FDRDYCY3.js";
import {
  RUN_RECORD_SCHEMA
} from "./chunk-KWKVIQUA.js";
import {
  YamlSource
} from "./chunk-P4FB7NFE.js";
import {
  PARSE_LIMITS
} from "./chunk-GLCB3FVJ.js";
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";

// core/runner/record.ts
import { randomUUID } from "node:crypto";
import { existsSync as existsSync3, readFileSync as readFileSync2, renameSync as renameSync2, writeFileSync as writeFileSync4 } from "node:fs";
import { dirname, join as join4 } from "node:path";

// core/runner/environment.ts
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { arch, platform, release } from "node:os";
import { delimiter, join } from "node:path";
var LOCKFILES = [
  "package-lock.json",
  "pnpm-lock.yaml",
  "yarn.lock",
  "poetry.lock",
  "uv.lock",
  "Pipfile.lock",
  "environment.yml",
  "environment.yaml",
  "conda.yaml",
  "conda.yml",
  "conda-lock.yml",
  "python_env.yaml"
];
var REQUIREMENTS = /^requirements[\w.-]*\.txt$/;
async function gitState(root) {
  const git = wo({ baseDir: root, completion: { onExit: false, onClose: true } });
  try {
    const [status, remote] = await Promise.all([
      git.raw(["status", "--porcelain=v2", "--branch", "--untracked-files=no"]),
      // `--default -`: no remote is an answer, not an error, and never empty output
      // (simple-git waits 50 ms for output that a silent command never sends).
      git.raw(["config", "--default", "-", "--get", "remote.origin.url"])
    ]);
    const header = (name) => status.split("\n").find((line) => line.startsWith(`# branch.${name} `))?.slice(`# branch.${name} `.length).trim();
    const commit = header("oid");
    const branch = header("head");
    return {
      commit: commit === void 0 || commit === "(initial)" ? null : commit,
      branch: branch === void 0 || branch === "(detached)" ? null : branch,
      dirty: status.split("\n").some((line) => line !== "" && !line.startsWith("#")),
      remote: remote.trim() === "-" ? null : remote.trim() || null
    };
  } catch {
    return { commit: null, branch: null, dirty: true, remote: null };
  }
}
async function environment(root, tmpDir, opts) {
  const lockfiles = {};
  const names = [...LOCKFILES, ...readdirSync(root).filter((name) => REQUIREMENTS.test(name))];
  for (const name of names.sort()) {
    const path = join(root, name);
    if (existsSync(path)) lockfiles[name] = sha256File(path);
  }
  return {
    os: `${platform()} ${release()}`,
    arch: arch(),
    node: process.version,
    python: opts.python ? await pythonVersion(opts.pathEnv ?? process.env.PATH ?? "", tmpDir) : null,
    ...true ? { cd4ml: "0.1.0" } : {},
    lockfiles
  };
}
function withDeclared(env, root, declared) {
  const lockfiles = { ...env.lockfiles };
  for (const file of declared.files) {
    const path = join(root, file);
    lockfiles[file] = existsSync(path) && statSync(path).isFile() ? sha256File(path) : "missing";
  }
  const image = declared.image ? { ref: declared.image, digest: /@(sha256:[0-9a-f]{64})$/.exec(declared.image)?.[1] ?? null } : null;
  return { ...env, lockfiles, declared: [...declared.files], image };
}
async function pythonVersion(pathEnv, tmpDir) {
  const binary = pathEnv.split(delimiter).map((dir) => join(dir, "python3")).find((candidate) => existsSync(candidate));
  if (!binary) return null;
  const real = realpathSync(binary);
  const key = `${real}:${statSync(real).mtimeMs}`;
  const cacheFile = join(tmpDir, "python-version.json");
  try {
    const cached = JSON.parse(readTextIfPresent(cacheFile) ?? "null");
    if (cached?.key === key) return cached.version;
  } catch {
  }
  const version = await new Promise((resolve) => {
    execFile(binary, ["--version"], { timeout: 1e4 }, (error, stdout, stderr) => {
      resolve(error ? null : `${stdout}${stderr}`.trim().replace(/^Python\s+/, "") || null);
    });
  });
  mkdirSync(tmpDir, { recursive: true });
  writeFileSync(cacheFile, JSON.stringify({ key, version }));
  return version;
}

// core/profile/record.ts
import {
  existsSync as existsSync2,
  mkdirSync as mkdirSync2,
  readdirSync as readdirSync2,
  readFileSync,
  renameSync,
  statSync as statSync2,
  writeFileSync as writeFileSync2
} from "node:fs";
import { join as join2, posix } from "node:path";
async function profileRunFiles(root, paths, hashOf, cacheDir) {
  const out = {};
  for (const path of tabularFiles(root, paths)) {
    const absolute = join2(root, path);
    const hash = hashOf(absolute);
    const cached = hash ? join2(cacheDir, `${hash}.json`) : null;
    const known = cached ? readCached(cached) : null;
    if (known) {
      out[path] = known;
      continue;
    }
    const entry = await profileFile(absolute, path);
    out[path] = entry;
    if (cached && !("error" in entry)) {
      mkdirSync2(cacheDir, { recursive: true });
      const tmp = `${cached}.${process.pid}.tmp`;
      writeFileSync2(tmp, JSON.stringify(entry));
      renameSync(tmp, cached);
    }
  }
  return out;
}
function readCached(file) {
  try {
    const parsed = ProfileEntry.safeParse(JSON.parse(readFileSync(file, "utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
var MAX_FILES_PER_DIR = 20;
function tabularFiles(root, paths) {
  const found = /* @__PURE__ */ new Set();
  for (const path of new Set(paths)) {
    const absolute = join2(root, path);
    if (!existsSync2(absolute)) continue;
    const stats = statSync2(absolute);
    if (stats.isFile() && profileFormat(path)) found.add(path);
    if (!stats.isDirectory()) continue;
    const inside = readdirSync2(absolute, { recursive: true }).filter((name) => profileFormat(name) && statSync2(join2(absolute, name)).isFile()).sort().slice(0, MAX_FILES_PER_DIR);
    for (const name of inside) found.add(posix.join(path, name.split("\\").join("/")));
  }
  return [...found].sort();
}

// core/runner/model-info.ts
import { mkdirSync as mkdirSync3, statSync as statSync3, writeFileSync as writeFileSync3 } from "node:fs";
import { join as join3 } from "node:path";
var LATENCY_RUNS = 50;
async function modelInfo(root, path, tmpDir, hashes) {
  const absolute = join3(root, path);
  let stats;
  try {
    stats = statSync3(absolute);
  } catch {
    throw new Cd4mlError(
      "E_MODEL",
      `the model file '${path}' named by \`model:\` does not exist after the run`,
      {
        hint: "make a stage write it (list it in that stage's outs), or fix the path"
      }
    );
  }
  const bytes = stats.size;
  const sha256 = hashes.hashFile(absolute, stats);
  const cacheFile = join3(tmpDir, "models", `${sha256}.json`);
  try {
    const text = readTextIfPresent(cacheFile);
    if (text !== void 0) return { ...JSON.parse(text), path };
  } catch {
  }
  const ort = await import("onnxruntime-node");
  let session;
  try {
    session = await ort.InferenceSession.create(absolute, {
      graphOptimizationLevel: "all",
      intraOpNumThreads: 1
    });
  } catch (error) {
    throw new Cd4mlError(
      "E_MODEL",
      `onnxruntime cannot load '${path}': ${error.message}`,
      { hint: "check that `model:` names a valid ONNX file" }
    );
  }
  const toInfo = (meta) => meta.isTensor ? {
    name: meta.name,
    type: meta.type,
    shape: meta.shape.map(
      (d) => typeof d === "number" && d >= 0 ? d : typeof d === "string" ? d : null
    )
  } : { name: meta.name, type: "non-tensor", shape: [] };
  const info = {
    path,
    sha256,
    bytes,
    inputs: session.inputMetadata.map(toInfo),
    outputs: session.outputMetadata.map(toInfo)
  };
  const latency = await measureLatency(ort, session, info.inputs);
  if (latency) info.latency = latency;
  await session.release();
  mkdirSync3(join3(tmpDir, "models"), { recursive: true });
  writeFileSync3(cacheFile, JSON.stringify(info));
  return info;
}
var ZEROS = {
  float32: (n) => new Float32Array(n),
  float64: (n) => new Float64Array(n),
  int32: (n) => new Int32Array(n),
  int64: (n) => new BigInt64Array(n),
  bool: (n) => new Uint8Array(n),
  string: (n) => new Array(n).fill("")
};
async function measureLatency(ort, session, inputs) {
  const feeds = {};
  for (const input of inputs) {
    const dims = input.shape.map((d) => typeof d === "number" && d > 0 ? d : 1);
    const size = dims.reduce((a, b) => a * b, 1);
    const zeros = ZEROS[input.type];
    if (!zeros) return void 0;
    feeds[input.name] = new ort.Tensor(
      input.type,
      zeros(size),
      dims
    );
  }
  try {
    for (let i = 0; i < 5; i += 1) await session.run(feeds);
    const times = [];
    for (let i = 0; i < LATENCY_RUNS; i += 1) {
      const start = performance.now();
      await session.run(feeds);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const at = (q) => Number((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(4));
    return { p50Ms: at(0.5), p95Ms: at(0.95), runs: LATENCY_RUNS };
  } catch {
    return void 0;
  }
}

// core/runner/record.ts
var STATS_LIMIT = 1024 * 1024;
function startContext(pipelineFile) {
  const root = dirname(pipelineFile);
  const git = gitState(root);
  const env = environment(root, stateDirs(root).tmp, { python: mentionsPython(pipelineFile) });
  git.catch(() => void 0);
  env.catch(() => void 0);
  return { git, env };
}
function mentionsPython(pipelineFile) {
  try {
    return /\bpython[\d.]*\b|\.py\b|\b(pip|conda|poetry|pytest|uv run|jupyter|papermill)\b/.test(
      readFileSync2(pipelineFile, "utf8")
    );
  } catch {
    return true;
  }
}
async function buildRunRecord(result, opts) {
  const { pipeline } = result;
  const { root } = pipeline;
  const { metrics, candidates } = collectMetrics(result);
  const partial = Object.keys(result.stages).length < pipeline.stages.length;
  const model = pipeline.model && result.failures.length === 0 && !(partial && !existsSync3(join4(root, pipeline.model))) ? await modelInfo(root, pipeline.model, stateDirs(root).tmp, result.hashes) : null;
  const champion = model ? Object.entries(candidates).find(([, c]) => c.modelSha256 === model.sha256)?.[0] ?? null : null;
  const deps = sourceDeps(result);
  const stats = {};
  for (const file of pipeline.stats) {
    const data = readStructured(join4(root, file));
    if (data !== void 0) stats[file] = data;
  }
  const predictions = predictionsOf(result);
  const tabular = [
    ...Object.keys(deps),
    ...pipeline.stages.flatMap((s) => s.outs.filter((o) => !o.metric).map((o) => o.path))
  ];
  const profiles = await profileRunFiles(
    root,
    tabular,
    (absolute) => result.hashes.hash(absolute)?.hash,
    // Inside the run-cache, so whatever keeps the run-cache (actions/cache) keeps the profiles too.
    join4(stateDirs(root).cache, "profiles")
  );
  const [git, env] = await Promise.all([opts.git, opts.env]);
  return {
    schema: RUN_RECORD_SCHEMA,
    id: `${result.startedAt.toISOString().replace(/[-:.]/g, "").replace("T", "-").slice(0, 15)}-${randomUUID().slice(0, 8)}`,
    createdAt: result.finishedAt.toISOString(),
    status: result.failures.length === 0 ? "success" : "failed",
    pipeline: { file: pipeline.file.slice(root.length + 1) },
    // An override makes the run differ from its commit, whatever git said while the params file was rewritten.
    git: { ...git, dirty: git.dirty || opts.overrides.length > 0 },
    event: opts.event ?? "local",
    ...opts.ci ? { ci: opts.ci } : {},
    timings: {
      startedAt: result.startedAt.toISOString(),
      finishedAt: result.finishedAt.toISOString(),
      durationMs: result.finishedAt.getTime() - result.startedAt.getTime()
    },
    stages: result.stages,
    params: result.params,
    overrides: Object.fromEntries(
      opts.overrides.map((o) => [
        o.file === DEFAULT_PARAMS_FILE ? o.key : `${o.file}:${o.key}`,
        o.value
      ])
    ),
    metrics,
    candidates,
    champion,
    model,
    predictions,
    deps,
    stats,
    ...Object.keys(profiles).length > 0 ? { profiles } : {},
    env: withDeclared(env, root, pipeline.environment)
  };
}
function collectMetrics(result) {
  const { pipeline } = result;
  const { root } = pipeline;
  const metrics = {};
  for (const file of pipeline.metrics) Object.assign(metrics, readMetrics(join4(root, file)));
  const candidates = {};
  for (const stage of pipeline.stages) {
    const values = {};
    for (const out of stage.outs.filter((o) => o.metric))
      Object.assign(values, readMetrics(join4(root, out.path)));
    if (stage.group) {
      const candidate = candidates[stage.group.key] ??= {
        stage: stage.name,
        params: {},
        metrics: {}
      };
      for (const [key, value] of Object.entries(flattenParams(stage.group.values)))
        candidate.params[key] = toScalar(value);
      if (Object.keys(values).length > 0) {
        candidate.stage = stage.name;
        Object.assign(candidate.metrics, values);
      }
      const onnx = stage.outs.find(
        (o) => o.path.endsWith(".onnx") && existsSync3(join4(root, o.path))
      );
      if (onnx) candidate.modelSha256 = result.hashes.hashFile(join4(root, onnx.path));
    } else {
      Object.assign(metrics, values);
    }
  }
  return { metrics, candidates };
}
function sourceDeps(result) {
  const { pipeline } = result;
  const { root } = pipeline;
  const producers = producerIndex(pipeline.stages.flatMap((s) => s.outs));
  const deps = {};
  for (const stage of pipeline.stages) {
    for (const dep of stage.deps) {
      if (producers(dep).length > 0) continue;
      const hashed = result.hashes.hash(join4(root, dep));
      if (hashed) deps[dep] = { hash: hashed.hash, bytes: hashed.size };
    }
  }
  return deps;
}
function predictionsOf(result) {
  const { pipeline } = result;
  const { root } = pipeline;
  let predictions = null;
  if (pipeline.predictions && existsSync3(join4(root, pipeline.predictions))) {
    const text = readFileSync2(join4(root, pipeline.predictions), "utf8");
    predictions = {
      file: "predictions.csv",
      source: pipeline.predictions,
      sha256: result.hashes.hashFile(join4(root, pipeline.predictions)),
      rows: Math.max(0, text.trimEnd().split("\n").length - 1),
      ...pipeline.predictionSlices.length > 0 ? { slices: pipeline.predictionSlices } : {}
    };
  }
  return predictions;
}
async function saveRunRecord(root, record) {
  const path = join4(root, RECORD_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync4(tmp, `${JSON.stringify(record, null, 2)}
`);
  renameSync2(tmp, path);
  const attachments = {};
  if (record.predictions)
    attachments[record.predictions.file] = join4(root, record.predictions.source);
  return saveRun(root, record, attachments);
}
function readStructured(path) {
  try {
    const text = readFileSync2(path, "utf8");
    return YamlSource.parse(text, path, "E_IO", { ...PARSE_LIMITS, bytes: STATS_LIMIT }).data;
  } catch {
    return void 0;
  }
}
function readMetrics(path) {
  const out = {};
  for (const [key, value] of Object.entries(flattenParams(readStructured(path) ?? {}))) {
    if (typeof value === "number" && Number.isFinite(value)) out[key] = value;
    else if (typeof value === "boolean") out[key] = value ? 1 : 0;
  }
  return out;
}

export {
  gitState,
  environment,
  withDeclared,
  startContext,
  buildRunRecord,
  saveRunRecord,
  readMetrics
};
//# sourceMappingURL=chunk-7RG2SZ4P.js.map
