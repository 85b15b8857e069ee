import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  HISTORY_JSON_SCHEMA,
  PLAIN_HISTORY_STYLE,
  renderHistoryJson,
  renderHistoryText,
  toHistoryJson
} from "./chunk-G7X7T6NY.js";
import "./chunk-LAUS2DL7.js";
import "./chunk-ST4MYNUI.js";
import "./chunk-EOUAP7PN.js";
import "./chunk-WARPCWE3.js";
export {
  HISTORY_JSON_SCHEMA,
  PLAIN_HISTORY_STYLE,
  renderHistoryJson,
  renderHistoryText,
  toHistoryJson
};
//# sourceMappingURL=history-TZNMLATH.js.map
