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
  entryCap,
  isAllowedAttachment,
  unsafeEntryName
} from "./chunk-TJSYJGVX.js";
import "./chunk-Y7Z7FDQ2.js";
import "./chunk-YELAXUXB.js";
import "./chunk-KWKVIQUA.js";
import "./chunk-CCETPZWY.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
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
  entryCap,
  isAllowedAttachment,
  unsafeEntryName
};
//# sourceMappingURL=layout-67PHWUR5.js.map
