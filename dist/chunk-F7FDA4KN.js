import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);

// core/report/escape.ts
var ZWSP = "\u200B";
var REPORT_MARKER = "<!-- cd4ml:report -->";
function plain(text, maxLength = 160) {
  let clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, " ").replace(/\s+/g, " ").trim();
  if (clean.length > maxLength) clean = `${clean.slice(0, maxLength - 1)}\u2026`;
  return clean;
}
function defuse(text) {
  return text.replace(/@/g, `@${ZWSP}`).replace(/:\/\//g, `:${ZWSP}//`).replace(/www\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`).replace(/#(?=\d)/g, `#${ZWSP}`);
}
function entities(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
function escapeHtml(text, maxLength) {
  return entities(defuse(plain(text, maxLength)));
}
function escapeMarkdown(text, maxLength) {
  const escaped = defuse(plain(text, maxLength)).replace(/[\\`*_[\]{}()|~$!#]/g, "\\$&");
  const leading = escaped.replace(
    /^([-+=]|\d+(?=[.)]))/,
    (m) => /^\d/.test(m) ? `${m}\\` : `\\${m}`
  );
  return entities(leading);
}
function code(text, maxLength) {
  return `<code>${escapeMarkdown(text, maxLength)}</code>`;
}
function escapeMermaid(text, maxLength = 40) {
  const safe = plain(text, maxLength).replace(/[^A-Za-z0-9 _.:/+-]/g, "");
  return safe.trim() || "?";
}
function escapeTerminal(text, maxLength) {
  return plain(text, maxLength);
}
function safeUrl(url) {
  if (!url) return null;
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "https:" || parsed.username || parsed.password) return null;
  const href = parsed.href;
  if (/[\s"'<>()\\`|]/.test(href) || href.length > 500) return null;
  return href;
}

export {
  REPORT_MARKER,
  escapeHtml,
  escapeMarkdown,
  code,
  escapeMermaid,
  escapeTerminal,
  safeUrl
};
//# sourceMappingURL=chunk-F7FDA4KN.js.map
