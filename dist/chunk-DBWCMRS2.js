import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  knownRuns
} from "./chunk-OJK3754G.js";
import {
  listRuns
} from "./chunk-X46WCV4H.js";
import {
  parseRunRecord
} from "./chunk-3IRWCR3G.js";
import {
  WALKED_COMMITS
} from "./chunk-QEEBABML.js";
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";

// core/gate/local-source.ts
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";

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

// core/gate/local-source.ts
async function openGit(root) {
  const { simpleGit } = await import("./dist-2UBU5QLR.js");
  const git = simpleGit({ baseDir: root });
  try {
    return await git.checkIsRepo() ? git : null;
  } catch {
    return null;
  }
}
function localRunSource(options) {
  const { root, git } = options;
  const byCommit = once(async () => {
    const map = /* @__PURE__ */ new Map();
    for (const run of await knownRuns(root)) {
      const commit = run.record.git.commit;
      if (commit) map.set(commit, [...map.get(commit) ?? [], run]);
    }
    return map;
  });
  const stored = /* @__PURE__ */ new Map();
  return {
    trust: "local",
    async candidateRuns(commit) {
      if (!git) return [];
      return ((await byCommit()).get(commit) ?? []).map((run) => {
        const candidate = {
          label: `store:${commit.slice(0, 7)}/${run.record.id}`,
          commit,
          branch: run.record.git.branch ?? null,
          event: run.record.event,
          succeeded: run.record.status === "success",
          sameRepository: true,
          createdAt: run.record.createdAt
        };
        stored.set(candidate, run);
        return candidate;
      });
    },
    firstParents: (commit, depth) => git ? firstParents(git, commit, depth) : Promise.resolve([]),
    mergeBase: (a, b) => git ? mergeBase(git, a, b) : Promise.resolve(null),
    readRun(candidate) {
      const run = stored.get(candidate);
      return Promise.resolve(run ? { run: storedRun(run) } : { missing: "it left the store" });
    },
    async fileAt(commit, path) {
      if (!git) return null;
      try {
        return await git.show([`${commit}:${path}`]);
      } catch {
        return null;
      }
    },
    async workspaceFile(path) {
      try {
        return await readFile(join(root, path), "utf8");
      } catch {
        return null;
      }
    }
  };
}
async function latestStoredRun(root) {
  const latest = (await listRuns(root)).at(-1);
  if (!latest) {
    throw new Cd4mlError("E_USAGE", "no runs in the local store", {
      location: { file: ".cd4ml/runs" },
      hint: "run the pipeline first (`cd4ml run`), or pass --head <run.json>"
    });
  }
  return storedRun(latest);
}
function storedRun(run) {
  return directoryRun(
    run.record,
    run.dir,
    `store:${run.record.git.commit ?? "no-commit"}/${run.record.id}`
  );
}
function directoryRun(record, dir, source) {
  const root = resolve(dir);
  return {
    record,
    source,
    async readAttachment(file, maxBytes) {
      const path = resolve(root, file);
      if (!path.startsWith(root + sep)) {
        throw new Cd4mlError("E_ARTIFACT", `attachment "${file}" leaves the record's directory`, {
          location: { file: source, field: "predictions.file" }
        });
      }
      let size;
      try {
        size = (await stat(path)).size;
      } catch {
        return null;
      }
      if (size > maxBytes) {
        throw new Cd4mlError(
          "E_ARTIFACT",
          `attachment "${file}" is ${size} bytes, over the ${maxBytes}-byte limit`,
          { location: { file: path } }
        );
      }
      return readFile(path, "utf8");
    }
  };
}
async function revParse(git, ref) {
  try {
    return (await git.raw(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`])).trim() || null;
  } catch {
    return null;
  }
}
async function defaultBranch(git) {
  try {
    const ref = (await git.raw(["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"])).trim();
    if (ref) return ref;
  } catch {
  }
  for (const name of ["main", "master"]) if (await revParse(git, name)) return name;
  return null;
}
async function firstParents(git, commit, max) {
  try {
    return (await git.raw(["rev-list", "--first-parent", `--max-count=${max}`, commit])).split("\n").filter(Boolean);
  } catch {
    return [];
  }
}
function once(load) {
  let value;
  return () => value ??= load();
}
function isRunPath(path) {
  return /\.(json|zip)$/i.test(path) || existsSync(path);
}
async function loadRunPath(path) {
  const hint = "pass the cd4ml-run.json a `cd4ml run` wrote (in .cd4ml/runs/<commit>/<id>/), a run artifact directory (`cd4ml record --dir`) or its .zip";
  let isDirectory;
  let size;
  try {
    const info = await stat(path);
    isDirectory = info.isDirectory();
    size = info.size;
  } catch (error) {
    throw new Cd4mlError(
      "E_USAGE",
      `cannot read run record: ${error.code ?? String(error)}`,
      { location: { file: path }, hint }
    );
  }
  if (isDirectory || /\.zip$/i.test(path)) {
    const { artifactRun, readRunArtifactDir, readRunArtifactZip } = await import("./read-7XGPIQEB.js");
    const { ARTIFACT_LIMITS } = await import("./layout-CJ5PKONS.js");
    if (!isDirectory && size > ARTIFACT_LIMITS.totalBytes) {
      throw new Cd4mlError(
        "E_ARTIFACT",
        `is ${size} bytes, over the ${ARTIFACT_LIMITS.totalBytes}-byte cap of a whole run artifact`,
        { location: { file: path } }
      );
    }
    const artifact = isDirectory ? await readRunArtifactDir(path) : readRunArtifactZip(await readFile(path), path);
    return artifactRun(artifact);
  }
  const text = await readFile(path, "utf8");
  return directoryRun(parseRunRecord(text, path), dirname(resolve(path)), path);
}

export {
  isShallow,
  fetchBranchTip,
  remoteDefaultBranch,
  ensureHistory,
  openGit,
  localRunSource,
  latestStoredRun,
  storedRun,
  directoryRun,
  revParse,
  defaultBranch,
  isRunPath,
  loadRunPath
};
//# sourceMappingURL=chunk-DBWCMRS2.js.map
