import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  DEFAULT_PARAMS_FILE,
  lookup,
  paramsReader
} from "./chunk-OVJAGWQD.js";
import {
  positionParser,
  suggest
} from "./chunk-P4FB7NFE.js";
import {
  load
} from "./chunk-AMI25YWR.js";
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";

// core/runner/params.ts
import { existsSync, mkdirSync, readFileSync, renameSync as renameSync2, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

// core/fs/write.ts
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from "node:fs";
function writeTextDurably(path, text) {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, "w");
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

// core/runner/params.ts
function parseOverride(text) {
  const eq = text.indexOf("=");
  if (eq <= 0) {
    throw new Cd4mlError("E_USAGE", `--set '${text}' is not key=value`, {
      hint: "write it as --set train.C=0.5 (or --set file.yaml:key=value)"
    });
  }
  const target = text.slice(0, eq);
  const colon = target.indexOf(":");
  const file = colon > 0 ? target.slice(0, colon) : DEFAULT_PARAMS_FILE;
  const key = colon > 0 ? target.slice(colon + 1) : target;
  if (!/^[\w-]+(\.[\w-]+)*$/.test(key)) {
    throw new Cd4mlError("E_USAGE", `--set '${text}': '${key}' is not a param key`, {
      hint: "keys are dotted paths like train.C"
    });
  }
  let value;
  try {
    value = load(text.slice(eq + 1));
  } catch {
    value = text.slice(eq + 1);
  }
  if (value !== null && typeof value === "object") {
    throw new Cd4mlError("E_USAGE", `--set '${text}': only scalar values can be set`, {
      hint: "set each key of a mapping on its own"
    });
  }
  return { file, key, value: value ?? null, text };
}
var WHAT_IF_JOURNAL = join(".cd4ml", "what-if.json");
function checkOverrides(root, overrides) {
  const read = paramsReader(root);
  const problems = [];
  for (const override of overrides) {
    const data = read(override.file);
    if (data === void 0) {
      problems.push(
        `--set ${override.text}: the params file '${override.file}' does not exist (a what-if run changes existing params; add the key to the file first)`
      );
      continue;
    }
    const { found, value } = lookup(data ?? {}, override.key);
    if (!found) {
      const known = Object.keys(flattenParams(data));
      const near = suggest(override.key, known);
      problems.push(
        `--set ${override.text}: '${override.file}' has no key '${override.key}'${near ? `; did you mean '${near}'?` : known.length > 0 ? ` (its keys: ${known.slice(0, 8).join(", ")}${known.length > 8 ? ", \u2026" : ""})` : ""}`
      );
    } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      const first = Object.keys(flattenParams(value))[0];
      problems.push(
        `--set ${override.text}: '${override.key}' in '${override.file}' is a mapping; set one of its keys${first ? `, e.g. ${override.key}.${first}` : ""}`
      );
    }
  }
  if (problems.length > 0)
    throw new Cd4mlError("E_USAGE", problems.join("\n"), {
      hint: "a --set key must already exist in its params file (keys are dotted paths like train.C)"
    });
}
function applyOverrides(root, overrides) {
  if (overrides.length === 0) return () => void 0;
  checkOverrides(root, overrides);
  const { parseDocument } = positionParser();
  const files = /* @__PURE__ */ new Map();
  for (const override of overrides) {
    if (files.has(override.file)) continue;
    const path = join(root, override.file);
    files.set(override.file, {
      original: existsSync(path) ? readFileSync(path, "utf8") : null,
      written: ""
    });
  }
  for (const [file, entry] of files) {
    const doc = parseDocument(entry.original ?? "{}");
    for (const override of overrides)
      if (override.file === file) doc.setIn(override.key.split("."), override.value);
    entry.written = doc.toString();
  }
  const journal = {
    pid: process.pid,
    files: [...files].map(([file, entry]) => ({ file, ...entry }))
  };
  writeDurably(join(root, WHAT_IF_JOURNAL), JSON.stringify(journal));
  for (const { file, written } of journal.files) writeAtomically(join(root, file), written);
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    undoWhatIf(root, journal);
  };
}
function recoverWhatIf(root) {
  const path = join(root, WHAT_IF_JOURNAL);
  if (!existsSync(path)) return [];
  let journal;
  try {
    journal = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    rmSync(path, { force: true });
    return [];
  }
  return undoWhatIf(root, journal).map(
    (line) => `an interrupted --set run (pid ${journal.pid}) ${line}`
  );
}
function undoWhatIf(root, journal) {
  const notes = [];
  for (const { file, original, written } of journal.files) {
    const path = join(root, file);
    const now = existsSync(path) ? readFileSync(path, "utf8") : null;
    if (now === original) continue;
    if (now !== written) {
      notes.push(`had changed ${file}, which was edited since: left as it is`);
      continue;
    }
    if (original === null) rmSync(path, { force: true });
    else writeAtomically(path, original);
    notes.push(`had changed ${file}: put back as it was`);
  }
  rmSync(join(root, WHAT_IF_JOURNAL), { force: true });
  return notes;
}
function writeAtomically(path, text) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync2(tmp, path);
}
function writeDurably(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeTextDurably(path, text);
}
function resolveParams(refs, read) {
  const out = {};
  for (const ref of refs) {
    const data = read(ref.file);
    const group = out[ref.file] ??= {};
    if (ref.key === void 0) Object.assign(group, flattenParams(data));
    else {
      const { found, value } = lookup(data ?? {}, ref.key);
      group[ref.key] = found ? value : void 0;
    }
  }
  return out;
}
function flattenParams(data, prefix = "", out = {}) {
  if (data !== null && typeof data === "object" && !Array.isArray(data)) {
    for (const [key, value] of Object.entries(data))
      flattenParams(value, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    out[prefix] = data;
  }
  return out;
}
function toScalar(value) {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return value;
  return JSON.stringify(value);
}

export {
  writeTextDurably,
  parseOverride,
  WHAT_IF_JOURNAL,
  applyOverrides,
  recoverWhatIf,
  resolveParams,
  flattenParams,
  toScalar
};
//# sourceMappingURL=chunk-NNWR7ZNT.js.map
