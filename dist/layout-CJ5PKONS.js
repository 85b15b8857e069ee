import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  ARTIFACT_LIMITS,
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
} from "./chunk-XOWASQMC.js";
import "./chunk-3IRWCR3G.js";
import "./chunk-YELAXUXB.js";
import "./chunk-KWKVIQUA.js";
import "./chunk-GLCB3FVJ.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import "./chunk-WARPCWE3.js";
export {
  ARTIFACT_LIMITS,
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
//# sourceMappingURL=layout-CJ5PKONS.js.map
