import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  defaultBranch,
  ensureHistory,
  fetchBranchTip,
  isShallow,
  remoteDefaultBranch,
  revParse
} from "./chunk-DBWCMRS2.js";
import "./chunk-OJK3754G.js";
import "./chunk-JION7JJ2.js";
import "./chunk-5TAVDTXP.js";
import "./chunk-W6QAYBEP.js";
import "./chunk-X46WCV4H.js";
import "./chunk-3IRWCR3G.js";
import "./chunk-YELAXUXB.js";
import "./chunk-QEEBABML.js";
import "./chunk-KWKVIQUA.js";
import "./chunk-GLCB3FVJ.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-OSSACCFA.js";
import "./chunk-TCP67NLO.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import "./chunk-WARPCWE3.js";

// cli/commands/compare-base.ts
var REMOTE = "origin";
async function namedBase(git, ref) {
  let commit = await revParse(git, ref);
  if (!commit && await isShallow(git))
    commit = await fetchBranchTip(git, REMOTE, ref.replace(/^origin\//, ""));
  if (!commit) return null;
  const notes = await ensureHistory(git, { remote: REMOTE, base: commit, head: null, label: ref });
  return { label: ref, commit, notes };
}
async function defaultBase(git, head) {
  const shallow = await isShallow(git);
  const named = process.env.GITHUB_BASE_REF || null;
  let found = null;
  const local = named ? null : await defaultBranch(git);
  if (local) found = await at(git, local, [local]);
  const branch = found ? null : named ?? (shallow ? await remoteDefaultBranch(git, REMOTE) : null);
  if (branch) found = await at(git, branch, [`${REMOTE}/${branch}`, branch]);
  if (branch && !found && shallow) {
    const commit = await fetchBranchTip(git, REMOTE, branch);
    if (commit) found = { label: branch, commit };
  }
  if (!found) return null;
  const notes = await ensureHistory(git, {
    remote: REMOTE,
    base: found.commit,
    head,
    label: found.label
  });
  return { ...found, notes };
}
async function at(git, label, refs) {
  for (const ref of refs) {
    const commit = await revParse(git, ref);
    if (commit) return { label, commit };
  }
  return null;
}
export {
  defaultBase,
  namedBase
};
//# sourceMappingURL=compare-base-FMISVXVR.js.map
