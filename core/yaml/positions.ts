import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Document, LineCounter, Node, Pair, YAMLMap } from 'yaml';
import type { Location } from '../errors.js';
import { quickLocate } from './quick-locate.js';

/** Beyond this size, errors are located by indentation (`quickLocate`) instead of a second parse. */
const QUICK_LOCATE_CHARS = 64 * 1024;

/**
 * The `yaml` library (positions, comment-keeping edits), loaded on first use: it is
 * needed to point at a line on the way to an error, or to edit a params file for
 * `--set`, and costs more to load than a whole no-op run does.
 */
let yamlLib: typeof Yaml | undefined;
export function positionParser(): typeof Yaml {
  yamlLib ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return yamlLib;
}

/**
 * Where the values of one YAML text are, by field path. The position-keeping parse
 * (`yaml`) runs on the first look-up, which happens only when something is wrong.
 */
export class Positions {
  private parse: { doc: Document.Parsed; lines: LineCounter } | undefined;

  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {}

  private parsed(): { doc: Document.Parsed; lines: LineCounter } {
    if (!this.parse) {
      const { LineCounter, parseDocument } = positionParser();
      const lines = new LineCounter();
      // Keys were checked for duplicates by js-yaml; `yaml`'s check is quadratic in a mapping's size.
      this.parse = {
        doc: parseDocument(this.text, { lineCounter: lines, uniqueKeys: false }),
        lines,
      };
    }
    return this.parse;
  }

  /**
   * Where a field is: the deepest node on the path that exists. With `key: true`,
   * the position of the key itself (for "unknown key" errors).
   */
  locate(path: readonly (string | number)[], opts: { key?: boolean } = {}): Location {
    // A large file: reading indentation is linear and cheap; a full parse can take longer than the rest of the run.
    if (this.text.length > QUICK_LOCATE_CHARS)
      return { file: this.file, ...quickLocate(this.text, path, opts) };
    const { doc, lines } = this.parsed();
    const { isMap, isSeq } = positionParser();
    let node: unknown = doc.contents;
    let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
    for (const [index, part] of path.entries()) {
      const last = index === path.length - 1;
      if (isMap(node)) {
        const pair = this.pairsOf(node).get(String(part));
        if (!pair) break;
        const keyNode = pair.key as Node;
        offset =
          (last && opts.key
            ? keyNode.range?.[0]
            : ((pair.value as Node | null)?.range?.[0] ?? keyNode.range?.[0])) ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof part === 'number') {
        const item = node.items[part] as Node | undefined;
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else {
        break;
      }
    }
    const pos = lines.linePos(offset);
    return { file: this.file, line: pos.line, column: pos.col };
  }

  /** Key → pair of a mapping, built once per mapping: `locate` is called for every dep and out. */
  private readonly pairIndex = new WeakMap<object, Map<string, Pair>>();
  private pairsOf(map: YAMLMap): Map<string, Pair> {
    let index = this.pairIndex.get(map);
    if (!index) {
      index = new Map();
      const { isPair, isScalar } = positionParser();
      for (const item of map.items)
        if (isPair(item) && isScalar(item.key)) index.set(String(item.key.value), item);
      this.pairIndex.set(map, index);
    }
    return index;
  }
}
