import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  listPulledRuns
} from "./chunk-ZHNJPGMQ.js";
import {
  listRuns
} from "./chunk-KNG5AAJO.js";

// core/store/known-runs.ts
async function knownRuns(root) {
  const [local, pulled] = await Promise.all([listRuns(root), listPulledRuns(root)]);
  const byId = new Map(pulled.map((run) => [run.record.id, run]));
  for (const run of local) byId.set(run.record.id, run);
  return [...byId.values()].sort((a, b) => a.record.createdAt.localeCompare(b.record.createdAt));
}

export {
  knownRuns
};
//# sourceMappingURL=chunk-A5BSMVD6.js.map
