import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  RECORD_FILE,
  listRuns,
  representativeRun,
  runStoreDir,
  saveRun
} from "./chunk-EOY3QICW.js";
import "./chunk-WARPCWE3.js";
export {
  RECORD_FILE,
  listRuns,
  representativeRun,
  runStoreDir,
  saveRun
};
//# sourceMappingURL=local-store-NFP5ZPMN.js.map
