import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  decide,
  loadPipelineCached,
  openChecker
} from "./chunk-3VVVS4H3.js";
import "./chunk-A3HKKEC7.js";
import {
  acquireWorkspaceLock,
  describeHolder,
  workspaceHolder
} from "./chunk-FMHL2UT7.js";
import "./chunk-ZOYXCNJS.js";
import {
  stateDirs
} from "./chunk-TEQHPD2R.js";
import {
  buildDag,
  selectStages
} from "./chunk-5Z3I24KP.js";
import "./chunk-NAJNBSQM.js";
import {
  WHAT_IF_JOURNAL,
  recoverWhatIf
} from "./chunk-NNWR7ZNT.js";
import "./chunk-OVJAGWQD.js";
import "./chunk-FDRDYCY3.js";
import "./chunk-P4FB7NFE.js";
import "./chunk-AMI25YWR.js";
import "./chunk-GLCB3FVJ.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-WARPCWE3.js";

// core/runner/status.ts
import { existsSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
async function pipelineStatus(file, targets = [], onNotice) {
  await recoverInterrupted(dirname(resolve(file)), onNotice);
  const pipeline = await loadPipelineCached(file, stateDirs(dirname(resolve(file))).tmp);
  const { root } = pipeline;
  const dag = buildDag(pipeline, (path) => existsSync(join(root, path)));
  const checker = openChecker(
    root,
    false,
    basename(pipeline.file) === "dvc.yaml" ? pipeline.stages : void 0
  );
  const willChange = /* @__PURE__ */ new Set();
  const statuses = [];
  for (const name of selectStages(dag, targets)) {
    const changedUp = [...dag.upstream.get(name) ?? []].filter((up) => willChange.has(up));
    const decision = decide(dag.stages.get(name), checker);
    if (decision.action !== "unchanged") {
      willChange.add(name);
      statuses.push({ stage: name, action: decision.action, reasons: decision.reasons });
    } else if (changedUp.length > 0) {
      willChange.add(name);
      statuses.push({
        stage: name,
        action: "blocked",
        reasons: changedUp.map((up) => `upstream changed: ${up}`)
      });
    } else {
      statuses.push({ stage: name, action: "unchanged", reasons: decision.reasons });
    }
  }
  return statuses;
}
async function recoverInterrupted(root, onNotice) {
  const holder = workspaceHolder(root);
  if (holder) {
    onNotice?.(`a run is in progress (${describeHolder(holder)}): stages may change as it goes`);
    return;
  }
  if (!existsSync(join(root, WHAT_IF_JOURNAL))) return;
  let lock;
  try {
    lock = await acquireWorkspaceLock(root, { command: "cd4ml status" });
  } catch {
    return;
  }
  try {
    for (const note of recoverWhatIf(root)) onNotice?.(note);
  } finally {
    lock.release();
  }
}
export {
  pipelineStatus
};
//# sourceMappingURL=status-O3IUAL2O.js.map
