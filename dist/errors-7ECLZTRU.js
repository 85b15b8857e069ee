import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  Cd4mlAggregateError,
  Cd4mlError,
  formatLocation
} from "./chunk-VA77YMJ5.js";
import "./chunk-WARPCWE3.js";
export {
  Cd4mlAggregateError,
  Cd4mlError,
  formatLocation
};
//# sourceMappingURL=errors-7ECLZTRU.js.map
