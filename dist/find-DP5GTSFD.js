import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  findPipelineFile
} from "./chunk-LGJDPV4P.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-WARPCWE3.js";
export {
  findPipelineFile
};
//# sourceMappingURL=find-DP5GTSFD.js.map
