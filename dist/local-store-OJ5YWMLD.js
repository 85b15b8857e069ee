import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  RECORD_FILE,
  listRuns,
  representativeRun,
  runStoreDir,
  saveRun
} from "./chunk-2Q7MXJKZ.js";
import "./chunk-WARPCWE3.js";
export {
  RECORD_FILE,
  listRuns,
  representativeRun,
  runStoreDir,
  saveRun
};
//# sourceMappingURL=local-store-OJ5YWMLD.js.map
