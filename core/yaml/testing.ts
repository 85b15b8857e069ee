/** Hostile inputs for tests of the parsing limits. */

/** Nine levels of nine aliases each: 9^10 strings once expanded, 600 bytes as text. */
export function aliasBomb(indent = ''): string {
  const lines = [`${indent}a0: &a0 [${Array(9).fill('"lol"').join(',')}]`];
  for (let i = 1; i < 10; i++)
    lines.push(
      `${indent}a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(',')}]`,
    );
  return `${lines.join('\n')}\n`;
}
