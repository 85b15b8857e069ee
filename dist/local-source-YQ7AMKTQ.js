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
} from "./chunk-OOQ3CPWM.js";
import "./chunk-4LSE2YFS.js";
import "./chunk-FVHNGGLD.js";
import "./chunk-3JMKPWMP.js";
import "./chunk-XELS5LSV.js";
import "./chunk-FYMPKZYT.js";
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
//# sourceMappingURL=local-source-YQ7AMKTQ.js.map
