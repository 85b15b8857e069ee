import { statSync } from 'node:fs';

/**
 * A file's identity for caches: inode, size and mtime. Equal stamps mean the file was
 * not replaced or written since (to mtime resolution); undefined means it is missing.
 */
export function fileStamp(path: string): string | undefined {
  try {
    const s = statSync(path, { throwIfNoEntry: false });
    return s ? `${s.ino}:${s.size}:${s.mtimeMs}` : undefined;
  } catch {
    return undefined;
  }
}
