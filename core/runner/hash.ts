import { createHash } from 'node:crypto';
import {
  closeSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  statSync,
  mkdirSync,
  writeFileSync,
  renameSync,
  type Stats,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { readTextIfPresent } from '../fs/read.js';

/** A file or directory's content hash, DVC style: `hash` of a file, `<hash>.dir` for a directory. */
export interface Hashed {
  hash: string;
  size: number;
  /** For directories: relative path → hash of each file, sorted. */
  files?: Array<[string, string]>;
}

interface Entry {
  ino: number;
  size: number;
  mtimeMs: number;
  hash: string;
}

const CHUNK = 1 << 20;

/**
 * Hashes files, remembering each file's hash by (inode, size, mtime) in
 * `.cd4ml/tmp/hashes.json`, so a run where nothing changed reads no data.
 */
export class HashCache {
  private readonly entries: Map<string, Entry>;
  /** Every directory with remembered files below it; built on the first `forget` that needs it. */
  private parents: Set<string> | undefined;
  private dirty = false;
  private readonly buffer = Buffer.allocUnsafe(CHUNK);

  /**
   * `md5`: hashes as DVC writes them in dvc.lock — md5 of a file's bytes, and for a
   * directory md5 of its `[{"md5": …, "relpath": …}]` listing (dvc-data's tree) + `.dir`.
   */
  constructor(
    private readonly file: string,
    private readonly algorithm: 'sha256' | 'md5' = 'sha256',
  ) {
    let saved: Record<string, Entry> = {};
    try {
      saved = JSON.parse(readTextIfPresent(file) ?? '{}') as Record<string, Entry>;
    } catch {
      // No memo yet (or a torn one): everything gets hashed once.
    }
    this.entries = new Map(Object.entries(saved));
  }

  /** Hash of a file or directory at an absolute path, or undefined when it does not exist. */
  hash(path: string): Hashed | undefined {
    let stats: Stats | undefined;
    try {
      // A missing path is the common case for outs: no exception for it.
      stats = statSync(path, { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
    if (!stats) return undefined;
    return stats.isDirectory()
      ? this.hashDir(path)
      : { hash: this.hashFile(path, stats), size: stats.size };
  }

  hashFile(path: string, stats: Stats = statSync(path)): string {
    const known = this.entries.get(path);
    if (
      known &&
      known.ino === stats.ino &&
      known.size === stats.size &&
      known.mtimeMs === stats.mtimeMs
    )
      return known.hash;
    const hash = digestFile(path, this.buffer, this.algorithm);
    if (this.parents && !this.entries.has(path)) addParents(this.parents, path);
    this.entries.set(path, { ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs, hash });
    this.dirty = true;
    return hash;
  }

  private hashDir(dir: string): Hashed {
    const files: Array<[string, string]> = [];
    let size = 0;
    const walk = (abs: string, rel: string): void => {
      for (const name of readdirSync(abs).sort()) {
        const childAbs = join(abs, name);
        const childRel = rel ? `${rel}/${name}` : name;
        const stats = lstatSync(childAbs);
        if (stats.isDirectory()) walk(childAbs, childRel);
        else if (stats.isFile()) {
          files.push([childRel, this.hashFile(childAbs, stats)]);
          size += stats.size;
        }
      }
    };
    walk(dir, '');
    const listing =
      this.algorithm === 'md5'
        ? pythonJson(files.map(([relpath, md5]) => ({ md5, relpath })))
        : JSON.stringify(files);
    const hash = createHash(this.algorithm).update(listing).digest('hex');
    return { hash: `${hash}.dir`, size, files };
  }

  /** Drops what is remembered of a path (and, for a directory hashed before, of everything in it). */
  forget(path: string): void {
    if (this.entries.delete(path)) {
      // A file: nothing is remembered below it.
      this.dirty = true;
      return;
    }
    if (!this.parents) {
      this.parents = new Set();
      for (const key of this.entries.keys()) addParents(this.parents, key);
    }
    if (!this.parents.has(path)) return;
    const prefix = `${path}/`;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
    this.parents = undefined;
    this.dirty = true;
  }

  save(): void {
    if (!this.dirty) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(Object.fromEntries(this.entries)));
    renameSync(tmp, this.file);
    this.dirty = false;
  }
}

function addParents(parents: Set<string>, path: string): void {
  for (let dir = dirname(path); !parents.has(dir); dir = dirname(dir)) {
    parents.add(dir);
    if (dirname(dir) === dir) break;
  }
}

/** Python's `json.dumps(value, sort_keys=True)` of a list of flat string records (ASCII-escaped). */
function pythonJson(records: Array<Record<string, string>>): string {
  const str = (text: string): string =>
    JSON.stringify(text).replace(
      /[\u0080-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  return `[${records
    .map(
      (record) =>
        `{${Object.keys(record)
          .sort()
          .map((key) => `${str(key)}: ${str(record[key]!)}`)
          .join(', ')}}`,
    )
    .join(', ')}]`;
}

/** sha256 of a file, read in 1 MiB chunks (sha256 runs on the CPU's SHA extensions: ~2 GB/s). */
export function sha256File(path: string, buffer: Buffer = Buffer.allocUnsafe(CHUNK)): string {
  return digestFile(path, buffer, 'sha256');
}

function digestFile(path: string, buffer: Buffer, algorithm: 'sha256' | 'md5'): string {
  const hash = createHash(algorithm);
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
