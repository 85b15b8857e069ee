import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  COLOUR,
  SYMBOL,
  describe,
  lineReporter
} from "./chunk-FTUPX2WV.js";
import "./chunk-CBEP5BES.js";
import "./chunk-NHTH2LE3.js";
import "./chunk-XNQNLCG4.js";
import "./chunk-V4GO7NXQ.js";
import "./chunk-3IFHUBRS.js";
import "./chunk-FDRDYCY3.js";
import "./chunk-G5DQXXPB.js";
import "./chunk-2GQV5RWE.js";
import "./chunk-5GDVX464.js";
import "./chunk-3QTQQ26Y.js";
import "./chunk-4AXHXC4F.js";
import "./chunk-WARPCWE3.js";
export {
  COLOUR,
  SYMBOL,
  describe,
  lineReporter
};
//# sourceMappingURL=progress-54AT5VG4.js.map
