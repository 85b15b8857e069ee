import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  COLOUR,
  SYMBOL,
  describe,
  lineReporter
} from "./chunk-2KEPYQTI.js";
import "./chunk-5GDVX464.js";
import "./chunk-XVQGURII.js";
import "./chunk-WARPCWE3.js";
export {
  COLOUR,
  SYMBOL,
  describe,
  lineReporter
};
//# sourceMappingURL=progress-LIVP3VJJ.js.map
