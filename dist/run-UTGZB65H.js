import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  runPipeline
} from "./chunk-3EVHP6CB.js";
import "./chunk-3VVVS4H3.js";
import "./chunk-A3HKKEC7.js";
import "./chunk-XNQNLCG4.js";
import "./chunk-FMHL2UT7.js";
import "./chunk-ZOYXCNJS.js";
import "./chunk-TEQHPD2R.js";
import "./chunk-5Z3I24KP.js";
import "./chunk-LPYQMSSN.js";
import "./chunk-NAJNBSQM.js";
import "./chunk-OE7PDYP2.js";
import "./chunk-NNWR7ZNT.js";
import "./chunk-OVJAGWQD.js";
import "./chunk-FDRDYCY3.js";
import "./chunk-TZI6WE27.js";
import "./chunk-XVQGURII.js";
import "./chunk-P4FB7NFE.js";
import "./chunk-AMI25YWR.js";
import "./chunk-GLCB3FVJ.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-WARPCWE3.js";
export {
  runPipeline
};
//# sourceMappingURL=run-UTGZB65H.js.map
