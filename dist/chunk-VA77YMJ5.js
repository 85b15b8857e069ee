import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);

// core/errors.ts
var Cd4mlError = class extends Error {
  code;
  location;
  hint;
  constructor(code, message, opts = {}) {
    super(formatMessage(message, opts.location, opts.hint), { cause: opts.cause });
    this.name = "Cd4mlError";
    this.code = code;
    this.location = opts.location;
    this.hint = opts.hint;
  }
};
function formatLocation(loc) {
  let where = loc.file;
  if (loc.line !== void 0) where += `:${loc.line}`;
  if (loc.line !== void 0 && loc.column !== void 0) where += `:${loc.column}`;
  return where;
}
function formatMessage(message, loc, hint) {
  let text = message;
  if (loc) text = `${formatLocation(loc)}: ${loc.field ? `${shorten(loc.field)}: ` : ""}${message}`;
  if (hint) text += `
  hint: ${hint}`;
  return printable(text);
}
function shorten(field) {
  return field.length > 120 ? `${field.slice(0, 60)}\u2026${field.slice(-59)}` : field;
}
function printable(text) {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- replacing control characters is the point
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`
  );
}
var Cd4mlAggregateError = class extends Cd4mlError {
  errors;
  /** Problems found but not described (beyond the first ones a file reports). */
  omitted;
  constructor(errors, omitted = 0) {
    const first = errors[0];
    const shown = errors.slice(0, MAX_MESSAGES);
    const more = errors.length - shown.length + omitted;
    super(
      first?.code ?? "E_SPEC",
      shown.map((e) => e.message).join("\n") + (more > 0 ? `
\u2026 and ${more.toLocaleString("en-US")} more problem${more === 1 ? "" : "s"} (fix these first)` : "")
    );
    this.name = "Cd4mlAggregateError";
    this.errors = errors;
    this.omitted = omitted;
  }
};
var MAX_MESSAGES = 20;

export {
  Cd4mlError,
  formatLocation,
  Cd4mlAggregateError
};
//# sourceMappingURL=chunk-VA77YMJ5.js.map
