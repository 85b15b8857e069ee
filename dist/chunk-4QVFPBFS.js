import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);

// cli/ci-context.ts
import { readFileSync } from "node:fs";
function ciContext(env = process.env) {
  if (env.GITHUB_ACTIONS !== "true") return {};
  const runUrl = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : void 0;
  return {
    event: env.GITHUB_EVENT_NAME ?? "unknown",
    ci: {
      provider: "github-actions",
      runId: env.GITHUB_RUN_ID,
      runUrl,
      repository: env.GITHUB_REPOSITORY,
      ref: env.GITHUB_REF
    }
  };
}
function pullRequestHead(env) {
  if (env.GITHUB_ACTIONS !== "true" || !env.GITHUB_EVENT_NAME?.startsWith("pull_request"))
    return null;
  if (!env.GITHUB_EVENT_PATH) return null;
  let payload;
  try {
    payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8"));
  } catch {
    return null;
  }
  const head = payload.pull_request?.head;
  if (typeof head?.sha !== "string" || !/^[0-9a-f]{40}$/.test(head.sha)) return null;
  return { sha: head.sha, ref: typeof head.ref === "string" ? head.ref : null };
}
async function recordedGit(git, env = process.env) {
  const state = await git;
  const head = pullRequestHead(env);
  if (!head || !state.commit || state.commit !== env.GITHUB_SHA || state.commit === head.sha)
    return state;
  return { ...state, commit: head.sha, branch: state.branch ?? head.ref };
}

export {
  ciContext,
  recordedGit
};
//# sourceMappingURL=chunk-4QVFPBFS.js.map
