import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  GENERATED_HEADER,
  describeDifference,
  renderWorkflow
} from "./chunk-ER6RSFCX.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-WARPCWE3.js";
export {
  GENERATED_HEADER,
  describeDifference,
  renderWorkflow
};
//# sourceMappingURL=render-A7GAZZPP.js.map
