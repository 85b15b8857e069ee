import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  HistoryEntry,
  RUN_HISTORY_SCHEMA,
  RunHistory,
  toHistoryEntry
} from "./chunk-XZRNR6O3.js";
import "./chunk-ST4MYNUI.js";
import "./chunk-RKTGIFGW.js";
import "./chunk-WARPCWE3.js";
export {
  HistoryEntry,
  RUN_HISTORY_SCHEMA,
  RunHistory,
  toHistoryEntry
};
//# sourceMappingURL=history-EWPSWGZF.js.map
