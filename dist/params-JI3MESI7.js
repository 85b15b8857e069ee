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
} from "./chunk-3526BXDD.js";
import "./chunk-FS7TKNHZ.js";
import "./chunk-MD63NX4Y.js";
import "./chunk-AMI25YWR.js";
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
//# sourceMappingURL=params-JI3MESI7.js.map
