import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  GENERATED_HEADER,
  describeDifference,
  renderWorkflow
} from "./chunk-UNHD3IAY.js";
import "./chunk-4AXHXC4F.js";
import "./chunk-WARPCWE3.js";
export {
  GENERATED_HEADER,
  describeDifference,
  renderWorkflow
};
//# sourceMappingURL=render-GVLS5742.js.map
