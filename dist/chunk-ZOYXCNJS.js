import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  writeTextDurably
} from "./chunk-NNWR7ZNT.js";
import {
  readTextIfPresent
} from "./chunk-FDRDYCY3.js";
import {
  YamlSource
} from "./chunk-P4FB7NFE.js";
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";

// core/runner/lock-file.ts
import { appendFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
var LOCK_FILE = "cd4ml.lock";
var LOCK_JOURNAL = join(".cd4ml", "lock-journal.jsonl");
function readLockWithJournal(root) {
  const lock = readLock(join(root, LOCK_FILE));
  let text;
  try {
    text = readTextIfPresent(join(root, LOCK_JOURNAL));
  } catch {
    text = void 0;
  }
  if (text === void 0) return lock;
  for (const line of text.split("\n")) {
    if (!line) continue;
    try {
      const { stage, entry } = JSON.parse(line);
      if (typeof stage === "string" && entry && typeof entry === "object")
        lock.stages[stage] = entry;
    } catch {
    }
  }
  return lock;
}
function journalLockEntry(root, stage, entry) {
  const path = join(root, LOCK_JOURNAL);
  try {
    appendFileSync(path, `${JSON.stringify({ stage, entry })}
`);
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
    mkdirSync(dirname(path), { recursive: true });
    appendFileSync(path, `${JSON.stringify({ stage, entry })}
`);
  }
}
function clearLockJournal(root) {
  const path = join(root, LOCK_JOURNAL);
  if (existsSync(path)) rmSync(path, { force: true });
}
function readLock(path) {
  let text;
  try {
    text = readTextIfPresent(path);
  } catch {
  }
  if (text === void 0) return { schema: "2.0", stages: {} };
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    try {
      data = YamlSource.parse(text, path, "E_IO").data;
    } catch (error) {
      throw new Cd4mlError(
        "E_IO",
        `the lock file is neither JSON nor YAML: ${error.message.split("\n")[0] ?? ""}`,
        {
          location: { file: path },
          hint: "delete it to rebuild it: every stage will then be checked against the run-cache"
        }
      );
    }
  }
  return { schema: "2.0", stages: data?.stages ?? {} };
}
function writeLock(path, lock) {
  const text = `${JSON.stringify(lock, null, 2)}
`;
  let current;
  try {
    current = readTextIfPresent(path);
  } catch {
    current = void 0;
  }
  if (current === text) return false;
  writeTextDurably(path, text);
  return true;
}
function lockedCmd(stage) {
  return stage.lockCmd ?? (stage.cmd.length === 1 ? stage.cmd[0] : stage.cmd);
}

export {
  LOCK_FILE,
  readLockWithJournal,
  journalLockEntry,
  clearLockJournal,
  readLock,
  writeLock,
  lockedCmd
};
//# sourceMappingURL=chunk-ZOYXCNJS.js.map
