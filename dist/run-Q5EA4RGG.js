import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  decide,
  formatDuration,
  logName,
  logTail,
  openChecker,
  runPipeline,
  stateDirs
} from "./chunk-T3BUEJH6.js";
import "./chunk-CPJXOR7O.js";
import "./chunk-XNQNLCG4.js";
import "./chunk-HOQDWXFN.js";
import "./chunk-FERNUCDL.js";
import "./chunk-FDRDYCY3.js";
import "./chunk-GHTYEQUQ.js";
import "./chunk-2GQV5RWE.js";
import "./chunk-RQ2NQWT4.js";
import "./chunk-4AXHXC4F.js";
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
//# sourceMappingURL=run-Q5EA4RGG.js.map
