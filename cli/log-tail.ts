import { readFileSync } from 'node:fs';

/** The last lines of a stage's log, for showing a failure. */
export function logTail(logFile: string, lines = 20): string {
  try {
    const text = readFileSync(logFile, 'utf8').trimEnd();
    return text.split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
