import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  formatBytes,
  formatDelta,
  formatDuration,
  formatNumber,
  formatPct,
  formatValue,
  unitOf
} from "./chunk-4Q4A4E67.js";
import "./chunk-WARPCWE3.js";
export {
  formatBytes,
  formatDelta,
  formatDuration,
  formatNumber,
  formatPct,
  formatValue,
  unitOf
};
//# sourceMappingURL=format-KOBME5XA.js.map
