import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  compareRuns,
  parseTolerance
} from "./chunk-IYYCK7PN.js";
import "./chunk-WARPCWE3.js";
export {
  compareRuns,
  parseTolerance
};
//# sourceMappingURL=verdict-JZX364X3.js.map
