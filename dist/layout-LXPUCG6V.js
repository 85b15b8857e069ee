import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  ARTIFACT_LIMITS,
  ATTACHMENT_EXTENSIONS,
  ArtifactManifest,
  DEFAULT_HISTORY_RUNS,
  FIXED_ENTRIES,
  FileRole,
  HISTORY_ENTRY,
  MANIFEST_ENTRY,
  MODEL_ARTIFACT_NAME,
  RECORD_ENTRY,
  RUN_ARTIFACT_FORMAT,
  RUN_ARTIFACT_NAME,
  SHADOW_ENTRY,
  isAllowedAttachment,
  unsafeEntryName
} from "./chunk-FK6BPKUM.js";
import "./chunk-2UBMXQPT.js";
import "./chunk-BV3ZQNLS.js";
import "./chunk-WARPCWE3.js";
export {
  ARTIFACT_LIMITS,
  ATTACHMENT_EXTENSIONS,
  ArtifactManifest,
  DEFAULT_HISTORY_RUNS,
  FIXED_ENTRIES,
  FileRole,
  HISTORY_ENTRY,
  MANIFEST_ENTRY,
  MODEL_ARTIFACT_NAME,
  RECORD_ENTRY,
  RUN_ARTIFACT_FORMAT,
  RUN_ARTIFACT_NAME,
  SHADOW_ENTRY,
  isAllowedAttachment,
  unsafeEntryName
};
//# sourceMappingURL=layout-LXPUCG6V.js.map
