import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  toHistoryEntry
} from "./chunk-OSSACCFA.js";

// core/gate/baseline.ts
var BASELINE_DEPTH = 50;
var WALKED_COMMITS = 100;
async function chooseBaseline(source, query) {
  const depth = query.depth ?? BASELINE_DEPTH;
  const branch = query.branch ?? null;
  const start = query.head ? await source.mergeBase(query.base, query.head) : query.base;
  const search = {
    head: query.head ?? null,
    base: query.base,
    start,
    branch,
    walked: 0,
    depth,
    used: null,
    skipped: [],
    searched: null
  };
  if (start) {
    const line = async () => [start, ...(await source.firstParents(start, depth)).slice(1)];
    let commits = [start];
    for (let distance = 0; distance < Math.min(depth, commits.length); distance++) {
      const commit = commits[distance] ?? start;
      search.walked++;
      const found = await usableRunAt(source, commit, branch, query.excludeRunId, search.skipped);
      if (found) {
        search.used = { label: found.candidate.label, commit, distance, ...urlOf(found.candidate) };
        search.searched = source.searched?.() ?? null;
        return { base: { run: found.run, commit }, search };
      }
      if (distance === 0 && depth > 1) commits = await line();
    }
  }
  search.searched = source.searched?.() ?? null;
  return { base: null, search };
}
async function walkedHistory(source, base, branch, limit) {
  if (!base.commit || limit === 0) return [];
  const entries = [];
  for (const commit of await source.firstParents(
    base.commit,
    Math.max(limit * 5, WALKED_COMMITS)
  )) {
    if (entries.length >= limit) break;
    const found = await usableRunAt(source, commit, branch, void 0, []);
    if (found) entries.push(toHistoryEntry(found.run.record));
  }
  return entries.reverse();
}
function urlOf(candidate) {
  return candidate.url ? { url: candidate.url } : {};
}
async function usableRunAt(source, commit, branch, excludeRunId, skipped) {
  const candidates = [...await source.candidateRuns(commit, branch)].sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt)
  );
  for (const candidate of candidates) {
    const refused = refusal(source, candidate, commit, branch);
    if (refused) {
      skipped.push({ label: candidate.label, commit, reason: refused });
      continue;
    }
    const read = await source.readRun(candidate);
    if ("missing" in read) {
      skipped.push({ label: candidate.label, commit, reason: read.missing });
      continue;
    }
    const reason = recordRefusal(source, read.run, commit, excludeRunId);
    if (reason === "the head run itself") continue;
    if (reason) {
      skipped.push({ label: candidate.label, commit, reason });
      continue;
    }
    return { run: read.run, candidate };
  }
  return null;
}
function refusal(source, candidate, commit, branch) {
  if (candidate.commit !== commit) return `it ran at ${candidate.commit.slice(0, 7)}`;
  if (!candidate.succeeded) return "it did not succeed";
  if (source.trust === "local") return null;
  if (!candidate.sameRepository) return "a fork's run (its workflow could write any numbers)";
  if (candidate.event !== "push") return `a \`${candidate.event}\` run, not a push`;
  if (branch !== null && candidate.branch !== branch)
    return `a run of \`${candidate.branch ?? "?"}\`, not \`${branch}\``;
  return null;
}
function recordRefusal(source, run, commit, excludeRunId) {
  const record = run.record;
  if (record.id === excludeRunId) return "the head run itself";
  if (record.git.commit !== commit)
    return `its record says it ran at ${(record.git.commit ?? "no commit").slice(0, 7)}`;
  if (record.git.dirty) return "its record was made from a modified working tree";
  if (record.status !== "success") return "a stage failed in it";
  if (source.trust === "github" && record.event !== "push")
    return `its record says \`${record.event}\`, not a push`;
  return null;
}

export {
  WALKED_COMMITS,
  chooseBaseline,
  walkedHistory
};
//# sourceMappingURL=chunk-QEEBABML.js.map
