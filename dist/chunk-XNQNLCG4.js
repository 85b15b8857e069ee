import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);

// core/runner/process.ts
import { spawn } from "node:child_process";
import { closeSync, openSync, writeSync } from "node:fs";
var runningGroups = /* @__PURE__ */ new Set();
var KILL_GRACE_MS = 2e3;
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
  }
}
function supervise(pid, timeoutMs) {
  runningGroups.add(pid);
  let timedOut = false;
  let killTimer;
  const timer = timeoutMs === void 0 ? void 0 : setTimeout(() => {
    timedOut = true;
    killGroup(pid, "SIGTERM");
    killTimer = setTimeout(() => killGroup(pid, "SIGKILL"), KILL_GRACE_MS);
  }, timeoutMs);
  return {
    timedOut: () => timedOut,
    stop(killStragglers) {
      if (timer) clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      if (killStragglers || timedOut) killGroup(pid, "SIGKILL");
      runningGroups.delete(pid);
    }
  };
}
var quote = (text) => `'${text.replace(/'/g, `'\\''`)}'`;
var WATCHDOG = `(trap '' TERM INT HUP; if read -r _ <&3; then exit 0; fi; kill -KILL 0) </dev/null >/dev/null 2>&1 &`;
function dismissWatchdog(pipe) {
  const socket = pipe;
  if (!socket) return;
  socket.on("error", () => void 0);
  socket.end("\n");
  socket.unref?.();
}
var ShellWorker = class {
  child;
  waiter;
  buffer = "";
  watched = false;
  pid;
  dead = false;
  constructor() {
    this.child = spawn("/bin/sh", ["-s"], {
      stdio: ["pipe", "pipe", "ignore", "pipe"],
      detached: true
    });
    this.pid = this.child.pid;
    this.child.stdio[3]?.on("error", () => void 0);
    this.child.stdout.setEncoding("utf8");
    this.child.stdout.on("data", (chunk) => {
      this.buffer += chunk;
      let newline;
      while ((newline = this.buffer.indexOf("\n")) >= 0) {
        const line = this.buffer.slice(0, newline);
        this.buffer = this.buffer.slice(newline + 1);
        if (line.startsWith("E ")) this.finish(Number(line.slice(2)));
      }
    });
    this.child.on("exit", (code, signal) => {
      this.dead = true;
      this.finish(signal ? 128 + (signalNumber[signal] ?? 15) : code ?? 127);
    });
    this.child.on("error", () => {
      this.dead = true;
      this.finish(127);
    });
    this.child.stdin.on("error", () => void 0);
  }
  finish(code) {
    const waiter = this.waiter;
    this.waiter = void 0;
    waiter?.onExit(code);
  }
  run(command, waiter) {
    this.waiter = waiter;
    const exports = Object.entries(command.env).map(([key, value]) => `export ${key}=${quote(value)}`).join("; ");
    const script = [
      // Started with the first command, not with the worker: a run where nothing needs to
      // run (most of them) forks no watchdogs.
      ...this.watched ? [] : [WATCHDOG],
      `{ printf '%s' ${quote(command.header)}; (cd ${quote(command.cwd)} && ${exports ? `${exports} && ` : ""}eval ${quote(command.cmd)}) < /dev/null 3<&-; } ${command.append ? ">>" : ">"} ${quote(command.logFile)} 2>&1`,
      'echo "E $?"',
      ""
    ].join("\n");
    this.watched = true;
    this.child.stdin.write(script);
  }
  close() {
    this.child.stdin.end();
    dismissWatchdog(this.child.stdio[3]);
  }
};
var signalNumber = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGABRT: 6,
  SIGKILL: 9,
  SIGPIPE: 13,
  SIGTERM: 15
};
var ShellPool = class {
  idle = [];
  all = /* @__PURE__ */ new Set();
  /**
   * Starts up to `count` shells now rather than at the first stage: a fork costs less
   * while Node is still small, and the shells start up while the pipeline is being read.
   */
  prestart(count) {
    for (let i = this.all.size; i < count; i++) {
      const worker = new ShellWorker();
      this.all.add(worker);
      this.idle.push(worker);
    }
    return this;
  }
  run(command) {
    if (!Object.keys(command.env).every((key) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)))
      return runShell(command);
    let worker = this.idle.pop();
    while (worker?.dead) worker = this.idle.pop();
    if (!worker) {
      worker = new ShellWorker();
      this.all.add(worker);
    }
    const chosen = worker;
    if (chosen.pid === void 0) return runShell(command);
    const watch = supervise(chosen.pid, command.timeoutMs);
    return new Promise((resolve) => {
      chosen.run(command, {
        onExit: (code) => {
          const timedOut = watch.timedOut();
          const signal = code > 128 && code < 160 ? signalName(code - 128) : null;
          watch.stop(false);
          if (chosen.dead) this.all.delete(chosen);
          else this.idle.push(chosen);
          resolve({ exitCode: signal ? null : code, signal, timedOut });
        }
      });
    });
  }
  close() {
    for (const worker of this.all) worker.close();
    this.all.clear();
    this.idle.length = 0;
  }
};
function signalName(number) {
  return Object.entries(signalNumber).find(([, n]) => n === number)?.[0] ?? "SIGTERM";
}
function runShell(command) {
  const fd = openSync(command.logFile, command.append ? "a" : "w");
  writeSync(fd, command.header);
  return new Promise((resolve) => {
    const script = `${WATCHDOG}
(__cd4ml_cmd=$1; set --; eval "$__cd4ml_cmd") 3<&-`;
    const child = spawn("/bin/sh", ["-c", script, "sh", command.cmd], {
      cwd: command.cwd,
      env: { ...process.env, ...command.env },
      stdio: ["ignore", fd, fd, "pipe"],
      detached: true
    });
    child.stdio[3]?.on("error", () => void 0);
    const watch = child.pid === void 0 ? void 0 : supervise(child.pid, command.timeoutMs);
    const finish = (code, killedBy) => {
      dismissWatchdog(child.stdio[3]);
      const signal = killedBy ?? (code !== null && code > 128 && code < 160 ? signalName(code - 128) : null);
      watch?.stop(signal !== null);
      closeSync(fd);
      resolve({
        exitCode: signal ? null : code,
        signal,
        timedOut: watch?.timedOut() ?? false
      });
    };
    child.once("error", (error) => {
      writeSync(fd, `cd4ml: could not start the command: ${error.message}
`);
      finish(127, null);
    });
    child.once("exit", (code, signal) => finish(code, signal));
  });
}
function killRunningGroups() {
  for (const pid of runningGroups) killGroup(pid, "SIGTERM");
}

export {
  runningGroups,
  KILL_GRACE_MS,
  ShellPool,
  runShell,
  killRunningGroups
};
//# sourceMappingURL=chunk-XNQNLCG4.js.map
