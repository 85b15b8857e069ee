import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  fetchBranch,
  git,
  historyFiles,
  readBlobs,
  repositoryOf,
  runGit
} from "./chunk-5TAVDTXP.js";
import {
  BRANCH_README,
  FETCHED_REF,
  HistoryIndex,
  INDEX_FILE,
  INDEX_SCHEMA,
  README_FILE,
  RUN_ID,
  compactRecord,
  indexEntry,
  runFile
} from "./chunk-W6QAYBEP.js";
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import "./chunk-WARPCWE3.js";

// core/history-branch/push.ts
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
var RACE = /\[rejected\]|fetch first|non-fast-forward|failed to update ref|cannot lock ref|incorrect old value/i;
var DECLINED = /\[remote rejected\]|hook declined|protected branch|GH0\d\d|permission to \S+ denied|403/i;
var TRANSIENT_WAITS_MS = [1e3, 2e3];
async function pushHistory(options, waits = TRANSIENT_WAITS_MS) {
  const repo = await repositoryOf(options.root);
  let transient = 0;
  const again = async (error) => {
    const wait = waits[transient++];
    if (wait === void 0) {
      throw new Cd4mlError("E_IO", `${error.message.split("\n")[0]} (tried ${transient} times)`, {
        hint: "the remote could not be reached or failed: check the remote URL and try again (cd4ml history push)",
        cause: error
      });
    }
    await new Promise((done) => setTimeout(done, wait));
  };
  let attempts = 0;
  while (attempts <= options.retries) {
    let tip;
    try {
      tip = await fetchBranch(repo, options.remote, options.branch, options.gitEnv);
    } catch (error) {
      if (!(error instanceof Cd4mlError) || error.code !== "E_IO") throw error;
      await again(error);
      continue;
    }
    const files = tip ? await historyFiles(repo, tip, options.branch) : [];
    const present = new Set(files);
    const fresh = options.runs.filter(
      (run) => RUN_ID.test(run.record.id) && !present.has(runFile(run.record.id))
    );
    const total = files.filter((file) => file.startsWith("runs/")).length + fresh.length;
    if (fresh.length === 0) return { added: 0, total, attempts };
    const index = tip ? await readIndex(repo, tip, present) : [];
    const commit = await commitRuns(repo, tip, fresh, index, !present.has(README_FILE));
    attempts++;
    const pushed = await runGit(
      repo,
      ["push", "--porcelain", options.remote, `${commit}:refs/heads/${options.branch}`],
      options.gitEnv ? { env: options.gitEnv } : {}
    );
    if (pushed.ok) {
      await git(repo, ["update-ref", FETCHED_REF, commit]);
      return { added: fresh.length, total, attempts };
    }
    const said = pushed.stdout + pushed.stderr;
    if (RACE.test(said)) continue;
    const message = `cannot push ${options.branch} to ${options.remote}: ${gitWords(said)}`;
    if (DECLINED.test(said)) {
      throw new Cd4mlError("E_IO", `${message} (the remote declined it; not retried)`, {
        hint: `let this token push to ${options.branch}: it needs contents: write, and no hook, branch protection or ruleset may refuse it`
      });
    }
    await again(new Cd4mlError("E_IO", message));
  }
  throw new Cd4mlError(
    "E_IO",
    `gave up pushing ${options.branch} after ${attempts} rejected attempts`,
    {
      hint: "other writers kept landing first; run cd4ml history push again"
    }
  );
}
function gitWords(output) {
  const lines = output.split("\n").map((line) => line.trim());
  const remote = lines.filter((line) => line.startsWith("remote:"));
  const refused = lines.flatMap(
    (line) => line.startsWith("!") ? [line.split("	").at(-1) ?? ""] : []
  );
  const other = lines.filter(
    (line) => /^(fatal|error):/.test(line) && !/failed to push some refs/.test(line)
  );
  return [...remote, ...refused, ...other].join("; ") || "no message";
}
async function readIndex(repo, tip, present) {
  if (!present.has(INDEX_FILE)) return [];
  const text = (await readBlobs(repo, tip, [INDEX_FILE], 64 * 1024 * 1024)).get(INDEX_FILE);
  try {
    return HistoryIndex.parse(JSON.parse(text ?? "null")).runs;
  } catch {
    return [];
  }
}
async function commitRuns(repo, tip, runs, index, withReadme) {
  const scratch = mkdtempSync(join(tmpdir(), "cd4ml-history-"));
  try {
    const env = { GIT_INDEX_FILE: join(scratch, "index"), ...await identity(repo) };
    await git(repo, tip ? ["read-tree", tip] : ["read-tree", "--empty"], { env });
    const entries = new Map(index.map((entry) => [entry.id, entry]));
    const files = runs.map((run) => {
      entries.set(run.record.id, indexEntry(run.record));
      return [runFile(run.record.id), `${JSON.stringify(compactRecord(run.record))}
`];
    });
    const sorted = [...entries.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    files.push([
      INDEX_FILE,
      `${JSON.stringify({ schema: INDEX_SCHEMA, runs: sorted }, null, 1)}
`
    ]);
    if (withReadme) files.push([README_FILE, BRANCH_README]);
    const paths = files.map(([, text], i) => {
      const path = join(scratch, `blob-${i}`);
      writeFileSync(path, text);
      return path;
    });
    const blobs = (await git(repo, ["hash-object", "-w", "--stdin-paths"], { input: `${paths.join("\n")}
` })).trim().split("\n");
    const info = files.map(([name], i) => `100644 ${blobs[i]}	${name}`).join("\n");
    await git(repo, ["update-index", "--add", "--index-info"], { env, input: `${info}
` });
    const tree = (await git(repo, ["write-tree"], { env })).trim();
    const message = `cd4ml history: ${runs.length} run(s)

${runs.map((run) => run.record.id).join("\n")}
`;
    return (await git(repo, ["commit-tree", tree, ...tip ? ["-p", tip] : [], "-F", "-"], {
      env,
      input: message
    })).trim();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
async function identity(repo) {
  if ((await runGit(repo, ["config", "user.email"])).stdout.trim() !== "") return {};
  const name = process.env.GITHUB_ACTIONS === "true" ? "github-actions[bot]" : "cd4ml";
  const email = process.env.GITHUB_ACTIONS === "true" ? "41898282+github-actions[bot]@users.noreply.github.com" : "cd4ml@users.noreply.github.com";
  return {
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: email,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: email
  };
}
export {
  TRANSIENT_WAITS_MS,
  pushHistory
};
//# sourceMappingURL=push-IS4F6LX7.js.map
