import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  RUN_RECORD_LIMITS,
  parseRunRecord
} from "./chunk-IEVF3JTA.js";
import "./chunk-CMHCDC7N.js";
import "./chunk-RKTGIFGW.js";
import "./chunk-RQ2NQWT4.js";
import "./chunk-4AXHXC4F.js";
import "./chunk-WARPCWE3.js";
export {
  RUN_RECORD_LIMITS,
  parseRunRecord
};
//# sourceMappingURL=parse-QKZIIETF.js.map
