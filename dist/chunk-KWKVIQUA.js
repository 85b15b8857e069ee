import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);

// core/run-record/version.ts
var RUN_RECORD_SCHEMA = "cd4ml/run@2";
var READABLE_RUN_RECORD_SCHEMAS = ["cd4ml/run@1", RUN_RECORD_SCHEMA];

export {
  RUN_RECORD_SCHEMA,
  READABLE_RUN_RECORD_SCHEMAS
};
//# sourceMappingURL=chunk-KWKVIQUA.js.map
