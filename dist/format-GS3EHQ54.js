import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  formatBytes,
  formatDelta,
  formatDuration,
  formatNumber,
  formatPct,
  formatValue,
  unitOf
} from "./chunk-EOUAP7PN.js";
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
//# sourceMappingURL=format-GS3EHQ54.js.map
