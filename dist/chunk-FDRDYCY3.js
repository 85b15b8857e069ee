import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);

// core/fs/read.ts
import { existsSync, readFileSync } from "node:fs";
function readTextIfPresent(path) {
  if (!existsSync(path)) return void 0;
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return void 0;
    throw error;
  }
}

export {
  readTextIfPresent
};
//# sourceMappingURL=chunk-FDRDYCY3.js.map
