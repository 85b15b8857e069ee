import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  renderShadowSection,
  shadowHeadline,
  shadowSection
} from "./chunk-RPYUKDUK.js";
import "./chunk-LAUS2DL7.js";
import "./chunk-WARPCWE3.js";
export {
  renderShadowSection,
  shadowHeadline,
  shadowSection
};
//# sourceMappingURL=shadow-ZP3ZIBRE.js.map
