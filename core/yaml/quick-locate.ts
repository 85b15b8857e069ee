/**
 * The line and column of a field in block-style YAML, found by reading indentation
 * alone: linear in the text and a fraction of the cost of a full position-keeping parse,
 * which for a file of 64k keys takes longer than everything else on the way to an error.
 * Used for large files only; where the text is not plain block style (flow collections,
 * keys on a `- ` line past the first), it stops at the deepest field it did find.
 */
export function quickLocate(
  text: string,
  path: readonly (string | number)[],
  opts: { key?: boolean } = {},
): { line: number; column: number } {
  const lines = text.split('\n');
  let found = contentAt(lines, 0) ?? { line: 1, column: 1 };
  // The block being searched: lines after `start` indented deeper than `parent`.
  let start = 0;
  let parent = -1;
  // A `- key: value` item: its first key sits on the dash's line.
  let inline: { line: number; indent: number; rest: string } | undefined;
  for (const [index, part] of path.entries()) {
    const last = index === path.length - 1;
    let hit: { line: number; indent: number; rest: string } | undefined;
    if (inline && typeof part === 'string' && keyOf(inline.rest)?.key === part) hit = inline;
    let child = inline ? inline.indent : -1;
    let item = 0;
    for (let l = start; !hit && l < lines.length; l++) {
      const line = lines[l]!;
      const rest = line.trimStart();
      if (rest === '' || rest.startsWith('#')) continue;
      const indent = line.length - rest.length;
      if (
        indent <= parent &&
        !(indent === parent && rest.startsWith('-') && typeof part === 'number')
      )
        break;
      if (child === -1) child = indent;
      if (indent !== child) continue;
      if (typeof part === 'number') {
        if (rest === '-' || rest.startsWith('- ')) {
          if (item === part) hit = { line: l, indent, rest };
          item += 1;
        }
      } else if (keyOf(rest)?.key === part) {
        hit = { line: l, indent, rest };
      }
    }
    if (!hit) return found;
    const after =
      typeof part === 'number' ? hit.rest.slice(1) : hit.rest.slice(keyOf(hit.rest)!.length);
    const valueColumn = hit.indent + hit.rest.length - after.trimStart().length + 1;
    const inlineValue = after.trim() !== '' && !after.trim().startsWith('#');
    // Where the value starts, as the full parse reports it: after `key: ` or `- `, else the next line.
    found = inlineValue
      ? { line: hit.line + 1, column: valueColumn }
      : (contentAt(lines, hit.line + 1) ?? { line: hit.line + 1, column: hit.indent + 1 });
    if (last)
      return opts.key && typeof part === 'string'
        ? { line: hit.line + 1, column: hit.indent + 1 }
        : found;
    if (typeof part === 'number' && inlineValue) {
      inline = { line: hit.line, indent: valueColumn - 1, rest: after.trimStart() };
      start = hit.line + 1;
      parent = hit.indent;
      continue;
    }
    if (inlineValue) return found;
    inline = undefined;
    start = hit.line + 1;
    parent = hit.indent;
  }
  return found;
}

/** The first line from `from` that holds more than a comment: where a block value starts. */
function contentAt(
  lines: readonly string[],
  from: number,
): { line: number; column: number } | undefined {
  for (let l = from; l < lines.length; l++) {
    const rest = lines[l]!.trimStart();
    if (rest !== '' && !rest.startsWith('#') && rest !== '---')
      return { line: l + 1, column: lines[l]!.length - rest.length + 1 };
  }
  return undefined;
}

/** The key a `key: value` line starts with (quotes removed), and the length up to its colon. */
function keyOf(rest: string): { key: string; length: number } | undefined {
  const m =
    /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\-?][^#]*?|-[^\s#][^#]*?)\s*:(?=\s|$)/.exec(rest);
  if (!m) return undefined;
  const raw = m[1]!;
  const key = raw.startsWith('"')
    ? unquote(raw)
    : raw.startsWith("'")
      ? raw.slice(1, -1).replaceAll("''", "'")
      : raw;
  return { key, length: m[0].length };
}

function unquote(raw: string): string {
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}
