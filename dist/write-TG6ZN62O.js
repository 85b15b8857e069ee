import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  ARTIFACT_LIMITS,
  FIXED_ENTRIES,
  HISTORY_ENTRY,
  MANIFEST_ENTRY,
  RECORD_ENTRY,
  RUN_ARTIFACT_FORMAT,
  SHADOW_ENTRY,
  isAllowedAttachment,
  unsafeEntryName
} from "./chunk-XOWASQMC.js";
import "./chunk-3IRWCR3G.js";
import "./chunk-YELAXUXB.js";
import "./chunk-KWKVIQUA.js";
import "./chunk-GLCB3FVJ.js";
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";
import {
  RUN_HISTORY_SCHEMA,
  toHistoryEntry
} from "./chunk-OSSACCFA.js";
import "./chunk-TCP67NLO.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import "./chunk-WARPCWE3.js";

// core/run-artifact/write.ts
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
async function writeRunArtifact(dir, options) {
  await prepareDir(dir);
  const manifest = {
    format: RUN_ARTIFACT_FORMAT,
    ...options.writer ? { writer: options.writer } : {},
    record: RECORD_ENTRY,
    history: HISTORY_ENTRY,
    files: [],
    skipped: []
  };
  const root = resolve(options.root);
  let total = 0;
  const seen = /* @__PURE__ */ new Set();
  for (const { path, role } of options.files) {
    if (seen.has(path)) continue;
    seen.add(path);
    const skip = (reason) => manifest.skipped.push({ path, role, reason });
    const unsafe = unsafeEntryName(path);
    if (unsafe) {
      skip(`its path ${unsafe}`);
      continue;
    }
    if (!isAllowedAttachment(path)) {
      skip("not a data file the layout allows (.json, .yaml, .yml, .csv, .tsv, .txt)");
      continue;
    }
    const from = join(root, path);
    let bytes;
    try {
      const info = await stat(from);
      if (!info.isFile()) throw new Error("not a file");
      bytes = info.size;
    } catch {
      skip("missing");
      continue;
    }
    if (bytes > ARTIFACT_LIMITS.entryBytes) {
      skip(`${bytes} bytes, over the ${ARTIFACT_LIMITS.entryBytes}-byte cap per file`);
      continue;
    }
    if (total + bytes > ARTIFACT_LIMITS.totalBytes) {
      skip(`would take the artifact past its ${ARTIFACT_LIMITS.totalBytes}-byte cap`);
      continue;
    }
    if (manifest.files.length + FIXED_ENTRIES.length >= ARTIFACT_LIMITS.entries) {
      skip(`would take the artifact past its ${ARTIFACT_LIMITS.entries}-entry cap`);
      continue;
    }
    total += bytes;
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await copyFile(from, join(dir, path));
    const sha256 = createHash("sha256").update(await readFile(join(dir, path))).digest("hex");
    manifest.files.push({ path, role, bytes, sha256 });
  }
  const record = options.record.predictions ? {
    ...options.record,
    predictions: { ...options.record.predictions, file: options.record.predictions.source }
  } : options.record;
  await writeFile(join(dir, RECORD_ENTRY), `${JSON.stringify(record, null, 2)}
`);
  const history = {
    schema: RUN_HISTORY_SCHEMA,
    runs: carryHistory(options.history ?? [], options.record, options.historyLimit)
  };
  await writeFile(join(dir, HISTORY_ENTRY), `${JSON.stringify(history, null, 2)}
`);
  if (options.shadow)
    await writeFile(join(dir, SHADOW_ENTRY), `${JSON.stringify(options.shadow, null, 2)}
`);
  await writeFile(join(dir, MANIFEST_ENTRY), `${JSON.stringify(manifest, null, 2)}
`);
  return manifest;
}
function carryHistory(previous, record, limit) {
  const runs = previous.filter((run) => run.status === "success" && run.id !== record.id);
  if (record.status === "success") runs.push(toHistoryEntry(record));
  return limit <= 0 ? [] : runs.slice(-Math.min(limit, ARTIFACT_LIMITS.historyRuns));
}
async function prepareDir(dir) {
  if (existsSync(dir)) {
    const entries = await readdir(dir);
    if (entries.length > 0 && !entries.includes(MANIFEST_ENTRY)) {
      throw new Cd4mlError(
        "E_USAGE",
        `${dir} is not empty and holds no run artifact (${MANIFEST_ENTRY}) to replace`,
        {
          location: { file: dir },
          hint: "pass a new or empty directory, e.g. --dir .cd4ml/artifact/run"
        }
      );
    }
    await rm(dir, { recursive: true, force: true });
  }
  await mkdir(dir, { recursive: true });
}
export {
  carryHistory,
  writeRunArtifact
};
//# sourceMappingURL=write-TG6ZN62O.js.map
