/** A `/cd4ml …` command from the first line of a comment. */
export type Command =
  | { name: 'recompare' }
  | { name: 'override'; reason: string }
  | { name: 'rollback'; version: string }
  | { name: 'unknown'; text: string };

const PREFIX = /^\s*\/cd4ml(?:\s+(\S+))?(?:\s+(.*))?$/;

/** The command a comment gives, or null when it gives none. Only the first line counts. */
export function parseCommand(body: string): Command | null {
  const first = body.split(/\r?\n/, 1)[0] ?? '';
  const match = PREFIX.exec(first);
  if (!match) return null;
  const [, name = '', rest = ''] = match;
  const argument = rest.trim();
  switch (name.toLowerCase()) {
    case 'recompare':
      return { name: 'recompare' };
    case 'override':
      return { name: 'override', reason: argument };
    case 'rollback':
      return { name: 'rollback', version: argument };
    default:
      return { name: 'unknown', text: `${name} ${argument}`.trim() };
  }
}

export const HELP = [
  '`/cd4ml recompare` — compare this PR again',
  '`/cd4ml override <reason>` — pass the gate for the current head commit (write, maintain or admin permission)',
  '`/cd4ml rollback <version>` — deploy an earlier release again (maintain or admin permission)',
].join('\n');
