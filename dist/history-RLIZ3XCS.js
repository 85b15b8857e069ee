import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  HistoryEntry,
  RUN_HISTORY_SCHEMA,
  RunHistory,
  toHistoryEntry
} from "./chunk-6LGQGAHM.js";
import "./chunk-6GPZFL5S.js";
import "./chunk-KCQC2NFU.js";
import "./chunk-2UBMXQPT.js";
import "./chunk-BV3ZQNLS.js";
import "./chunk-WARPCWE3.js";
export {
  HistoryEntry,
  RUN_HISTORY_SCHEMA,
  RunHistory,
  toHistoryEntry
};
//# sourceMappingURL=history-RLIZ3XCS.js.map
