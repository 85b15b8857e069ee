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
  isAllowedAttachment,
  unsafeEntryName
} from "./chunk-ULCWUICM.js";
import "./chunk-QSCNA3LF.js";
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
  isAllowedAttachment,
  unsafeEntryName
};
//# sourceMappingURL=layout-S6B4CEYU.js.map
