import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  defaultBranch,
  directoryRun,
  isRunPath,
  latestStoredRun,
  loadRunPath,
  localRunSource,
  openGit,
  revParse,
  storedRun
} from "./chunk-T2SKEUOD.js";
import "./chunk-V2QDY3D2.js";
import "./chunk-4MAJR6VF.js";
import "./chunk-5CTVXYNH.js";
import "./chunk-2Q7MXJKZ.js";
import "./chunk-DCPLC7TB.js";
import "./chunk-ZVUFDLLX.js";
import "./chunk-KWKVIQUA.js";
import "./chunk-YNU33C6K.js";
import "./chunk-3SVN66WC.js";
import "./chunk-2UBMXQPT.js";
import "./chunk-BV3ZQNLS.js";
import "./chunk-WARPCWE3.js";
export {
  defaultBranch,
  directoryRun,
  isRunPath,
  latestStoredRun,
  loadRunPath,
  localRunSource,
  openGit,
  revParse,
  storedRun
};
//# sourceMappingURL=local-source-LFFMGQHN.js.map
