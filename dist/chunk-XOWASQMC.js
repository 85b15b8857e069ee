import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  RUN_RECORD_LIMITS
} from "./chunk-3IRWCR3G.js";
import {
  _default,
  _enum,
  array,
  int,
  literal,
  nullable,
  number,
  object,
  optional,
  string
} from "./chunk-JK3JTSK4.js";
import {
  _nonnegative
} from "./chunk-GDE4YRT6.js";

// core/run-artifact/layout.ts
var RUN_ARTIFACT_FORMAT = "cd4ml/run-artifact@1";
var RUN_ARTIFACT_NAME = "cd4ml-run";
var MODEL_ARTIFACT_NAME = "cd4ml-model";
var RECORD_ENTRY = "cd4ml-run.json";
var MANIFEST_ENTRY = "cd4ml-artifact.json";
var HISTORY_ENTRY = "cd4ml-history.json";
var SHADOW_ENTRY = "cd4ml-shadow.json";
var FIXED_ENTRIES = [
  RECORD_ENTRY,
  MANIFEST_ENTRY,
  HISTORY_ENTRY,
  SHADOW_ENTRY
];
var ARTIFACT_LIMITS = {
  /** Entries in one artifact (files; directory entries count too). */
  entries: 1e3,
  /** Bytes of one entry after inflating. */
  entryBytes: 64 * 1024 * 1024,
  /** Bytes of all kept entries together after inflating. */
  totalBytes: 128 * 1024 * 1024,
  /** Inflated bytes per zip byte, over the whole archive, once past `ratioFloorBytes`. */
  ratio: 200,
  /** Inflated bytes any archive may reach before the ratio applies (tiny zips compress well). */
  ratioFloorBytes: 1024 * 1024,
  /** Length of an entry name, and its number of path segments. */
  nameChars: 512,
  nameSegments: 32,
  /** Runs kept in `cd4ml-history.json`. */
  historyRuns: 1e3
};
var SMALL_ENTRY_BYTES = 8 * 1024 * 1024;
function entryCap(name, limits) {
  if (name === RECORD_ENTRY) return Math.min(limits.entryBytes, RUN_RECORD_LIMITS.bytes);
  if (name === MANIFEST_ENTRY || name === HISTORY_ENTRY || name === SHADOW_ENTRY)
    return Math.min(limits.entryBytes, SMALL_ENTRY_BYTES);
  return limits.entryBytes;
}
var DEFAULT_HISTORY_RUNS = 20;
var ATTACHMENT_EXTENSIONS = [".json", ".yaml", ".yml", ".csv", ".tsv", ".txt"];
var FileRole = _enum(["metrics", "plots", "predictions", "stats"]);
var ArtifactManifest = object({
  format: string(),
  /** cd4ml version that wrote it. */
  writer: optional(string()),
  record: literal(RECORD_ENTRY),
  /** `cd4ml-history.json`, or null when the artifact carries no history. */
  history: _default(nullable(literal(HISTORY_ENTRY)), null),
  files: array(
    object({
      path: string(),
      role: FileRole,
      bytes: number().check(int(), _nonnegative()),
      sha256: string()
    })
  ),
  /** Files the record points to that were left out, and why (over a cap, missing). */
  skipped: _default(
    array(object({ path: string(), role: FileRole, reason: string() })),
    []
  )
});
function unsafeEntryName(name) {
  if (name.length === 0) return "is empty";
  if (name.length > ARTIFACT_LIMITS.nameChars)
    return `is longer than ${ARTIFACT_LIMITS.nameChars} characters`;
  if (/[\u0000-\u001f\u007f]/.test(name)) return "contains control characters";
  if (name.includes("\\")) return "contains a backslash";
  if (name.startsWith("/")) return "is absolute";
  if (/^[A-Za-z]:/.test(name)) return "starts with a drive letter";
  const segments = name.replace(/\/$/, "").split("/");
  if (segments.length > ARTIFACT_LIMITS.nameSegments)
    return `has more than ${ARTIFACT_LIMITS.nameSegments} path segments`;
  if (segments.some((s) => s === ".." || s === "." || s === ""))
    return 'has an empty, "." or ".." segment';
  return null;
}
function isAllowedAttachment(name) {
  const lower = name.toLowerCase();
  return unsafeEntryName(name) === null && ATTACHMENT_EXTENSIONS.some((ext) => lower.endsWith(ext)) && !FIXED_ENTRIES.includes(name);
}

export {
  RUN_ARTIFACT_FORMAT,
  RUN_ARTIFACT_NAME,
  MODEL_ARTIFACT_NAME,
  RECORD_ENTRY,
  MANIFEST_ENTRY,
  HISTORY_ENTRY,
  SHADOW_ENTRY,
  FIXED_ENTRIES,
  ARTIFACT_LIMITS,
  entryCap,
  DEFAULT_HISTORY_RUNS,
  FileRole,
  ArtifactManifest,
  unsafeEntryName,
  isAllowedAttachment
};
//# sourceMappingURL=chunk-XOWASQMC.js.map
