import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  HistoryEntry,
  RUN_HISTORY_SCHEMA,
  RunHistory,
  toHistoryEntry
} from "./chunk-2PHLUHEH.js";
import "./chunk-W3FRIKUD.js";
import "./chunk-2UBMXQPT.js";
import "./chunk-BV3ZQNLS.js";
import "./chunk-WARPCWE3.js";
export {
  HistoryEntry,
  RUN_HISTORY_SCHEMA,
  RunHistory,
  toHistoryEntry
};
//# sourceMappingURL=history-2WWC4FOS.js.map
