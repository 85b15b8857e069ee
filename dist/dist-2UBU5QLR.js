import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  A,
  Ae,
  Ht,
  Kt,
  O,
  Sn,
  Vt,
  at,
  c,
  qe,
  wo,
  xe,
  zt
} from "./chunk-MWFTLBHP.js";
import "./chunk-WARPCWE3.js";
export {
  qe as CheckRepoActions,
  zt as CleanOptions,
  Kt as DiffNameStatus,
  Ht as GitConfigScope,
  Ae as GitConstructError,
  O as GitError,
  A as GitPluginError,
  at as GitResponseError,
  Vt as ResetMode,
  xe as TaskConfigurationError,
  Sn as grepQueryBuilder,
  c as pathspec,
  wo as simpleGit
};
//# sourceMappingURL=dist-2UBU5QLR.js.map
