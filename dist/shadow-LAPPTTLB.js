import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  renderShadowSection,
  shadowSection
} from "./chunk-RYFJZ4KU.js";
import "./chunk-F7FDA4KN.js";
import "./chunk-WARPCWE3.js";
export {
  renderShadowSection,
  shadowSection
};
//# sourceMappingURL=shadow-LAPPTTLB.js.map
