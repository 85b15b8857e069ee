import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  COLOUR,
  SYMBOL,
  describe,
  lineReporter
} from "./chunk-UJSXRNXV.js";
import "./chunk-5GDVX464.js";
import "./chunk-4Q4A4E67.js";
import "./chunk-WARPCWE3.js";
export {
  COLOUR,
  SYMBOL,
  describe,
  lineReporter
};
//# sourceMappingURL=progress-RNRKGQOX.js.map
