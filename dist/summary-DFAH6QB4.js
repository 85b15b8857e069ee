import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  ShadowSummary,
  mergeShadowCounts,
  parseShadowSummary,
  readShadowSummaryFile,
  summarizeShadow,
  toShadowSummary
} from "./chunk-AGTEKTRD.js";
import "./chunk-5ZLPMS4V.js";
import "./chunk-TZI6WE27.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import "./chunk-WARPCWE3.js";
export {
  ShadowSummary,
  mergeShadowCounts,
  parseShadowSummary,
  readShadowSummaryFile,
  summarizeShadow,
  toShadowSummary
};
//# sourceMappingURL=summary-DFAH6QB4.js.map
