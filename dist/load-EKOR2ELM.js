import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  loadPipeline
} from "./chunk-4B5GQXXT.js";
import "./chunk-NAJNBSQM.js";
import "./chunk-OE7PDYP2.js";
import "./chunk-OVJAGWQD.js";
import "./chunk-FDRDYCY3.js";
import "./chunk-TZI6WE27.js";
import "./chunk-P4FB7NFE.js";
import "./chunk-AMI25YWR.js";
import "./chunk-GLCB3FVJ.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import "./chunk-WARPCWE3.js";
export {
  loadPipeline
};
//# sourceMappingURL=load-EKOR2ELM.js.map
