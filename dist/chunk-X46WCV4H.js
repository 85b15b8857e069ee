import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);

// core/store/local-store.ts
import { mkdir, readdir, readFile, rename, writeFile, copyFile } from "node:fs/promises";
import { join } from "node:path";
var RECORD_FILE = "cd4ml-run.json";
function runStoreDir(root) {
  return join(root, ".cd4ml", "runs");
}
function commitKey(record) {
  return record.git.commit ?? "no-commit";
}
async function saveRun(root, record, attachments = {}) {
  const dir = join(runStoreDir(root), commitKey(record), record.id);
  const tmp = `${dir}.tmp-${process.pid}`;
  await mkdir(tmp, { recursive: true });
  for (const [name, source] of Object.entries(attachments)) await copyFile(source, join(tmp, name));
  await writeFile(join(tmp, RECORD_FILE), `${JSON.stringify(record, null, 2)}
`);
  await rename(tmp, dir);
  return { dir, record };
}
async function listRuns(root) {
  const base = runStoreDir(root);
  const { parseRunRecord } = await import("./parse-KILAGP5M.js");
  const runs = [];
  for (const commit of await readdirOrEmpty(base)) {
    for (const id of await readdirOrEmpty(join(base, commit))) {
      if (id.includes(".tmp-")) continue;
      const dir = join(base, commit, id);
      try {
        const text = await readFile(join(dir, RECORD_FILE), "utf8");
        runs.push({ dir, record: parseRunRecord(text, join(dir, RECORD_FILE)) });
      } catch {
      }
    }
  }
  return runs.sort((a, b) => a.record.createdAt.localeCompare(b.record.createdAt));
}
function representativeRun(runs) {
  return runs.findLast((run) => !run.record.git.dirty) ?? runs.at(-1);
}
async function readdirOrEmpty(dir) {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

export {
  RECORD_FILE,
  runStoreDir,
  saveRun,
  listRuns,
  representativeRun
};
//# sourceMappingURL=chunk-X46WCV4H.js.map
