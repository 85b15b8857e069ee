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
} from "./chunk-YOQ5RI6X.js";
import "./chunk-J2DKWH55.js";
import "./chunk-MHBK5F5J.js";
import "./chunk-2GQV5RWE.js";
import "./chunk-YNU33C6K.js";
import "./chunk-3SVN66WC.js";
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
//# sourceMappingURL=params-TH7VJSTW.js.map
