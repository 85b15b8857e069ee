import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  WHAT_IF_JOURNAL,
  applyOverrides,
  checkOverrides,
  flatten,
  parseOverride,
  recoverWhatIf,
  resolveParams,
  toScalar
} from "./chunk-NHTH2LE3.js";
import "./chunk-3IFHUBRS.js";
import "./chunk-G5DQXXPB.js";
import "./chunk-2GQV5RWE.js";
import "./chunk-3QTQQ26Y.js";
import "./chunk-4AXHXC4F.js";
import "./chunk-WARPCWE3.js";
export {
  WHAT_IF_JOURNAL,
  applyOverrides,
  checkOverrides,
  flatten,
  parseOverride,
  recoverWhatIf,
  resolveParams,
  toScalar
};
//# sourceMappingURL=params-76XIPNOW.js.map
