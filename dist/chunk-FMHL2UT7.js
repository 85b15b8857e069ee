import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  readTextIfPresent
} from "./chunk-FDRDYCY3.js";
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";

// core/runner/workspace-lock.ts
import { randomUUID } from "node:crypto";
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync
} from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
var WORKSPACE_LOCK = join(".cd4ml", "run.lock");
var BREAKER_STALE_MS = 1e4;
var WAIT_POLL_MS = 200;
function processStart(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return void 0;
  }
}
function holderAlive(holder) {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if (error.code !== "EPERM") return false;
  }
  if (holder.procStart === void 0) return true;
  const now = processStart(holder.pid);
  return now === void 0 || now === holder.procStart;
}
function readHolder(path) {
  const text = readTextIfPresent(path);
  if (text === void 0) return void 0;
  try {
    const holder = JSON.parse(text);
    return { text, holder: typeof holder.pid === "number" ? holder : void 0 };
  } catch {
    return { text, holder: void 0 };
  }
}
function workspaceHolder(root) {
  const seen = readHolder(join(root, WORKSPACE_LOCK));
  return seen?.holder && holderAlive(seen.holder) ? seen.holder : void 0;
}
function describeHolder(holder) {
  return `pid ${holder.pid}${holder.host !== hostname() ? ` on ${holder.host}` : ""}, started ${holder.startedAt}: ${holder.command}`;
}
async function acquireWorkspaceLock(root, opts) {
  const dir = join(root, ".cd4ml");
  mkdirSync(dir, { recursive: true });
  const path = join(root, WORKSPACE_LOCK);
  const procStart = processStart(process.pid);
  const holder = {
    pid: process.pid,
    ...procStart !== void 0 ? { procStart } : {},
    host: hostname(),
    startedAt: (/* @__PURE__ */ new Date()).toISOString(),
    command: opts.command,
    token: randomUUID()
  };
  const text = `${JSON.stringify(holder)}
`;
  const tmp = `${path}.${process.pid}.${holder.token.slice(0, 8)}.tmp`;
  writeFileSync(tmp, text);
  const dropTmp = () => unlinkQuietly(tmp);
  process.once("exit", dropTmp);
  let waitingFor;
  try {
    for (; ; ) {
      try {
        linkSync(tmp, path);
        break;
      } catch (error) {
        if (error.code !== "EEXIST") throw error;
      }
      const seen = readHolder(path);
      if (!seen) continue;
      if (!seen.holder || !holderAlive(seen.holder)) {
        if (breakStale(path, seen.text) && seen.holder) opts.onStale?.(seen.holder);
        continue;
      }
      if (!opts.wait) {
        throw new Cd4mlError(
          "E_USAGE",
          `another cd4ml run holds this workspace (${describeHolder(seen.holder)})`,
          {
            location: { file: path },
            hint: "wait for it to finish, or pass --wait to queue behind it; if that process is gone, the lock is taken over automatically"
          }
        );
      }
      if (waitingFor !== seen.holder.token) {
        waitingFor = seen.holder.token;
        opts.onWait?.(seen.holder);
      }
      await delay(WAIT_POLL_MS);
    }
  } finally {
    process.off("exit", dropTmp);
    dropTmp();
  }
  let released = false;
  return {
    holder,
    release() {
      if (released) return;
      released = true;
      const current = readHolder(path);
      if (current?.holder?.token === holder.token) unlinkQuietly(path);
    }
  };
}
function breakStale(path, staleText) {
  const breaker = `${path}.break`;
  let fd;
  try {
    fd = openSync(breaker, "wx");
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
    try {
      if (Date.now() - statSync(breaker).mtimeMs > BREAKER_STALE_MS)
        rmSync(breaker, { force: true });
    } catch {
    }
    return false;
  }
  closeSync(fd);
  try {
    if (readHolder(path)?.text !== staleText) return false;
    unlinkSync(path);
    return true;
  } finally {
    rmSync(breaker, { force: true });
  }
}
function unlinkQuietly(path) {
  try {
    unlinkSync(path);
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
}

export {
  workspaceHolder,
  describeHolder,
  acquireWorkspaceLock
};
//# sourceMappingURL=chunk-FMHL2UT7.js.map
