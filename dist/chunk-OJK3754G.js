import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  listPulledRuns
} from "./chunk-JION7JJ2.js";
import {
  PULLED_DIR,
  RUN_ID
} from "./chunk-W6QAYBEP.js";
import {
  listRuns,
  runStoreDir
} from "./chunk-X46WCV4H.js";

// core/store/known-runs.ts
import { readdir } from "node:fs/promises";
import { join } from "node:path";
async function knownRuns(root) {
  const [local, pulled] = await Promise.all([listRuns(root), listPulledRuns(root)]);
  const byId = new Map(pulled.map((run) => [run.record.id, run]));
  for (const run of local) byId.set(run.record.id, run);
  return [...byId.values()].sort((a, b) => a.record.createdAt.localeCompare(b.record.createdAt));
}
async function knownRunDirs(root) {
  const pulled = join(root, ...PULLED_DIR);
  const store = runStoreDir(root);
  const [history, commits] = await Promise.all([entries(pulled), entries(store)]);
  const local = await Promise.all(
    commits.map(
      async (commit) => (await entries(join(store, commit))).filter((id) => !id.includes(".tmp-")).map((id) => join(store, commit, id))
    )
  );
  return [
    ...history.filter((id) => RUN_ID.test(id)).map((id) => join(pulled, id)),
    ...local.flat()
  ];
}
var entries = (dir) => readdir(dir).catch(() => []);

export {
  knownRuns,
  knownRunDirs
};
//# sourceMappingURL=chunk-OJK3754G.js.map
