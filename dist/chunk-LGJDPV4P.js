import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";

// core/pipeline/find.ts
import { existsSync } from "node:fs";
import { join } from "node:path";
var PIPELINE_FILES = ["cd4ml.yaml", "dvc.yaml"];
function findPipelineFile(dir) {
  for (const name of PIPELINE_FILES) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Cd4mlError("E_SPEC", `no pipeline file in ${dir}`, {
    hint: "create cd4ml.yaml (or dvc.yaml) with a `stages:` section, or pass one with -f"
  });
}

export {
  findPipelineFile
};
//# sourceMappingURL=chunk-LGJDPV4P.js.map
