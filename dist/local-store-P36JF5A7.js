import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  RECORD_FILE,
  baselinesAlong,
  baselinesByCommit,
  listRuns,
  representativeRun,
  runStoreDir,
  saveRun
} from "./chunk-QCB6NS4H.js";
import "./chunk-WARPCWE3.js";
export {
  RECORD_FILE,
  baselinesAlong,
  baselinesByCommit,
  listRuns,
  representativeRun,
  runStoreDir,
  saveRun
};
//# sourceMappingURL=local-store-P36JF5A7.js.map
