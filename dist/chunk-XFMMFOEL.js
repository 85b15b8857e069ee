import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  YamlSource
} from "./chunk-P4FB7NFE.js";
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";
import {
  PolicyFile
} from "./chunk-TA7C4CJ4.js";

// core/policy/parse.ts
var POLICY_PATH = ".github/cd4ml.yml";
var MAX_POLICY_BYTES = 256 * 1024;
function parsePolicy(text, file = POLICY_PATH) {
  if (text.length > MAX_POLICY_BYTES) {
    throw new Cd4mlError("E_POLICY", `policy file is over ${MAX_POLICY_BYTES} bytes`, {
      location: { file }
    });
  }
  const source = YamlSource.parse(text, file, "E_POLICY");
  return source.validate(PolicyFile, source.data ?? {}, [], "E_POLICY");
}

export {
  POLICY_PATH,
  parsePolicy
};
//# sourceMappingURL=chunk-XFMMFOEL.js.map
