import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  RUN_RECORD_LIMITS,
  parseRunRecord
} from "./chunk-L3NZHL7T.js";
import "./chunk-CMHCDC7N.js";
import "./chunk-QSCNA3LF.js";
import "./chunk-YNU33C6K.js";
import "./chunk-3SVN66WC.js";
import "./chunk-WARPCWE3.js";
export {
  RUN_RECORD_LIMITS,
  parseRunRecord
};
//# sourceMappingURL=parse-AXUX6QYW.js.map
