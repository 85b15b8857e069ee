import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  formatBytes,
  formatDelta,
  formatDuration,
  formatNumber,
  formatP,
  formatPct,
  formatValue,
  unitOf
} from "./chunk-XVQGURII.js";
import "./chunk-WARPCWE3.js";
export {
  formatBytes,
  formatDelta,
  formatDuration,
  formatNumber,
  formatP,
  formatPct,
  formatValue,
  unitOf
};
//# sourceMappingURL=format-344UMR4I.js.map
