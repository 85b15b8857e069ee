import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  POLICY_PATH,
  parsePolicy
} from "./chunk-X4GRYFQF.js";
import "./chunk-G5DQXXPB.js";
import "./chunk-2GQV5RWE.js";
import "./chunk-QSCNA3LF.js";
import "./chunk-3QTQQ26Y.js";
import "./chunk-4AXHXC4F.js";
import "./chunk-WARPCWE3.js";
export {
  POLICY_PATH,
  parsePolicy
};
//# sourceMappingURL=parse-LNOVWX4Y.js.map
