import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  require_picocolors
} from "./chunk-5GDVX464.js";
import {
  formatDuration
} from "./chunk-XVQGURII.js";
import {
  __toESM
} from "./chunk-WARPCWE3.js";

// cli/progress.ts
var import_picocolors = __toESM(require_picocolors(), 1);
var SYMBOL = {
  ran: "\u2714",
  cached: "\u21BA",
  unchanged: "\xB7",
  failed: "\u2716",
  skipped: "-"
};
var COLOUR = {
  ran: import_picocolors.default.green,
  cached: import_picocolors.default.cyan,
  unchanged: import_picocolors.default.dim,
  failed: import_picocolors.default.red,
  skipped: import_picocolors.default.yellow
};
function describe(stage, result) {
  const detail = result.status === "ran" ? `ran in ${formatDuration(result.durationMs)}${result.attempts > 1 ? ` (${result.attempts} attempts)` : ""}` : result.status === "cached" ? "restored from run-cache" : result.status === "unchanged" ? `unchanged${result.reason ? ` (${result.reason})` : ""}` : result.status === "failed" ? `failed after ${formatDuration(result.durationMs)}` : `skipped: ${result.reason ?? ""}`;
  return `${stage} ${detail}`;
}
function lineReporter(stream = process.stderr) {
  let pending = [];
  const flush = () => {
    if (pending.length === 0) return;
    stream.write(pending.join(""));
    pending = [];
  };
  const line = (text) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(`cd4ml: ${text}
`);
  };
  return {
    onEvent(event) {
      if (event.type === "plan") line(`${event.stages.length} stages, up to ${event.jobs} at once`);
      else if (event.type === "start")
        line(
          `\u25B6 ${event.stage} started${event.attempt > 1 ? ` (attempt ${event.attempt})` : ""}${event.reasons.length > 0 ? ` \u2014 ${event.reasons.join(", ")}` : ""}`
        );
      else if (event.type === "retry")
        line(`\u21BB ${event.stage} attempt ${event.attempt} failed: ${event.message}; retrying`);
      else line(`${SYMBOL[event.result.status]} ${describe(event.stage, event.result)}`);
    },
    done: flush
  };
}

export {
  SYMBOL,
  COLOUR,
  describe,
  lineReporter
};
//# sourceMappingURL=chunk-2KEPYQTI.js.map
