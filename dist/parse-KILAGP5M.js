import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  RUN_RECORD_LIMITS,
  parseRunRecord
} from "./chunk-3IRWCR3G.js";
import "./chunk-YELAXUXB.js";
import "./chunk-KWKVIQUA.js";
import "./chunk-GLCB3FVJ.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import "./chunk-WARPCWE3.js";
export {
  RUN_RECORD_LIMITS,
  parseRunRecord
};
//# sourceMappingURL=parse-KILAGP5M.js.map
