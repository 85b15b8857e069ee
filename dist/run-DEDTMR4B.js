import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  decide,
  formatDuration,
  logName,
  logTail,
  openChecker,
  runPipeline,
  stateDirs
} from "./chunk-ZAJTEWYN.js";
import "./chunk-YOQ5RI6X.js";
import "./chunk-XNQNLCG4.js";
import "./chunk-KEOTGJIN.js";
import "./chunk-J2DKWH55.js";
import "./chunk-FDRDYCY3.js";
import "./chunk-MHBK5F5J.js";
import "./chunk-2GQV5RWE.js";
import "./chunk-YNU33C6K.js";
import "./chunk-3SVN66WC.js";
import "./chunk-WARPCWE3.js";
export {
  decide,
  formatDuration,
  logName,
  logTail,
  openChecker,
  runPipeline,
  stateDirs
};
//# sourceMappingURL=run-DEDTMR4B.js.map
