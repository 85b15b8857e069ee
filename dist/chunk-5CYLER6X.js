import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);

// cli/exit.ts
var EXIT = { ok: 0, failed: 1, usage: 2, io: 3, internal: 4 };
function exitCodeOf(code) {
  return code === "E_IO" ? EXIT.io : EXIT.usage;
}
function isSystemError(error) {
  return error instanceof Error && typeof error.syscall === "string" && typeof error.code === "string";
}

export {
  EXIT,
  exitCodeOf,
  isSystemError
};
//# sourceMappingURL=chunk-5CYLER6X.js.map
