import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  POLICY_PATH,
  parsePolicy
} from "./chunk-AQJ4L5W2.js";
import "./chunk-MHBK5F5J.js";
import "./chunk-2GQV5RWE.js";
import "./chunk-QSCNA3LF.js";
import "./chunk-YNU33C6K.js";
import "./chunk-3SVN66WC.js";
import "./chunk-WARPCWE3.js";
export {
  POLICY_PATH,
  parsePolicy
};
//# sourceMappingURL=parse-N5UBFYUT.js.map
