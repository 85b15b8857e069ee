/**
 * Escaping for strings that come from run records. Records from pull requests are
 * untrusted, and whatever reaches a PR comment is rendered by GitHub: a metric called
 * `</details><img src=x>` or `@org/everyone` or `[click](https://evil)` must show as
 * text, ping nobody and link nowhere.
 */

const ZWSP = '\u200b';
/** The marker the bot finds its own comment by; escaped strings can never contain it. */
export const REPORT_MARKER = '<!-- cd4ml:report -->';

/** Drops control characters (incl. ANSI escapes' ESC) and folds whitespace runs to one space. */
function plain(text: string, maxLength = 160): string {
  let clean = text
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean.length > maxLength) clean = `${clean.slice(0, maxLength - 1)}…`;
  return clean;
}

/** Breaks what GitHub would turn into a mention, an issue link or an autolink. */
function defuse(text: string): string {
  return text
    .replace(/@/g, `@${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/www\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`)
    .replace(/#(?=\d)/g, `#${ZWSP}`);
}

function entities(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** For raw HTML contexts (`<summary>`, attributes): no markdown is parsed there. */
export function escapeHtml(text: string, maxLength?: number): string {
  return entities(defuse(plain(text, maxLength)));
}

/**
 * For markdown inline contexts, table cells included: every character that could start
 * markup is backslash-escaped (`|` too, so a cell cannot be split), HTML is entity-escaped.
 */
export function escapeMarkdown(text: string, maxLength?: number): string {
  const escaped = defuse(plain(text, maxLength)).replace(/[\\`*_[\]{}()|~$!#]/g, '\\$&');
  // Line-start list and heading markers matter when the text begins a list item.
  const leading = escaped.replace(/^([-+=]|\d+(?=[.)]))/, (m) =>
    /^\d/.test(m) ? `${m}\\` : `\\${m}`,
  );
  return entities(leading);
}

/** Inline code for an untrusted string: `<code>` with escaped content (a backtick cannot break out). */
export function code(text: string, maxLength?: number): string {
  return `<code>${escapeMarkdown(text, maxLength)}</code>`;
}

/**
 * For labels inside Mermaid source: Mermaid has its own syntax (quotes, brackets,
 * `%%` directives, `click` callbacks), so only a plain set of characters survives.
 */
export function escapeMermaid(text: string, maxLength = 40): string {
  const safe = plain(text, maxLength).replace(/[^A-Za-z0-9 _.:/+-]/g, '');
  return safe.trim() || '?';
}

/** For terminals: no control characters, so a record cannot inject ANSI escapes. */
export function escapeTerminal(text: string, maxLength?: number): string {
  return plain(text, maxLength);
}

/** A URL we are willing to link: https only, no whitespace, quotes or angle brackets. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return null;
  const href = parsed.href;
  if (/[\s"'<>()\\`|]/.test(href) || href.length > 500) return null;
  return href;
}
