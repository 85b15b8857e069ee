import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  require_semver
} from "./chunk-RHGITQ6R.js";
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";
import {
  __toESM
} from "./chunk-WARPCWE3.js";

// core/deploy/version.ts
var import_semver = __toESM(require_semver(), 1);
function releaseVersion(tag) {
  const text = tag.startsWith("v") ? tag.slice(1) : tag;
  const parsed = import_semver.default.valid(text);
  if (!parsed || import_semver.default.prerelease(parsed)) return null;
  return parsed;
}
function releaseVersions(tags) {
  const versions = /* @__PURE__ */ new Set();
  for (const tag of tags) {
    const version = releaseVersion(tag);
    if (version) versions.add(version);
  }
  return [...versions].sort(import_semver.default.rcompare);
}
function rollbackTarget(requested, tags) {
  const version = releaseVersion(requested.trim());
  if (!version) {
    throw new Cd4mlError("E_USAGE", `"${requested}" is not a release version`, {
      hint: "give a version such as v1.4.0 (see the repository tags)"
    });
  }
  const tag = tags.find((t) => releaseVersion(t) === version);
  if (!tag) {
    const known = releaseVersions(tags).slice(0, 5);
    throw new Cd4mlError("E_USAGE", `there is no release v${version}`, {
      hint: known.length ? `the newest releases are ${known.map((v) => `v${v}`).join(", ")}` : "this repository has no release tags yet"
    });
  }
  return tag;
}

// cli/commands/rollback-run.ts
function api(base, token) {
  const headers = {
    accept: "application/vnd.github+json",
    authorization: `Bearer ${token}`,
    "x-github-api-version": "2022-11-28",
    "user-agent": "cd4ml-cli"
  };
  const request = async (method, url, body) => {
    const response = await fetch(url, {
      method,
      headers: body ? { ...headers, "content-type": "application/json" } : headers,
      ...body ? { body: JSON.stringify(body) } : {}
    });
    const text = await response.text();
    if (!response.ok) {
      let message = text.slice(0, 300);
      try {
        message = JSON.parse(text).message ?? message;
      } catch {
      }
      throw new Cd4mlError(
        "E_USAGE",
        `GitHub answered ${response.status} to ${method} ${new URL(url).pathname}: ${message}`,
        {
          hint: response.status === 401 || response.status === 403 || response.status === 404 ? "check GITHUB_TOKEN can read the repository and create deployments" : void 0
        }
      );
    }
    const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1] ?? null;
    return { body: text ? JSON.parse(text) : null, next };
  };
  return {
    get: (path) => request("GET", path.startsWith("http") ? path : `${base}${path}`),
    post: async (path, body) => (await request("POST", `${base}${path}`, body)).body
  };
}
function repoFromRemote(url) {
  const match = /^(?:https?:\/\/(?:[^@/]+@)?[^/]+\/|ssh:\/\/[^/]+\/|[\w.-]+@[^:]+:)([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(
    url.trim()
  );
  return match ? `${match[1]}/${match[2]}` : null;
}
async function originRepo() {
  const { simpleGit } = await import("./dist-2UBU5QLR.js");
  let url = "";
  try {
    url = await simpleGit().remote(["get-url", "origin"]) ?? "";
  } catch {
  }
  const repo = repoFromRemote(url);
  if (!repo) {
    throw new Cd4mlError("E_USAGE", 'cannot tell the repository: no GitHub remote "origin"', {
      location: { file: "<command line>", field: "repo" },
      hint: "pass --repo owner/name"
    });
  }
  return repo;
}
async function rollback(version, flags, env = process.env) {
  const token = env.GITHUB_TOKEN || env.GH_TOKEN;
  if (!token) {
    throw new Cd4mlError("E_USAGE", "GITHUB_TOKEN is not set", {
      hint: "export GITHUB_TOKEN=\u2026 (a token that can create deployments, e.g. `gh auth token`)"
    });
  }
  const repo = flags.repo ?? await originRepo();
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo)) {
    throw new Cd4mlError("E_USAGE", `--repo "${repo}" is not owner/name`, {
      location: { file: "<command line>", field: "repo" }
    });
  }
  const github = api(
    (flags.apiUrl ?? env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/$/, ""),
    token
  );
  const tags = [];
  for (let url = `/repos/${repo}/tags?per_page=100`; url; ) {
    const page = await github.get(url);
    for (const tag2 of page.body) tags.push(tag2.name);
    url = page.next;
  }
  const tag = rollbackTarget(version, tags);
  const created = await github.post(`/repos/${repo}/deployments`, {
    ref: tag,
    environment: flags.environment,
    auto_merge: false,
    required_contexts: [],
    production_environment: flags.environment === "production",
    description: `cd4ml rollback to ${tag} (cd4ml rollback)`,
    payload: {
      cd4ml: { version: tag, issue: null, rollback: true, requestedBy: env.USER ?? null }
    }
  });
  if (typeof created.id !== "number") {
    throw new Cd4mlError("E_USAGE", `GitHub did not create the deployment of ${tag}`);
  }
  return { id: created.id, tag, repo };
}
export {
  repoFromRemote,
  rollback
};
//# sourceMappingURL=rollback-run-YQN2HPY5.js.map
