import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);

// cli/exit.ts
var EXIT = { ok: 0, failed: 1, usage: 2, io: 3, internal: 4 };
var EXIT_CODES_HELP = [
  "\nExit codes of every command:",
  `  ${EXIT.ok}  success`,
  `  ${EXIT.failed}  a result failed: a stage, the gate, a reproduction that differs`,
  `  ${EXIT.usage}  bad input: a file or a flag (the message says what to fix), or a busy workspace`,
  `  ${EXIT.io}  I/O: a file cd4ml keeps is damaged or vanished, or the disk, git or network failed`,
  `  ${EXIT.internal}  a bug in cd4ml: report the stack trace it prints`,
  "  128+N  stopped by signal N (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP)"
].join("\n");
function exitCodeOf(code) {
  return code === "E_IO" ? EXIT.io : EXIT.usage;
}
function isSystemError(error) {
  return error instanceof Error && typeof error.syscall === "string" && typeof error.code === "string";
}
function ignoreClosedPipes(streams) {
  for (const stream of streams) {
    stream.on("error", (error) => {
      if (error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED") return;
      throw error;
    });
  }
}

export {
  EXIT,
  EXIT_CODES_HELP,
  exitCodeOf,
  isSystemError,
  ignoreClosedPipes
};
//# sourceMappingURL=chunk-HNKV5JZE.js.map
