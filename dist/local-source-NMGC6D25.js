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
} from "./chunk-N6M4JC3I.js";
import "./chunk-XDKQUB2Q.js";
import "./chunk-RJKY36PI.js";
import "./chunk-B32M3SZK.js";
import "./chunk-IMTQNICV.js";
import "./chunk-ZVUFDLLX.js";
import "./chunk-KNG5AAJO.js";
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
//# sourceMappingURL=local-source-NMGC6D25.js.map
