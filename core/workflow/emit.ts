/**
 * A YAML writer for the compiled workflow's plain objects: block mappings and sequences,
 * flow sequences for the keys named in `flow`, `|-` literals for multi-line strings, and
 * scalars plain only when plainly safe (otherwise double-quoted, as JSON writes them,
 * which YAML reads back unchanged). A 200-stage workflow takes the `yaml` library ~150 ms
 * to stringify (Document, nodes, visitors); this takes a few, and writes no anchors or
 * aliases (which actionlint rejects in `steps`) even for shared objects.
 */
export function emitYaml(value: Record<string, unknown>, flow: ReadonlySet<string>): string {
  const out: string[] = [];
  writeMap(value, 0, out, flow);
  return `${out.join('\n')}\n`;
}

type Value = unknown;

function writeMap(
  map: Record<string, Value>,
  indent: number,
  out: string[],
  flow: ReadonlySet<string>,
): void {
  const pad = ' '.repeat(indent);
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    // Keys as GitHub writes them: `on:` plain, though YAML 1.1 would read it as true.
    const k = /^[A-Za-z_][\w.-]*$/.test(key) ? key : JSON.stringify(key);
    if (Array.isArray(value) && flow.has(key) && value.every(isFlowItem)) {
      out.push(`${pad}${k}: [ ${value.map((item) => flowItem(item)).join(', ')} ]`);
    } else if (Array.isArray(value)) {
      if (value.length === 0) out.push(`${pad}${k}: []`);
      else {
        out.push(`${pad}${k}:`);
        writeSeq(value, indent + 2, out, flow);
      }
    } else if (isMap(value)) {
      if (Object.keys(value).length === 0) out.push(`${pad}${k}: {}`);
      else {
        out.push(`${pad}${k}:`);
        writeMap(value, indent + 2, out, flow);
      }
    } else if (typeof value === 'string' && isLiteral(value)) {
      out.push(`${pad}${k}: |-`);
      for (const line of value.split('\n')) out.push(line === '' ? '' : `${pad}  ${line}`);
    } else {
      out.push(`${pad}${k}: ${scalar(value)}`);
    }
  }
}

function writeSeq(
  items: readonly Value[],
  indent: number,
  out: string[],
  flow: ReadonlySet<string>,
): void {
  const pad = ' '.repeat(indent);
  for (const item of items) {
    if (isMap(item) && Object.keys(item).length > 0) {
      // The first key sits on the dash's line; the rest line up under it.
      const lines: string[] = [];
      writeMap(item, indent + 2, lines, flow);
      out.push(`${pad}- ${lines[0]!.slice(indent + 2)}`, ...lines.slice(1));
    } else if (Array.isArray(item) && item.length === 0) {
      out.push(`${pad}- []`);
    } else if (Array.isArray(item)) {
      out.push(`${pad}-`);
      writeSeq(item, indent + 2, out, flow);
    } else {
      out.push(`${pad}- ${isMap(item) ? '{}' : scalar(item)}`);
    }
  }
}

function isMap(value: Value): value is Record<string, Value> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFlowItem(value: Value): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function flowItem(value: Value): string {
  return typeof value === 'string' && /^[A-Za-z_][\w.-]*$/.test(value) && !RESERVED.test(value)
    ? value
    : JSON.stringify(value);
}

/** A string written as a `|-` block: several lines, none of which a block would change. */
function isLiteral(text: string): boolean {
  if (!text.includes('\n') || text.endsWith('\n') || text.includes('\r')) return false;
  const lines = text.split('\n');
  return (
    !lines[0]!.startsWith(' ') && lines.every((line) => !line.endsWith(' ') && !line.includes('\t'))
  );
}

const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i;
const NUMBER_LIKE = /^[-+.]?\d|^\.(inf|nan)$/i;

/**
 * A scalar as YAML: plain when it cannot be read as anything but this string (starts with a
 * letter, `_`, `$`, `.` or `/`; no `: `, ` #`, or trailing space; not a word YAML 1.1
 * reads as a boolean or null; not number-like), else double-quoted.
 */
function scalar(value: Value): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'string') return JSON.stringify(value);
  const text = value;
  const plain =
    /^[A-Za-z_$./][^\n\r\t]*$/.test(text) &&
    !text.includes(': ') &&
    !text.includes(' #') &&
    !text.endsWith(' ') &&
    !text.endsWith(':') &&
    !RESERVED.test(text) &&
    !NUMBER_LIKE.test(text);
  return plain ? text : JSON.stringify(text);
}
