import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  baselinesAlong,
  baselinesByCommit,
  listRuns
} from "./chunk-QCB6NS4H.js";
import {
  toHistoryEntry
} from "./chunk-BU3HBO22.js";
import "./chunk-ST4MYNUI.js";
import {
  parseRunRecord
} from "./chunk-L3NZHL7T.js";
import "./chunk-CMHCDC7N.js";
import "./chunk-QSCNA3LF.js";
import "./chunk-YNU33C6K.js";
import {
  Cd4mlError
} from "./chunk-3SVN66WC.js";
import "./chunk-WARPCWE3.js";

// core/gate/local-source.ts
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
var NEAREST_LOOKBACK = 500;
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
  const runs = once(() => listRuns(root));
  const baselines = once(async () => baselinesByCommit(await runs(), options.headRunId));
  return {
    async baselineAt(commit, opts) {
      if (!git) return null;
      let map = await baselines();
      if (opts?.excludeRunId && opts.excludeRunId !== options.headRunId)
        map = baselinesByCommit(await runs(), opts.excludeRunId);
      const line = await firstParents(git, commit, NEAREST_LOOKBACK);
      const run = baselinesAlong(line.length > 0 ? line : [commit], map, 1)[0];
      return run ? { run: storedRun(run), commit: run.record.git.commit ?? commit } : null;
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
    },
    async history(base, limit) {
      if (!git || !base.commit || limit === 0) return [];
      const commits = await firstParents(git, base.commit, Math.max(limit * 5, 100));
      return baselinesAlong(commits, await baselines(), limit).map((run) => toHistoryEntry(run.record)).reverse();
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
async function mergeBaseCommit(git, headCommit) {
  const branch = await defaultBranch(git);
  if (!branch)
    return { note: "No default branch (origin/HEAD, main or master) to find a baseline on." };
  let commit;
  try {
    commit = (await git.raw(["merge-base", headCommit ?? "HEAD", branch])).trim() || null;
  } catch {
    commit = null;
  }
  if (!commit) return { note: `The head commit has no merge-base with ${branch}: no baseline.` };
  return { commit, label: `the merge-base with ${branch}` };
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
    const { artifactRun, readRunArtifactDir, readRunArtifactZip } = await import("./read-DMZ4BAUE.js");
    const { ARTIFACT_LIMITS } = await import("./layout-S6B4CEYU.js");
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
  defaultBranch,
  directoryRun,
  isRunPath,
  latestStoredRun,
  loadRunPath,
  localRunSource,
  mergeBaseCommit,
  openGit,
  revParse,
  storedRun
};
//# sourceMappingURL=local-source-N4HSYXQZ.js.map
