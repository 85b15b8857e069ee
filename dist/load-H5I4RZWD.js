import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  durationMs,
  loadPipeline
} from "./chunk-AQYNP4JE.js";
import "./chunk-J2DKWH55.js";
import "./chunk-MHBK5F5J.js";
import "./chunk-2GQV5RWE.js";
import "./chunk-QSCNA3LF.js";
import "./chunk-YNU33C6K.js";
import "./chunk-3SVN66WC.js";
import "./chunk-WARPCWE3.js";
export {
  durationMs,
  loadPipeline
};
//# sourceMappingURL=load-H5I4RZWD.js.map
