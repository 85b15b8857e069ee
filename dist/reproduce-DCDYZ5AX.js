import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  buildRunRecord,
  environment,
  gitState,
  withDeclared
} from "./chunk-7RG2SZ4P.js";
import {
  runPipeline
} from "./chunk-3EVHP6CB.js";
import "./chunk-3VVVS4H3.js";
import "./chunk-A3HKKEC7.js";
import "./chunk-XNQNLCG4.js";
import "./chunk-FMHL2UT7.js";
import "./chunk-ZOYXCNJS.js";
import {
  stateDirs
} from "./chunk-TEQHPD2R.js";
import {
  compareRuns
} from "./chunk-IYYCK7PN.js";
import "./chunk-5Z3I24KP.js";
import "./chunk-LPYQMSSN.js";
import {
  loadPipeline
} from "./chunk-4B5GQXXT.js";
import "./chunk-NAJNBSQM.js";
import "./chunk-OE7PDYP2.js";
import "./chunk-NNWR7ZNT.js";
import {
  DEFAULT_PARAMS_FILE
} from "./chunk-OVJAGWQD.js";
import "./chunk-X46WCV4H.js";
import "./chunk-MWFTLBHP.js";
import "./chunk-YELAXUXB.js";
import "./chunk-FDRDYCY3.js";
import "./chunk-TZI6WE27.js";
import "./chunk-KWKVIQUA.js";
import "./chunk-XVQGURII.js";
import "./chunk-P4FB7NFE.js";
import "./chunk-AMI25YWR.js";
import "./chunk-GLCB3FVJ.js";
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import "./chunk-WARPCWE3.js";

// core/reproduce/reproduce.ts
import { existsSync, realpathSync } from "node:fs";
import { join as join2, relative } from "node:path";

// core/reproduce/environment-diff.ts
function diffEnvironment(recorded, current) {
  const differences = [];
  const check = (field, was, now) => {
    if (was !== void 0 && was !== now) differences.push({ field, recorded: was, current: now });
  };
  check("os", recorded.os, current.os);
  check("arch", recorded.arch, current.arch);
  check("node", recorded.node, current.node);
  if (recorded.python !== null) check("python", recorded.python, current.python);
  check("cd4ml", recorded.cd4ml, current.cd4ml ?? null);
  if (recorded.image !== void 0) {
    const was = recorded.image ? recorded.image.digest ?? recorded.image.ref : null;
    const now = current.image ? current.image.digest ?? current.image.ref : null;
    check("image", was, now);
  }
  const files = /* @__PURE__ */ new Set([...Object.keys(recorded.lockfiles), ...Object.keys(current.lockfiles)]);
  for (const file of [...files].sort()) {
    check(`lockfiles.${file}`, recorded.lockfiles[file] ?? null, current.lockfiles[file] ?? null);
  }
  return differences;
}

// core/reproduce/worktree.ts
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
var run = promisify(execFile);
async function addWorktree(repo, commit) {
  const path = mkdtempSync(join(tmpdir(), "cd4ml-reproduce-"));
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    spawnSync("git", ["worktree", "remove", "--force", "--force", path], {
      cwd: repo,
      stdio: "ignore"
    });
    rmSync(path, { recursive: true, force: true });
    spawnSync("git", ["worktree", "prune"], { cwd: repo, stdio: "ignore" });
  };
  try {
    await run("git", ["worktree", "add", "--detach", "--quiet", path, commit], { cwd: repo });
  } catch (error) {
    remove();
    throw new Cd4mlError("E_IO", `could not check out ${commit.slice(0, 12)} into a worktree`, {
      location: { file: repo },
      hint: String(error.stderr ?? error).trim(),
      cause: error
    });
  }
  return { path, remove };
}
async function gitTopLevel(dir) {
  try {
    return (await run("git", ["rev-parse", "--show-toplevel"], { cwd: dir })).stdout.trim();
  } catch {
    return null;
  }
}
async function hasCommit(repo, commit) {
  try {
    await run("git", ["cat-file", "-e", `${commit}^{commit}`], { cwd: repo });
    return true;
  } catch {
    return false;
  }
}

