import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  MODEL_CARD_JSON,
  MODEL_CARD_MD,
  MODEL_FILE,
  writeModelArtifact
} from "./chunk-TLTIGH6H.js";
import "./chunk-XVQGURII.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-F7FDA4KN.js";
import "./chunk-WARPCWE3.js";
export {
  MODEL_CARD_JSON,
  MODEL_CARD_MD,
  MODEL_FILE,
  writeModelArtifact
};
//# sourceMappingURL=model-M2U5ZMQB.js.map
