import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);

// core/run-record/version.ts
var RUN_RECORD_SCHEMA = "cd4ml/run@1";

export {
  RUN_RECORD_SCHEMA
};
//# sourceMappingURL=chunk-CMHCDC7N.js.map
