import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  HistoryEntry,
  RUN_HISTORY_SCHEMA,
  RunHistory,
  toHistoryEntry
} from "./chunk-BU3HBO22.js";
import "./chunk-ST4MYNUI.js";
import "./chunk-QSCNA3LF.js";
import "./chunk-WARPCWE3.js";
export {
  HistoryEntry,
  RUN_HISTORY_SCHEMA,
  RunHistory,
  toHistoryEntry
};
//# sourceMappingURL=history-3IWWX7WF.js.map
