import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  ciContext,
  recordedGit
} from "./chunk-4QVFPBFS.js";
import "./chunk-WARPCWE3.js";
export {
  ciContext,
  recordedGit
};
//# sourceMappingURL=ci-context-HSRKJ5JJ.js.map
