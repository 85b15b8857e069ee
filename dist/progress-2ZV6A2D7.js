import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  COLOUR,
  SYMBOL,
  describe,
  lineReporter
} from "./chunk-6UPRXW3Z.js";
import "./chunk-T3BUEJH6.js";
import "./chunk-CPJXOR7O.js";
import "./chunk-XNQNLCG4.js";
import "./chunk-HOQDWXFN.js";
import "./chunk-FERNUCDL.js";
import "./chunk-FDRDYCY3.js";
import "./chunk-GHTYEQUQ.js";
import "./chunk-2GQV5RWE.js";
import "./chunk-5GDVX464.js";
import "./chunk-RQ2NQWT4.js";
import "./chunk-4AXHXC4F.js";
import "./chunk-WARPCWE3.js";
export {
  COLOUR,
  SYMBOL,
  describe,
  lineReporter
};
//# sourceMappingURL=progress-2ZV6A2D7.js.map
