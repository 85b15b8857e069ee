import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);

// core/runner/state.ts
import { join } from "node:path";
function stateDirs(root) {
  return {
    cache: join(root, ".cd4ml", "cache"),
    tmp: join(root, ".cd4ml", "tmp"),
    logs: join(root, ".cd4ml", "logs")
  };
}
function logName(stage) {
  return `${stage.replace(/[^\w.@-]/g, "_")}.log`;
}

export {
  stateDirs,
  logName
};
//# sourceMappingURL=chunk-TEQHPD2R.js.map
