// What adapters (actions/, bot/, cli/) use of the report; the rest is imported from its file.
export { renderReport } from './markdown/index.js';
export { renderText, type TextStyle } from './text.js';
export { renderJson } from './json.js';
export { REPORT_MARKER, escapeMarkdown, safeUrl } from './escape.js';
export { type ReportLinks } from './links.js';
export { pipelineSummary } from './run-summary.js';
