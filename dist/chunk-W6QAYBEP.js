import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  _enum,
  array,
  literal,
  nullable,
  object,
  string
} from "./chunk-JK3JTSK4.js";

// core/history-branch/layout.ts
var PULLED_DIR = [".cd4ml", "history"];
var FETCHED_REF = "refs/cd4ml/history";
var INDEX_FILE = "index.json";
var INDEX_SCHEMA = "cd4ml/history-index@1";
var README_FILE = "README.md";
function runFile(id) {
  return `runs/${id}.json`;
}
var RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
function isHistoryPath(path) {
  if (path === INDEX_FILE || path === README_FILE) return true;
  const match = /^runs\/(.+)\.json$/.exec(path);
  return match !== null && RUN_ID.test(match[1] ?? "");
}
var IndexEntry = object({
  id: string(),
  commit: nullable(string()),
  branch: nullable(string()),
  event: string(),
  status: _enum(["success", "failed"]),
  createdAt: string()
});
var HistoryIndex = object({
  schema: literal(INDEX_SCHEMA),
  runs: array(IndexEntry)
});
function compactRecord(record) {
  return { ...record, predictions: null };
}
function indexEntry(record) {
  return {
    id: record.id,
    commit: record.git.commit,
    branch: record.git.branch,
    event: record.event,
    status: record.status,
    createdAt: record.createdAt
  };
}
var BRANCH_README = `# cd4ml run history

Written by \`cd4ml history push\`: one file per run under \`runs/\` (the run record, without
per-example predictions) and \`index.json\` listing them. The branch only ever gains files;
\`cd4ml history pull\` fetches it. Do not commit other files here.
`;

export {
  PULLED_DIR,
  FETCHED_REF,
  INDEX_FILE,
  INDEX_SCHEMA,
  README_FILE,
  runFile,
  RUN_ID,
  isHistoryPath,
  HistoryIndex,
  compactRecord,
  indexEntry,
  BRANCH_README
};
//# sourceMappingURL=chunk-W6QAYBEP.js.map
