import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  buildRunRecord,
  readMetrics,
  saveRunRecord,
  startContext
} from "./chunk-7RG2SZ4P.js";
import "./chunk-A3HKKEC7.js";
import "./chunk-TEQHPD2R.js";
import "./chunk-5Z3I24KP.js";
import "./chunk-OE7PDYP2.js";
import "./chunk-NNWR7ZNT.js";
import "./chunk-OVJAGWQD.js";
import "./chunk-X46WCV4H.js";
import "./chunk-MWFTLBHP.js";
import "./chunk-YELAXUXB.js";
import "./chunk-FDRDYCY3.js";
import "./chunk-TZI6WE27.js";
import "./chunk-KWKVIQUA.js";
import "./chunk-P4FB7NFE.js";
import "./chunk-AMI25YWR.js";
import "./chunk-GLCB3FVJ.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import "./chunk-WARPCWE3.js";
export {
  buildRunRecord,
  readMetrics,
  saveRunRecord,
  startContext
};
//# sourceMappingURL=record-2OC5X35U.js.map
