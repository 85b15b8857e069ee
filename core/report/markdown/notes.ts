import { escapeMarkdown } from '../escape.js';
import type { Section } from './section.js';

/** The comparison's notes (what could not be compared, and why). */
export const notesSection: Section = ({ comparison }, budget) => {
  if (comparison.notes.length === 0) return null;
  const lines: string[] = [];
  let size = 0;
  for (const note of comparison.notes) {
    const line = `- ${escapeMarkdown(note, 500)}`;
    if (size + line.length > budget - 200) break;
    lines.push(line);
    size += line.length;
  }
  return `**Notes**\n\n${lines.join('\n')}\n`;
};
