import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  RECORD_FILE,
  listRuns,
  representativeRun,
  runStoreDir,
  saveRun
} from "./chunk-X46WCV4H.js";
import "./chunk-WARPCWE3.js";
export {
  RECORD_FILE,
  listRuns,
  representativeRun,
  runStoreDir,
  saveRun
};
//# sourceMappingURL=local-store-VQ2LU46M.js.map
