import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  HistoryEntry,
  RUN_HISTORY_SCHEMA,
  RunHistory,
  toHistoryEntry
} from "./chunk-OSSACCFA.js";
import "./chunk-TCP67NLO.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import "./chunk-WARPCWE3.js";
export {
  HistoryEntry,
  RUN_HISTORY_SCHEMA,
  RunHistory,
  toHistoryEntry
};
//# sourceMappingURL=history-INK3T7EU.js.map
