import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  clusterShadow,
  serveClusterShadow
} from "./chunk-DPLGXXQA.js";
import "./chunk-GHLLONTW.js";
import "./chunk-5ZLPMS4V.js";
import "./chunk-TZI6WE27.js";
import "./chunk-3SVN66WC.js";
import "./chunk-2UBMXQPT.js";
import "./chunk-BV3ZQNLS.js";
import "./chunk-WARPCWE3.js";
export {
  clusterShadow,
  serveClusterShadow
};
//# sourceMappingURL=shadow-cluster-UNB3H63X.js.map
