import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  buildRunRecord,
  readMetrics,
  saveRunRecord,
  startContext
} from "./chunk-LMMYXENI.js";
import "./chunk-T3BUEJH6.js";
import "./chunk-CPJXOR7O.js";
import "./chunk-XNQNLCG4.js";
import "./chunk-MWFTLBHP.js";
import "./chunk-WRVOGPKE.js";
import "./chunk-HOQDWXFN.js";
import "./chunk-FERNUCDL.js";
import "./chunk-FDRDYCY3.js";
import "./chunk-GHTYEQUQ.js";
import "./chunk-2GQV5RWE.js";
import "./chunk-CMHCDC7N.js";
import "./chunk-RQ2NQWT4.js";
import "./chunk-4AXHXC4F.js";
import "./chunk-WARPCWE3.js";
export {
  buildRunRecord,
  readMetrics,
  saveRunRecord,
  startContext
};
//# sourceMappingURL=record-BLCP5YA4.js.map
