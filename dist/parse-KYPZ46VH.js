import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  RUN_RECORD_LIMITS,
  parseRunRecord
} from "./chunk-4NPRNPR6.js";
import "./chunk-CMHCDC7N.js";
import "./chunk-QSCNA3LF.js";
import "./chunk-3QTQQ26Y.js";
import "./chunk-4AXHXC4F.js";
import "./chunk-WARPCWE3.js";
export {
  RUN_RECORD_LIMITS,
  parseRunRecord
};
//# sourceMappingURL=parse-KYPZ46VH.js.map