// core/reproduce/reproduce.ts
async function reproduceRun(options) {
  const { record } = options.run;
  const where = { file: options.run.source, field: "git" };
  const commit = record.git.commit;
  if (!commit) {
    throw new Cd4mlError(
      "E_USAGE",
      "the run was made outside git: there is no commit to check out",
      {
        location: where
      }
    );
  }
  if (record.git.dirty && Object.keys(record.overrides).length === 0 && !options.allowDirty) {
    throw new Cd4mlError("E_USAGE", "the run was made from a tree with uncommitted changes", {
      location: where,
      hint: "its code may not be the commit's; pass --allow-dirty to reproduce it from the commit anyway"
    });
  }
  const top = await checkoutable(options.root, commit, where);
  const worktree = await addWorktree(top, commit);
  options.onWorktree?.(worktree);
  try {
    const root = join2(worktree.path, relative(realpathSync(top), realpathSync(options.root)));
    const pipelineFile = join2(root, record.pipeline.file);
    if (!existsSync(pipelineFile)) {
      throw new Cd4mlError(
        "E_USAGE",
        `${record.pipeline.file} is not in commit ${commit.slice(0, 12)}`,
        {
          location: where,
          hint: "run reproduce from the directory the pipeline sits in (or pass --root)"
        }
      );
    }
    const { base, differences } = await checkEnvironment(root, pipelineFile, options);
    const overrides = mergeOverrides(recordedOverrides(record), options.overrides);
    const result = await runPipeline({
      pipelineFile,
      jobs: options.jobs,
      force: true,
      overrides,
      onEvent: options.onEvent,
      shells: options.shells,
      command: `cd4ml reproduce ${record.id}`
    });
    const reproduced = await buildRunRecord(result, {
      overrides,
      git: gitState(root),
      env: Promise.resolve(base)
    });
    const verdict = compareRuns(record, reproduced, options);
    return {
      verdict,
      environment: differences,
      record: reproduced,
      worktree: options.keep ? worktree.path : null
    };
  } finally {
    if (!options.keep) worktree.remove();
  }
}
async function checkoutable(root, commit, where) {
  const top = await gitTopLevel(root);
  if (!top) {
    throw new Cd4mlError("E_USAGE", `${root} is not in a git repository`, {
      hint: "run cd4ml reproduce inside a clone of the repository the run was made in"
    });
  }
  if (!await hasCommit(top, commit)) {
    throw new Cd4mlError("E_USAGE", `commit ${commit.slice(0, 12)} is not in this repository`, {
      location: where,
      hint: `fetch it: git fetch origin ${commit} (a shallow clone needs git fetch --unshallow)`
    });
  }
  return top;
}
async function checkEnvironment(root, pipelineFile, options) {
  const { record } = options.run;
  const base = await environment(root, stateDirs(root).tmp, {
    python: record.env.python !== null
  });
  const declared = loadPipeline(pipelineFile).environment;
  const differences = diffEnvironment(record.env, withDeclared(base, root, declared));
  options.onEnvironment?.(differences);
  if (options.strictEnv && differences.length > 0) {
    throw new Cd4mlError(
      "E_USAGE",
      `the environment differs from the recorded one in ${differences.length} way(s)`,
      {
        hint: "match the recorded versions and files, or drop --strict-env to reproduce anyway"
      }
    );
  }
  return { base, differences };
}
function recordedOverrides(record) {
  return Object.entries(record.overrides).map(([target, value]) => {
    const colon = target.indexOf(":");
    const file = colon > 0 ? target.slice(0, colon) : DEFAULT_PARAMS_FILE;
    const key = colon > 0 ? target.slice(colon + 1) : target;
    return { file, key, value, text: `${target}=${String(value)}` };
  });
}
function mergeOverrides(...lists) {
  const merged = /* @__PURE__ */ new Map();
  for (const override of lists.flat()) merged.set(`${override.file}:${override.key}`, override);
  return [...merged.values()];
}
export {
  reproduceRun
};
//# sourceMappingURL=reproduce-DCDYZ5AX.js.map
