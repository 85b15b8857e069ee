import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  PULLED_DIR
} from "./chunk-W6QAYBEP.js";
import {
  runStoreDir
} from "./chunk-X46WCV4H.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import "./chunk-WARPCWE3.js";

// core/ui-data/store-version.ts
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
async function storeVersion(root) {
  const store = runStoreDir(root);
  const mtime = (path) => stat(path).then(
    (s) => `${path}:${s.mtimeMs}`,
    () => `${path}:-`
  );
  const commits = await readdir(store).catch(() => []);
  const parts = await Promise.all([
    mtime(store),
    mtime(join(root, ...PULLED_DIR)),
    ...commits.map((commit) => mtime(join(store, commit)))
  ]);
  return parts.join("\n");
}
export {
  storeVersion
};
//# sourceMappingURL=store-version-PBUKTZ5B.js.map
