import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  FETCHED_REF,
  isHistoryPath
} from "./chunk-W6QAYBEP.js";
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";

// core/history-branch/git.ts
import { execFile } from "node:child_process";
function runGit(cwd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = execFile(
      "git",
      args,
      { cwd, env: { ...process.env, ...opts.env }, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code === "string") {
          reject(
            new Cd4mlError("E_IO", `cannot run git: ${error.code}`, {
              hint: "is git installed and on PATH?"
            })
          );
          return;
        }
        resolve({ ok: !error, stdout, stderr });
      }
    );
    child.stdin?.on("error", () => void 0);
    child.stdin?.end(opts.input ?? "");
  });
}
async function git(cwd, args, opts = {}) {
  const result = await runGit(cwd, args, opts);
  if (!result.ok) {
    throw new Cd4mlError(
      "E_IO",
      `git ${args[0] ?? ""} failed: ${result.stderr.trim() || "no message"}`,
      {
        location: { file: cwd }
      }
    );
  }
  return result.stdout;
}

// core/history-branch/remote.ts
import { spawn } from "node:child_process";
async function repositoryOf(root) {
  const result = await runGit(root, ["rev-parse", "--show-toplevel"]);
  if (!result.ok) {
    throw new Cd4mlError("E_USAGE", `${root} is not in a git repository`, {
      hint: "the history lives on a branch of the repository's remote: run this inside a clone"
    });
  }
  return result.stdout.trim();
}
async function fetchBranch(repo, remote, branch, env) {
  const url = await runGit(repo, ["remote", "get-url", remote]);
  if (!url.ok) {
    throw new Cd4mlError("E_USAGE", `no git remote named "${remote}"`, {
      location: { file: "<command line>", field: "remote" },
      hint: "add one (git remote add origin <url>) or pass --remote <name>"
    });
  }
  const fetched = await runGit(
    repo,
    ["fetch", "--quiet", "--no-tags", remote, `+refs/heads/${branch}:${FETCHED_REF}`],
    env ? { env } : {}
  );
  if (!fetched.ok) {
    if (/couldn't find remote ref|no such ref/i.test(fetched.stderr)) {
      await runGit(repo, ["update-ref", "-d", FETCHED_REF]);
      return null;
    }
    throw new Cd4mlError(
      "E_IO",
      `cannot fetch ${branch} from ${remote}: ${fetched.stderr.trim()}`,
      {
        hint: "check the remote URL and your credentials (a token with contents: read)"
      }
    );
  }
  return (await git(repo, ["rev-parse", "--verify", `${FETCHED_REF}^{commit}`])).trim();
}
async function historyFiles(repo, commit, branch) {
  const paths = (await git(repo, ["ls-tree", "-r", "-z", "--name-only", commit])).split("\0").filter(Boolean);
  const foreign = paths.filter((path) => !isHistoryPath(path));
  if (foreign.length > 0) {
    throw new Cd4mlError(
      "E_USAGE",
      `branch ${branch} holds ${foreign.length} file(s) cd4ml did not write: ${foreign.slice(0, 5).join(", ")}${foreign.length > 5 ? ", \u2026" : ""}`,
      {
        location: { file: `${branch}:${foreign[0] ?? ""}` },
        hint: "it is not a cd4ml history branch (only index.json, README.md and runs/<id>.json belong there): pass --branch <name> to use another, or remove those files"
      }
    );
  }
  return paths;
}
function readBlobs(repo, commit, paths, maxBytes) {
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["cat-file", "--batch"], {
      cwd: repo,
      stdio: ["pipe", "pipe", "pipe"]
    });
    const chunks = [];
    child.stdout.on("data", (chunk) => chunks.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Cd4mlError("E_IO", `git cat-file exited with ${code}`));
      const out = Buffer.concat(chunks);
      const blobs = /* @__PURE__ */ new Map();
      let at = 0;
      for (const path of paths) {
        const end = out.indexOf(10, at);
        const header = out.subarray(at, end).toString("utf8");
        const size = Number(header.split(" ")[2]);
        if (header.endsWith(" missing") || !Number.isFinite(size)) {
          at = end + 1;
          blobs.set(path, null);
          continue;
        }
        blobs.set(
          path,
          size > maxBytes ? null : out.subarray(end + 1, end + 1 + size).toString("utf8")
        );
        at = end + 1 + size + 1;
      }
      resolve(blobs);
    });
    child.stdin.on("error", () => void 0);
    child.stdin.end(paths.map((path) => `${commit}:${path}
`).join(""));
  });
}

export {
  runGit,
  git,
  repositoryOf,
  fetchBranch,
  historyFiles,
  readBlobs
};
//# sourceMappingURL=chunk-5TAVDTXP.js.map
