import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  GENERATED_HEADER,
  describeDifference,
  renderWorkflow
} from "./chunk-2VAZRIK4.js";
import "./chunk-3SVN66WC.js";
import "./chunk-WARPCWE3.js";
export {
  GENERATED_HEADER,
  describeDifference,
  renderWorkflow
};
//# sourceMappingURL=render-A3FYJKGI.js.map
