import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  defaultBranch,
  revParse
} from "./chunk-A5KNZYHD.js";
import "./chunk-FBKXUXEV.js";
import "./chunk-AQTWJGGF.js";
import "./chunk-5TAVDTXP.js";
import "./chunk-W6QAYBEP.js";
import "./chunk-EOY3QICW.js";
import "./chunk-Y7Z7FDQ2.js";
import "./chunk-YELAXUXB.js";
import {
  WALKED_COMMITS
} from "./chunk-HM35DXRT.js";
import "./chunk-KWKVIQUA.js";
import "./chunk-CCETPZWY.js";
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";
import "./chunk-GEUQRBTG.js";
import "./chunk-W3FRIKUD.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import "./chunk-WARPCWE3.js";

// core/gate/shallow.ts
var DEEPEN_STEPS = [100, 300, 1e3, 1600];
var FIX = "check out with full history: `fetch-depth: 0` on actions/checkout (or run `git fetch --unshallow`)";
async function isShallow(git) {
  return (await git.raw(["rev-parse", "--is-shallow-repository"])).trim() === "true";
}
async function fetchBranchTip(git, remote, name) {
  const ref = `refs/remotes/${remote}/${name}`;
  try {
    await git.raw([
      "fetch",
      "--quiet",
      "--no-tags",
      `--depth=${WALKED_COMMITS}`,
      remote,
      `+refs/heads/${name}:${ref}`
    ]);
  } catch (error) {
    if (/couldn't find remote ref/i.test(String(error))) return null;
    throw unreachable(remote, `the base branch ${name}`, error);
  }
  return (await git.raw(["rev-parse", "--verify", `${ref}^{commit}`])).trim();
}
async function remoteDefaultBranch(git, remote) {
  try {
    const out = await git.raw(["ls-remote", "--symref", remote, "HEAD"]);
    return /^ref: refs\/heads\/(\S+)\s+HEAD$/m.exec(out)?.[1] ?? null;
  } catch (error) {
    throw unreachable(remote, "its default branch", error);
  }
}
async function ensureHistory(git, need, steps = DEEPEN_STEPS) {
  if (!await isShallow(git)) return [];
  const tips = need.head ? [need.base, need.head] : [need.base];
  const missing = [];
  for (const sha of tips) if (!await hasCommit(git, sha)) missing.push(sha);
  if (missing.length > 0) await fetchCommits(git, need, [`--depth=${WALKED_COMMITS}`], missing);
  let fetched = missing.length > 0 ? WALKED_COMMITS : 0;
  const note = () => fetched === 0 ? [] : [
    `This is a shallow clone (actions/checkout's default \`fetch-depth: 1\`): cd4ml fetched ${need.head ? `${need.label} and the head` : need.label} from ${need.remote}, about ${fetched} commits deep, for ${need.head ? "their merge-base and " : ""}its first parents. \`fetch-depth: 0\` on actions/checkout saves the fetch.`
  ];
  for (const step of [0, ...steps]) {
    if (step > 0) {
      await fetchCommits(git, need, [`--deepen=${step}`], tips);
      fetched += step;
    }
    const start = need.head ? await mergeBase(git, need.base, need.head) : need.base;
    if (start && await lineComplete(git, start)) return note();
    if (!await isShallow(git)) return note();
  }
  const what = need.head ? `a merge-base of the head ${need.head.slice(0, 7)} and ${need.label} ${need.base.slice(0, 7)}` : `the first-parent history of ${need.label} ${need.base.slice(0, 7)}`;
  throw new Cd4mlError(
    "E_USAGE",
    `this shallow clone lacks ${what}, even after fetching about ${fetched} commits of history from ${need.remote}`,
    { hint: FIX }
  );
}
async function hasCommit(git, sha) {
  try {
    await git.raw(["cat-file", "-e", `${sha}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}
async function fetchCommits(git, need, depth, shas) {
  try {
    await git.raw(["fetch", "--quiet", "--no-tags", ...depth, need.remote, ...shas]);
  } catch (error) {
    throw unreachable(need.remote, `the history of ${need.label}`, error);
  }
}
async function mergeBase(git, a, b) {
  try {
    return (await git.raw(["merge-base", a, b])).trim() || null;
  } catch {
    return null;
  }
}
async function lineComplete(git, start) {
  const line = (await git.raw(["rev-list", "--first-parent", `--max-count=${WALKED_COMMITS}`, start])).split("\n").filter(Boolean);
  if (line.length >= WALKED_COMMITS) return true;
  const last = await git.raw(["cat-file", "-p", line.at(-1) ?? start]);
  return !/^parent /m.test(last);
}
function unreachable(remote, what, error) {
  const reason = String(error.message ?? error).trim().split("\n").at(-1) ?? "";
  return new Cd4mlError(
    "E_IO",
    `this is a shallow clone and ${what} could not be fetched from ${remote}: ${reason}`,
    { hint: FIX, cause: error }
  );
}

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
//# sourceMappingURL=compare-base-D4KEWEPI.js.map
