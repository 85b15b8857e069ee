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
} from "./chunk-SUNKRAJN.js";
import "./chunk-FBKXUXEV.js";
import "./chunk-AQTWJGGF.js";
import "./chunk-5TAVDTXP.js";
import "./chunk-W6QAYBEP.js";
import "./chunk-EOY3QICW.js";
import "./chunk-Y7Z7FDQ2.js";
import "./chunk-YELAXUXB.js";
import "./chunk-HM35DXRT.js";
import "./chunk-KWKVIQUA.js";
import "./chunk-CCETPZWY.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-GEUQRBTG.js";
import "./chunk-W3FRIKUD.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
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
//# sourceMappingURL=local-source-K2DVLD5J.js.map
