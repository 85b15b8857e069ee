import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  COLOUR,
  SYMBOL,
  describe,
  lineReporter
} from "./chunk-UQ7RCCKL.js";
import "./chunk-ZAJTEWYN.js";
import "./chunk-YOQ5RI6X.js";
import "./chunk-XNQNLCG4.js";
import "./chunk-KEOTGJIN.js";
import "./chunk-J2DKWH55.js";
import "./chunk-FDRDYCY3.js";
import "./chunk-MHBK5F5J.js";
import "./chunk-2GQV5RWE.js";
import "./chunk-5GDVX464.js";
import "./chunk-YNU33C6K.js";
import "./chunk-3SVN66WC.js";
import "./chunk-WARPCWE3.js";
export {
  COLOUR,
  SYMBOL,
  describe,
  lineReporter
};
//# sourceMappingURL=progress-SZLEZ4JW.js.map
