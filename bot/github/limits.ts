/** GitHub rejects an issue comment body over this many characters. */
export const MAX_COMMENT_CHARS = 65_536;
/** GitHub rejects a check run `output.summary` (and `output.text`) over this many characters. */
export const MAX_CHECK_SUMMARY_CHARS = 65_535;

/**
 * Cuts markdown to at most `max` characters, visibly and never inside a table or a line:
 * at the last blank line that fits, closing any `<details>` left open, then a note.
 */
export function fitMarkdown(text: string, max: number): string {
  if (text.length <= max) return text;
  const note =
    '\n\n> ✂️ The rest of this report was cut to fit GitHub’s size limit; see the run’s artifacts for all of it.\n';
  // Room for the note and the `</details>` tags that may have to close what the cut left open.
  let budget = max - note.length;
  for (;;) {
    let cut = text.lastIndexOf('\n\n', Math.max(0, budget));
    if (cut <= 0) cut = Math.max(0, text.lastIndexOf('\n', Math.max(0, budget)));
    const kept = text.slice(0, cut);
    const open = count(kept, '<details') - count(kept, '</details>');
    const closing = '\n</details>'.repeat(Math.max(0, open));
    if (kept.length + closing.length + note.length <= max || cut === 0) {
      return `${kept}${closing}${note}`.slice(0, max);
    }
    budget = cut - 1;
  }
}

function count(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) n++;
  return n;
}
