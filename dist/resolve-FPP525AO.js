import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  loadRunPath,
  storedRun
} from "./chunk-DBWCMRS2.js";
import "./chunk-OJK3754G.js";
import "./chunk-JION7JJ2.js";
import "./chunk-5TAVDTXP.js";
import "./chunk-W6QAYBEP.js";
import {
  representativeRun
} from "./chunk-X46WCV4H.js";
import "./chunk-3IRWCR3G.js";
import "./chunk-YELAXUXB.js";
import "./chunk-QEEBABML.js";
import "./chunk-KWKVIQUA.js";
import "./chunk-GLCB3FVJ.js";
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";
import "./chunk-OSSACCFA.js";
import "./chunk-TCP67NLO.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import "./chunk-WARPCWE3.js";

// core/reproduce/resolve.ts
import { existsSync } from "node:fs";
var WHERE = { file: "<command line>", field: "run" };
async function resolveRun(spec, runs, git) {
  if (existsSync(spec)) return loadRunPath(spec);
  const exact = runs.find((run) => run.record.id === spec);
  if (exact) return storedRun(exact);
  const prefixed = dedupe(runs.filter((run) => run.record.id.startsWith(spec)));
  if (prefixed.length > 1) {
    throw new Cd4mlError("E_USAGE", `run id prefix "${spec}" is ambiguous`, {
      location: WHERE,
      hint: `it starts ${prefixed.length} runs: ${prefixed.slice(0, 5).map((run) => run.record.id).join(", ")}${prefixed.length > 5 ? ", \u2026" : ""}; give more of the id`
    });
  }
  const commit = git ? await commitOf(git, spec) : null;
  if (commit) {
    const atCommit = runs.filter((run2) => run2.record.git.commit === commit);
    const run = representativeRun(atCommit.filter((r) => r.record.status === "success"));
    if (run ?? atCommit.at(-1)) return storedRun(run ?? atCommit.at(-1));
    if (prefixed.length === 0) {
      throw new Cd4mlError("E_USAGE", `no recorded run of commit ${commit.slice(0, 12)}`, {
        location: WHERE,
        hint: "run `cd4ml history` to see the recorded runs, or `cd4ml history pull` to fetch the history branch"
      });
    }
  }
  const [only] = prefixed;
  if (only) return storedRun(only);
  throw new Cd4mlError("E_USAGE", `unknown run "${spec}": not a file, a run id or a commit`, {
    location: WHERE,
    hint: "pass a run id (`cd4ml history --format json` lists them), a commit, a cd4ml-run.json or a run artifact; `cd4ml history pull` fetches runs recorded elsewhere"
  });
}
async function commitOf(git, revision) {
  if (revision.startsWith("-")) return null;
  try {
    return (await git.raw(["rev-parse", "--verify", `${revision}^{commit}`])).trim() || null;
  } catch (error) {
    if (/ambiguous/i.test(String(error))) {
      throw new Cd4mlError("E_USAGE", `short sha "${revision}" is ambiguous`, {
        location: WHERE,
        hint: "give more characters of the commit, or the run id"
      });
    }
    return null;
  }
}
function dedupe(runs) {
  return [...new Map(runs.map((run) => [run.record.id, run])).values()];
}
export {
  resolveRun
};
//# sourceMappingURL=resolve-FPP525AO.js.map
