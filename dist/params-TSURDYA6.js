import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  WHAT_IF_JOURNAL,
  applyOverrides,
  flattenParams,
  parseOverride,
  recoverWhatIf,
  resolveParams,
  toScalar
} from "./chunk-NNWR7ZNT.js";
import "./chunk-OVJAGWQD.js";
import "./chunk-FDRDYCY3.js";
import "./chunk-P4FB7NFE.js";
import "./chunk-AMI25YWR.js";
import "./chunk-GLCB3FVJ.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-WARPCWE3.js";
export {
  WHAT_IF_JOURNAL,
  applyOverrides,
  flattenParams,
  parseOverride,
  recoverWhatIf,
  resolveParams,
  toScalar
};
//# sourceMappingURL=params-TSURDYA6.js.map
