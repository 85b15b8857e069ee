import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  knownRunDirs,
  knownRuns
} from "./chunk-OJK3754G.js";
import "./chunk-JION7JJ2.js";
import "./chunk-5TAVDTXP.js";
import "./chunk-W6QAYBEP.js";
import "./chunk-X46WCV4H.js";
import "./chunk-3IRWCR3G.js";
import "./chunk-YELAXUXB.js";
import "./chunk-KWKVIQUA.js";
import "./chunk-GLCB3FVJ.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import "./chunk-WARPCWE3.js";
export {
  knownRunDirs,
  knownRuns
};
//# sourceMappingURL=known-runs-KELFPEQJ.js.map
