import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  exportSite,
  fillPage,
  isAsset,
  readPage
} from "./chunk-4EJOX227.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-WARPCWE3.js";
export {
  exportSite,
  fillPage,
  isAsset,
  readPage
};
//# sourceMappingURL=export-N4QPX2ZM.js.map
