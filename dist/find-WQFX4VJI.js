import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  PIPELINE_FILES,
  findPipelineFile
} from "./chunk-CTGQ724D.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-WARPCWE3.js";
export {
  PIPELINE_FILES,
  findPipelineFile
};
//# sourceMappingURL=find-WQFX4VJI.js.map
