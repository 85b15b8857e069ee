import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  buildDag,
  dagToMermaid,
  dagToText,
  producerIndex,
  selectStages
} from "./chunk-5Z3I24KP.js";
import "./chunk-P4FB7NFE.js";
import "./chunk-AMI25YWR.js";
import "./chunk-GLCB3FVJ.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-WARPCWE3.js";
export {
  buildDag,
  dagToMermaid,
  dagToText,
  producerIndex,
  selectStages
};
//# sourceMappingURL=dag-ZAXSWD2C.js.map
