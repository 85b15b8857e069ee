import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  POLICY_PATH,
  parsePolicy
} from "./chunk-ZQBTFOB7.js";
import "./chunk-GHTYEQUQ.js";
import "./chunk-2GQV5RWE.js";
import "./chunk-RKTGIFGW.js";
import "./chunk-RQ2NQWT4.js";
import "./chunk-4AXHXC4F.js";
import "./chunk-WARPCWE3.js";
export {
  POLICY_PATH,
  parsePolicy
};
//# sourceMappingURL=parse-FSDDDS4G.js.map
