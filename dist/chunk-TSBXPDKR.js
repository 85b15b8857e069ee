import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);

// core/workflow/ids.ts
import { createHash } from "node:crypto";
var ARTIFACT_FORBIDDEN = /[":<>|*?\r\n\\/,]/g;
var STAGE_ARTIFACT_PREFIX = "cd4ml-stage-";
var FRAGMENT_ARTIFACT_PREFIX = "cd4ml-fragment-";
function fragmentArtifactFor(artifact) {
  return `${FRAGMENT_ARTIFACT_PREFIX}${artifact.slice(STAGE_ARTIFACT_PREFIX.length)}`;
}
function jobIdFor(name) {
  const cleaned = name.replace(/[^A-Za-z0-9_-]/g, "_");
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}
var ARTIFACT_NAME_MAX = 200;
function artifactNameFor(name) {
  const full = `${STAGE_ARTIFACT_PREFIX}${name.replace(ARTIFACT_FORBIDDEN, "_")}`;
  if (full.length <= ARTIFACT_NAME_MAX) return full;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 12);
  return `${full.slice(0, ARTIFACT_NAME_MAX - 13)}-${hash}`;
}
function uniqueNames(wanted, taken = []) {
  const used = new Set([...taken].map((name) => name.toLowerCase()));
  return wanted.map((name) => {
    let candidate = name;
    for (let n = 2; used.has(candidate.toLowerCase()); n += 1) candidate = `${name}-${n}`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}

export {
  STAGE_ARTIFACT_PREFIX,
  FRAGMENT_ARTIFACT_PREFIX,
  fragmentArtifactFor,
  jobIdFor,
  artifactNameFor,
  uniqueNames
};
//# sourceMappingURL=chunk-TSBXPDKR.js.map
