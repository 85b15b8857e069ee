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
} from "./chunk-FPP474DI.js";
import "./chunk-EXJZSYIG.js";
import "./chunk-FDRDYCY3.js";
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
//# sourceMappingURL=params-EGZCEORU.js.map
