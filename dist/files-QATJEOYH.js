import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  load
} from "./chunk-AMI25YWR.js";
import "./chunk-WARPCWE3.js";

// core/run-artifact/files.ts
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, normalize, sep } from "node:path";
function artifactFiles(pipeline, record) {
  const files = [];
  const seen = /* @__PURE__ */ new Set();
  const add = (path, role) => {
    const posix = path.split(sep).join("/");
    if (seen.has(posix)) return;
    seen.add(posix);
    files.push({ path: posix, role });
  };
  for (const path of pipeline.metrics) add(path, "metrics");
  for (const stage of pipeline.stages)
    for (const out of stage.outs) if (out.metric) add(out.path, "metrics");
  for (const path of pipelinePlots(pipeline)) add(path, "plots");
  for (const path of pipeline.stats) add(path, "stats");
  if (record.predictions) add(record.predictions.source, "predictions");
  return files;
}
function pipelinePlots(pipeline) {
  let doc;
  try {
    doc = load(readFileSync(pipeline.file, "utf8"));
  } catch {
    return [];
  }
  const candidates = [];
  const collect = (entries) => {
    if (!Array.isArray(entries)) return;
    for (const entry of entries) {
      if (typeof entry === "string") candidates.push(entry);
      else if (entry && typeof entry === "object") {
        for (const [key, value] of Object.entries(entry)) {
          candidates.push(key);
          const axes = value && typeof value === "object" ? Object.values(value) : [];
          for (const axis of axes)
            if (axis && typeof axis === "object" && !Array.isArray(axis))
              candidates.push(...Object.keys(axis));
        }
      }
    }
  };
  if (doc && typeof doc === "object") {
    const top = doc;
    collect(top.plots);
    if (top.stages && typeof top.stages === "object") {
      for (const stage of Object.values(top.stages))
        if (stage && typeof stage === "object") collect(stage.plots);
    }
  }
  return candidates.filter((path) => {
    if (path.includes("${")) return false;
    const rel = normalize(path);
    if (rel.startsWith("..") || rel.startsWith(sep)) return false;
    const abs = join(pipeline.root, rel);
    return existsSync(abs) && statSync(abs).isFile();
  });
}
export {
  artifactFiles
};
//# sourceMappingURL=files-QATJEOYH.js.map
