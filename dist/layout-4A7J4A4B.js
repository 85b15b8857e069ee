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
} from "./chunk-DWDMPV33.js";
import "./chunk-RKTGIFGW.js";
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
//# sourceMappingURL=layout-4A7J4A4B.js.map
