import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  fetchBranch,
  historyFiles,
  readBlobs,
  repositoryOf
} from "./chunk-5TAVDTXP.js";
import {
  PULLED_DIR,
  RUN_ID
} from "./chunk-W6QAYBEP.js";
import {
  RECORD_FILE
} from "./chunk-X46WCV4H.js";
import {
  RUN_RECORD_LIMITS,
  parseRunRecord
} from "./chunk-3IRWCR3G.js";
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";

// core/history-branch/pull.ts
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
async function pullHistory(options) {
  const repo = await repositoryOf(options.root);
  const tip = await fetchBranch(repo, options.remote, options.branch, options.gitEnv);
  if (!tip) {
    throw new Cd4mlError("E_USAGE", `${options.remote} has no branch ${options.branch}`, {
      hint: "push one first: cd4ml history push (or pass --branch <name>)"
    });
  }
  const files = (await historyFiles(repo, tip, options.branch)).filter(
    (file) => file.startsWith("runs/")
  );
  const blobs = await readBlobs(repo, tip, files, RUN_RECORD_LIMITS.bytes);
  const dir = join(options.root, ...PULLED_DIR);
  const staging = `${dir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const skipped = [];
  let runs = 0;
  for (const file of files) {
    const where = `${options.branch}:${file}`;
    const text = blobs.get(file);
    if (text === null || text === void 0) {
      skipped.push({ file: where, reason: `over ${RUN_RECORD_LIMITS.bytes} bytes` });
      continue;
    }
    try {
      const record = parseRunRecord(text, where);
      if (`runs/${record.id}.json` !== file) throw new Error(`its id is ${record.id}`);
      mkdirSync(join(staging, record.id));
      writeFileSync(join(staging, record.id, RECORD_FILE), text);
      runs++;
    } catch (error) {
      skipped.push({
        file: where,
        reason: error instanceof Error ? error.message.split("\n")[0] ?? "" : String(error)
      });
    }
  }
  rmSync(`${dir}.old-${process.pid}`, { recursive: true, force: true });
  try {
    renameSync(dir, `${dir}.old-${process.pid}`);
  } catch {
  }
  renameSync(staging, dir);
  rmSync(`${dir}.old-${process.pid}`, { recursive: true, force: true });
  return { runs, skipped };
}
async function listPulledRuns(root) {
  const dir = join(root, ...PULLED_DIR);
  let ids;
  try {
    ids = await readdir(dir);
  } catch {
    return [];
  }
  const runs = [];
  await Promise.all(
    ids.filter((id) => RUN_ID.test(id)).map(async (id) => {
      try {
        const path = join(dir, id, RECORD_FILE);
        runs.push({
          dir: join(dir, id),
          record: parseRunRecord(await readFile(path, "utf8"), path)
        });
      } catch {
      }
    })
  );
  return runs;
}

export {
  pullHistory,
  listPulledRuns
};
//# sourceMappingURL=chunk-JION7JJ2.js.map
