import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  POLICY_PATH,
  parsePolicy
} from "./chunk-FFKSSSAM.js";
import "./chunk-MD63NX4Y.js";
import "./chunk-AMI25YWR.js";
import "./chunk-YNU33C6K.js";
import "./chunk-3SVN66WC.js";
import "./chunk-KCQC2NFU.js";
import "./chunk-2UBMXQPT.js";
import "./chunk-BV3ZQNLS.js";
import "./chunk-WARPCWE3.js";
export {
  POLICY_PATH,
  parsePolicy
};
//# sourceMappingURL=parse-DNS37AB3.js.map
