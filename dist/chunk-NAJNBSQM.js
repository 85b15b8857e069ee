import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  PyFloat
} from "./chunk-OVJAGWQD.js";

// core/pipeline/values.ts
function isRecord(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof PyFloat);
}
function isScalar(value) {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof PyFloat;
}

export {
  isRecord,
  isScalar
};
//# sourceMappingURL=chunk-NAJNBSQM.js.map
