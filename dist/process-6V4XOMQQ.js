import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  KILL_GRACE_MS,
  ShellPool,
  killRunningGroups,
  runShell,
  runningGroups
} from "./chunk-XNQNLCG4.js";
import "./chunk-WARPCWE3.js";
export {
  KILL_GRACE_MS,
  ShellPool,
  killRunningGroups,
  runShell,
  runningGroups
};
//# sourceMappingURL=process-6V4XOMQQ.js.map
