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
} from "./chunk-SYGDGN7T.js";
import "./chunk-NB6K6YUT.js";
import "./chunk-FDRDYCY3.js";
import "./chunk-D344KGZI.js";
import "./chunk-AMI25YWR.js";
import "./chunk-CCETPZWY.js";
import "./chunk-VA77YMJ5.js";
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
//# sourceMappingURL=params-CSJRKVBW.js.map
