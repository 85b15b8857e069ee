import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

// Reading the commands out of markdown, for the tests that run the README and docs/:
// fenced blocks with their line numbers, shell commands joined across continuation lines,
// and each `curl` with the answer the page prints for it.

export interface Block {
  /** The info string after the opening fence (`sh`, `yaml`, or '' for a bare fence). */
  lang: string;
  /** The lines between the fences, each ending in a newline. */
  body: string;
  /** 1-based line of the block's first body line in the markdown file. */
  line: number;
}

/** Every fenced (```) block of `markdown`, in order. */
export function fencedBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const found: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end]!.startsWith('```')) end++;
    const body = lines.slice(start, end).map((line) => `${line}\n`);
    found.push({ lang: open[1]!, body: body.join(''), line: start + 1 });
    i = end;
  }
  return found;
}

/** The fenced `lang` blocks of the `## heading…` section of `markdown`. */
export function sectionBlocks(markdown: string, heading: string, lang: string): Block[] {
  const start = markdown.indexOf(`\n## ${heading}`);
  if (start < 0) throw new Error(`no "## ${heading}" section`);
  const end = markdown.indexOf('\n## ', start + 1);
  const before = markdown.slice(0, start + 1).split('\n').length - 1;
  return fencedBlocks(markdown.slice(start + 1, end < 0 ? undefined : end))
    .filter((block) => block.lang === lang)
    .map((block) => ({ ...block, line: block.line + before }));
}

export interface ShellCommand {
  /** The command as the shell gets it, continuation lines joined, without its comment. */
  text: string;
  /** The trailing `# …` comment on its last line, if any. */
  comment: string;
  /** Line (in the markdown file when the block's `line` is given) where it starts. */
  line: number;
  /** Index of its last line within the block. */
  last: number;
}

/**
 * The shell commands of a block: a trailing `\` or an open single/double quote continues
 * onto the next line; a `#` outside quotes starts a comment; comment-only lines are skipped.
 */
export function shellCommands(body: string, firstLine = 1): ShellCommand[] {
  const lines = body.split('\n');
  const commands: ShellCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*(#|$)/.test(lines[i]!)) continue;
    const start = i;
    let text = '';
    let comment = '';
    let quote: string | undefined;
    for (;;) {
      const line = lines[i]!;
      let j = 0;
      for (; j < line.length; j++) {
        const char = line[j]!;
        if (quote) {
          if (char === quote) quote = undefined;
        } else if (char === "'" || char === '"') quote = char;
        else if (char === '#' && (j === 0 || /\s/.test(line[j - 1]!))) break;
      }
      text += line.slice(0, j);
      if (j < line.length) comment = line.slice(j + 1).trim();
      if (quote !== undefined && i + 1 < lines.length) {
        text += '\n';
        i++;
      } else if (text.endsWith('\\') && i + 1 < lines.length) {
        text = text.slice(0, -1);
        i++;
      } else break;
    }
    commands.push({ text: text.trim(), comment, line: firstLine + start, last: i });
  }
  return commands;
}

export interface CurlExample {
  command: string;
  /** The JSON answer printed for it: `# {…}` on the next line, or leading its own comment. */
  expected: string | undefined;
  /** The URL path after `localhost:<port>`. */
  path: string;
  /** Its trailing comment (`# status`, `# name, versions, …`). */
  comment: string;
  line: number;
}

/** Each `curl …` of a shell block and the answer printed for it, if the page prints one. */
export function curlExamples(body: string, firstLine = 1): CurlExample[] {
  const lines = body.split('\n');
  return shellCommands(body, firstLine)
    .filter((command) => command.text.startsWith('curl '))
    .map((command) => {
      const next = lines[command.last + 1]?.trim() ?? '';
      const expected = /^# [[{]/.test(next)
        ? next.slice(2)
        : leadingJson(command.comment) || undefined;
      const path = /localhost:\d+(\S*?)(?=['"\s]|$)/.exec(command.text)?.[1] ?? '';
      return {
        command: command.text,
        expected,
        path,
        comment: command.comment,
        line: command.line,
      };
    });
}

/** The JSON object or array at the start of `text` (`{"ready":true}, 503 while …`), or ''. */
export function leadingJson(text: string): string {
  if (!/^[[{]/.test(text)) return '';
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return text.slice(0, i + 1);
    }
  }
  return '';
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Resolves on the first stdout line (the server's JSON log) matching `pattern`. */
export function waitForLine(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolveLine, reject) => {
    let seen = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      seen += chunk;
      if (pattern.test(seen)) resolveLine();
    });
    child.once('exit', (code) => reject(new Error(`cd4ml serve exited ${code}:\n${seen}`)));
  });
}
