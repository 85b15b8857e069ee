export { renderReport, MAX_REPORT_CHARS, type RenderOptions } from './markdown.js';
export { renderText, PLAIN_STYLE, type TextStyle } from './text.js';
export { renderJson, toJson, COMPARE_JSON_SCHEMA, type CompareJson } from './json.js';
export {
  renderHistoryText,
  renderHistoryJson,
  toHistoryJson,
  HISTORY_JSON_SCHEMA,
  PLAIN_HISTORY_STYLE,
  type HistoryJson,
  type HistoryJsonRun,
  type HistoryStyle,
} from './history.js';
export {
  REPORT_MARKER,
  escapeMarkdown,
  escapeHtml,
  escapeMermaid,
  escapeTerminal,
  safeUrl,
} from './escape.js';
export { resolveLinks, type ReportLinks } from './links.js';
export { sparkline } from './sparkline.js';
export { historyChart } from './mermaid.js';
export { pipelineSummary, type PipelineSummaryOptions } from './run-summary.js';
