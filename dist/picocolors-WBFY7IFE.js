import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  require_picocolors
} from "./chunk-5GDVX464.js";
import "./chunk-WARPCWE3.js";
export default require_picocolors();
//# sourceMappingURL=picocolors-WBFY7IFE.js.map
